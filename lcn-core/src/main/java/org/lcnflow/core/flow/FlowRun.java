package org.lcnflow.core.flow;

import java.util.Objects;
import org.lcnflow.api.FlowResult;
import org.lcnflow.core.theory.Diagnostics;

/**
 * Everything one run of the gradient flow produced.
 *
 * @param result      the integrator's result
 * @param trajectory  the recorded states
 * @param diagnostics what the run shows about the theory
 */
public record FlowRun(FlowResult result, Trajectory trajectory, Diagnostics diagnostics) {

    /** Checks for nulls. */
    public FlowRun {
        Objects.requireNonNull(result, "result is null");
        Objects.requireNonNull(trajectory, "trajectory is null");
        Objects.requireNonNull(diagnostics, "diagnostics is null");
    }
}
