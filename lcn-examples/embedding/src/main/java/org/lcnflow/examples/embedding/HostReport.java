package org.lcnflow.examples.embedding;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.theory.Diagnostics;

/**
 * What the host program takes from one training run: everything is read from the objects lcn-flow
 * returns ({@link FlowRun}: the {@link FlowResult}, the trajectory and the {@link Diagnostics}), nothing is
 * parsed from files or logs.
 *
 * @param wiring        how lcn-flow was put together, for the report's title
 * @param spec          the run
 * @param data          the host's data the run trained on
 * @param run           what lcn-flow returned
 * @param observedSteps the accepted steps the host's own observer counted, when it installed one
 */
public record HostReport(String wiring, FlowSpec spec, Dataset data, FlowRun run, OptionalLong observedSteps) {

    /** Checks for nulls. */
    public HostReport {
        Objects.requireNonNull(wiring, "wiring is null");
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(run, "run is null");
        Objects.requireNonNull(observedSteps, "observedSteps is null");
    }

    /** @return {@code L(w0)} */
    public double initialLoss() {
        return run.trajectory().first().loss();
    }

    /** @return {@code L} where the run stopped */
    public double finalLoss() {
        return run.result().value();
    }

    /** @return the final filter the LCN learned: the smoother it applies */
    public double[] learnedSmoother() {
        return run.trajectory().last().finalFilter();
    }

    /** @return the learned filter of each layer, from the parameters where the run stopped */
    public double[][] layerFilters() {
        double[] w = run.result().parameters();
        double[][] layers = new double[spec.architecture().depth()][];
        for (int i = 0; i < layers.length; i++) {
            int offset = spec.architecture().offset(i);
            layers[i] = Arrays.copyOfRange(w, offset, offset + spec.architecture().width(i));
        }
        return layers;
    }

    /** @return the Euclidean distance of the learned smoother from the legacy one */
    public double smootherError() {
        double[] learned = learnedSmoother();
        double[] legacy = SensorReadings.smoother();
        double sum = 0;
        for (int i = 0; i < legacy.length; i++) {
            sum += (learned[i] - legacy[i]) * (learned[i] - legacy[i]);
        }
        return Math.sqrt(sum);
    }

    /**
     * Prints the report; numbers in scientific notation with 7 significant digits ({@link #number}).
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        FlowResult result = run.result();
        Diagnostics diagnostics = run.diagnostics();
        out.println("lcn-flow embedded in a host program, wiring: " + wiring);
        out.println("  data               " + data.sampleCount() + " windows of " + data.inputDimension()
                + " readings -> " + data.outputDimension() + " smoothed values, in memory");
        out.println("  network            " + spec.architecture());
        out.println("  run                " + spec.loss() + " with " + spec.integrator());
        out.println("  stopped            " + result.stopReason() + " at t = " + number(result.time()) + " after "
                + result.steps() + " steps (" + result.rejectedSteps() + " rejected), " + result.evaluations()
                + " gradient evaluations");
        observedSteps.ifPresent(steps -> out.println("  host's observer    saw " + steps + " accepted steps"));
        out.println("  loss               " + number(initialLoss()) + " -> " + number(finalLoss()));
        out.println("  gradient norm      " + number(result.gradientNorm()));
        StringBuilder layers = new StringBuilder();
        for (double[] layer : layerFilters()) {
            layers.append(layers.length() == 0 ? "" : " then ").append(filter(layer));
        }
        out.println("  layer filters      " + layers);
        out.println("  learned smoother   " + filter(learnedSmoother()));
        out.println("  legacy smoother    " + filter(SensorReadings.smoother()));
        out.println("  smoother error     " + number(smootherError()));
        out.println("  loss monotone      " + (diagnostics.monotonicity().isMonotone() ? "yes" : "no") + " ("
                + diagnostics.monotonicity().increases() + " increases)");
        out.println("  balancedness       largest drift " + number(diagnostics.balancedness().largestDrift())
                + " (relative " + number(diagnostics.balancedness().largestRelativeDrift()) + ")");
        Diagnostics.Boundedness bound = diagnostics.boundedness();
        out.println("  ||v(t)||_1         largest " + number(bound.largestFinalFilterL1())
                + (bound.bound().isPresent() ? " <= g(L(w0)) = " + number(bound.bound().getAsDouble())
                + (bound.holds() ? " (holds)" : " (VIOLATED)") : " (no bound known)"));
        out.println("  theorem 3.8        " + (diagnostics.hypotheses().theoremApplies() ? "applies"
                : "does not apply: " + String.join("; ", diagnostics.hypotheses().failures())));
    }

    /**
     * @param x a number
     * @return {@code x} as printed in reports, e.g. {@code 1.234568e-04}
     */
    public static String number(double x) {
        return String.format(Locale.ROOT, "%.6e", x);
    }

    /**
     * @param v a filter
     * @return e.g. {@code [0.06250, 0.25000, 0.37500, 0.25000, 0.06250]}
     */
    public static String filter(double[] v) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5f", v[i]));
        }
        return text.append(']').toString();
    }
}
