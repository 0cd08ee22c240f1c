package org.lcnflow.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of integrating the gradient flow: the state reached and how the integrator got there.
 * Every {@link StopReason} comes with a valid result: on {@link StopReason#DIVERGED} it is the last
 * finite state and its time; no field is ever {@code NaN}.
 *
 * @param parameters    the parameter vector {@code w} at {@link #time()} (copied in and out)
 * @param time          the time reached
 * @param value         {@code L(w)} there
 * @param gradientNorm  {@code ||grad L(w)||_2} there
 * @param steps         accepted steps
 * @param rejectedSteps rejected step attempts (0 for fixed-step methods)
 * @param evaluations   gradient evaluations, exactly
 * @param stopReason    why the run ended
 * @param solver        what an implicit method spent beyond gradient evaluations (Hessians, factorizations,
 *                      Newton iterations); {@link SolverStatistics#NONE} for an explicit one
 */
public record FlowResult(double[] parameters, double time, double value, double gradientNorm, long steps,
                         long rejectedSteps, long evaluations, StopReason stopReason, SolverStatistics solver) {

    /**
     * The result of an explicit method, with {@link SolverStatistics#NONE}.
     *
     * @see #FlowResult(double[], double, double, double, long, long, long, StopReason, SolverStatistics)
     */
    public FlowResult(double[] parameters, double time, double value, double gradientNorm, long steps,
                      long rejectedSteps, long evaluations, StopReason stopReason) {
        this(parameters, time, value, gradientNorm, steps, rejectedSteps, evaluations, stopReason,
                SolverStatistics.NONE);
    }

    /** Copies the parameters and checks the fields. */
    public FlowResult {
        Objects.requireNonNull(parameters, "parameters is null");
        Objects.requireNonNull(stopReason, "stopReason is null");
        Objects.requireNonNull(solver, "solver is null");
        parameters = parameters.clone();
        if (Double.isNaN(time) || Double.isNaN(value) || Double.isNaN(gradientNorm)) {
            throw new IllegalArgumentException("a flow result may not hold NaN: time=" + time + ", value=" + value
                    + ", gradientNorm=" + gradientNorm);
        }
        if (steps < 0 || rejectedSteps < 0 || evaluations < 0) {
            throw new IllegalArgumentException("counters must be >= 0: steps=" + steps + ", rejectedSteps="
                    + rejectedSteps + ", evaluations=" + evaluations);
        }
    }

    /** @return a copy of {@code w} at {@link #time()} */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FlowResult)) {
            return false;
        }
        FlowResult that = (FlowResult) other;
        return Arrays.equals(parameters, that.parameters)
                && Double.compare(time, that.time) == 0
                && Double.compare(value, that.value) == 0
                && Double.compare(gradientNorm, that.gradientNorm) == 0
                && steps == that.steps && rejectedSteps == that.rejectedSteps && evaluations == that.evaluations
                && stopReason == that.stopReason && solver.equals(that.solver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(parameters), time, value, gradientNorm, steps, rejectedSteps,
                evaluations, stopReason, solver);
    }

    @Override
    public String toString() {
        return "FlowResult(stopReason=" + stopReason + ", time=" + time + ", value=" + value + ", gradientNorm="
                + gradientNorm + ", steps=" + steps + ", rejectedSteps=" + rejectedSteps + ", evaluations="
                + evaluations + (solver.isEmpty() ? "" : ", solver=" + solver) + ", parameters="
                + Arrays.toString(parameters) + ")";
    }
}
