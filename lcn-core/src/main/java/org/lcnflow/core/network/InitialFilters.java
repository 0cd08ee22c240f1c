package org.lcnflow.core.network;

import java.util.Random;
import org.lcnflow.api.Architecture;

/**
 * Seeded random initial filters. {@link Random}'s generator and Gaussian transform are specified exactly
 * by the Java platform, so the same seed gives the same filters on every machine.
 */
public final class InitialFilters {

    private InitialFilters() {
    }

    /**
     * @param architecture the network
     * @param seed         the seed
     * @param scale        the standard deviation of every entry, {@code > 0} and finite
     * @return {@code w} with independent {@code N(0, scale^2)} entries, layer by layer
     */
    public static double[] gaussian(Architecture architecture, long seed, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("init scale must be > 0 and finite, got " + scale);
        }
        Random random = new Random(seed);
        double[] w = new double[architecture.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * random.nextGaussian();
        }
        return w;
    }
}
