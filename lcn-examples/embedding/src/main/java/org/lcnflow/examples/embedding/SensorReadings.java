package org.lcnflow.examples.embedding;

import java.util.Random;
import org.lcnflow.api.Dataset;

/**
 * The host program's own data, made in memory: a noisy sensor signal cut into windows of
 * {@value #WINDOW} consecutive readings, and for each window the {@value #OUTPUTS} values the host's
 * legacy smoother produced from it, logged with a little rounding noise. The legacy smoother is a
 * three-point moving average followed by the binomial filter {@code (1, 2, 1) / 4}, as one valid
 * convolution {@code (1, 3, 4, 3, 1) / 12}; two layers of width 3 represent it exactly, with layer
 * polynomials that share no root. The host wants an LCN that reproduces it. The same seed gives the same
 * readings on every machine.
 */
public final class SensorReadings {

    /** Readings per window: the network's input dimension {@code d_0}. */
    public static final int WINDOW = 9;

    /** Smoothed values per window: the network's output dimension {@code d_N}. */
    public static final int OUTPUTS = 5;

    /** The legacy smoother, {@code (1, 3, 4, 3, 1) / 12 = (1, 1, 1) / 3 * (1, 2, 1) / 4}. */
    private static final double[] SMOOTHER = {1.0 / 12, 3.0 / 12, 4.0 / 12, 3.0 / 12, 1.0 / 12};

    /** Amplitude of the slowly varying signal. */
    private static final double SIGNAL = 0.5;

    /** Standard deviation of the sensor noise on the readings. */
    private static final double SENSOR_NOISE = 0.5;

    /** Standard deviation of the rounding noise on the logged smoothed values. */
    private static final double LOG_NOISE = 1e-3;

    private SensorReadings() {
    }

    /** @return the legacy smoother's filter, a fresh array */
    public static double[] smoother() {
        return SMOOTHER.clone();
    }

    /**
     * @param windows how many windows (samples), {@code >= 1}
     * @param seed    the seed of the sensor and rounding noise
     * @return windows of readings as inputs, the logged smoothed values as targets
     * @throws IllegalArgumentException when {@code windows < 1}
     */
    public static Dataset generate(int windows, long seed) {
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be >= 1, got " + windows);
        }
        Random random = new Random(seed);
        double[] signal = new double[windows + WINDOW - 1];
        for (int t = 0; t < signal.length; t++) {
            signal[t] = SIGNAL * (Math.sin(0.35 * t) + 0.5 * Math.sin(0.09 * t + 1)) + SENSOR_NOISE * random.nextGaussian();
        }
        double[][] inputs = new double[windows][WINDOW];
        double[][] targets = new double[windows][OUTPUTS];
        for (int i = 0; i < windows; i++) {
            System.arraycopy(signal, i, inputs[i], 0, WINDOW);
            for (int j = 0; j < OUTPUTS; j++) {
                double smoothed = 0;
                for (int n = 0; n < SMOOTHER.length; n++) {
                    smoothed += SMOOTHER[n] * inputs[i][j + n];
                }
                targets[i][j] = smoothed + LOG_NOISE * random.nextGaussian();
            }
        }
        return new Dataset(inputs, targets);
    }
}
