package org.lcnflow.integrators.implicit;

import java.util.Map;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.SolverStatistics;

/**
 * The running counters of an implicit integrator's run ({@link SolverStatistics} while it runs), saved in
 * and restored from the {@linkplain IntegratorState#control() control entries} of its state so that a
 * resumed run continues them. Mutable, one per run.
 */
public final class SolverCounters {

    private static final String[] KEYS = {
        "hessians", "differenceHessians", "factorizations", "newtonIterations", "newtonFailures"};

    /** Exact Hessians. */
    public long hessians;
    /** Hessians by differences of gradients. */
    public long differenceHessians;
    /** LU factorizations. */
    public long factorizations;
    /** Newton iterations. */
    public long newtonIterations;
    /** Newton iterations that did not converge. */
    public long newtonFailures;

    /** Counters at zero, for a fresh run. */
    public SolverCounters() {
    }

    /**
     * @param state a state saved with {@link #save}
     * @return the counters it holds
     * @throws IllegalArgumentException when the state has none
     */
    public static SolverCounters restore(IntegratorState state) {
        SolverCounters counters = new SolverCounters();
        counters.hessians = (long) state.control(KEYS[0]);
        counters.differenceHessians = (long) state.control(KEYS[1]);
        counters.factorizations = (long) state.control(KEYS[2]);
        counters.newtonIterations = (long) state.control(KEYS[3]);
        counters.newtonFailures = (long) state.control(KEYS[4]);
        return counters;
    }

    /**
     * Writes the counters as control entries (exact below {@code 2^53}).
     *
     * @param control the map of a state being made
     * @return {@code control}
     */
    public Map<String, Double> save(Map<String, Double> control) {
        control.put(KEYS[0], (double) hessians);
        control.put(KEYS[1], (double) differenceHessians);
        control.put(KEYS[2], (double) factorizations);
        control.put(KEYS[3], (double) newtonIterations);
        control.put(KEYS[4], (double) newtonFailures);
        return control;
    }

    /** @return the counters as the statistics of a result */
    public SolverStatistics statistics() {
        return new SolverStatistics(hessians, differenceHessians, factorizations, newtonIterations, newtonFailures);
    }
}
