package org.lcnflow.core.theory;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.endpoint.EndPoint;

/**
 * What a run shows about the theory's promises. Immutable; never holds {@code NaN} (an absent quantity
 * is an empty optional).
 *
 * @param monotonicity      whether the loss decreased at every step ({@code dL/dt = -||grad L||^2})
 * @param balancedness      conservation of {@code delta_i} (Lemma 3.3)
 * @param boundedness       the bound on {@code ||v(t)||_1} (Lemma 3.6 / Cor. 3.7)
 * @param hypotheses        which hypotheses of Theorem 3.8 hold
 * @param finalGradientNorm {@code ||grad L||_2} at the end
 * @param stopReason        why the run ended
 * @param endPoint          where the run ended: critical point classification and global-minimum certificates
 */
public record Diagnostics(Monotonicity monotonicity, BalancednessDrift balancedness, Boundedness boundedness,
                          Hypotheses hypotheses, double finalGradientNorm, StopReason stopReason,
                          EndPoint endPoint) {

    /** Checks for nulls. */
    public Diagnostics {
        Objects.requireNonNull(monotonicity, "monotonicity is null");
        Objects.requireNonNull(balancedness, "balancedness is null");
        Objects.requireNonNull(boundedness, "boundedness is null");
        Objects.requireNonNull(hypotheses, "hypotheses is null");
        Objects.requireNonNull(stopReason, "stopReason is null");
        Objects.requireNonNull(endPoint, "endPoint is null");
    }

    /**
     * Steps at which the loss went up; the exact flow has none ({@code dL/dt = -||grad L||^2}).
     *
     * @param increases       accepted steps with {@code L(t_{n+1}) > L(t_n)} by more than the risk's rounding
     *                        (64 ulps of {@code L(t_n)})
     * @param largestIncrease the largest such increase (0 when none)
     */
    public record Monotonicity(long increases, double largestIncrease) {

        /** @return whether the loss never increased */
        public boolean isMonotone() {
            return increases == 0;
        }
    }

    /**
     * Drift of the balancedness differences {@code delta_i = ||w^(i+1)||^2 - ||w^(i)||^2}.
     *
     * @param initial             {@code delta_i(0)} (copied)
     * @param last                {@code delta_i} at the end (copied)
     * @param largestDrift        {@code max_{t, i} |delta_i(t) - delta_i(0)|} over accepted steps
     * @param largestRelativeDrift the same divided by {@code max(1, max_i ||w^(i)(0)||^2)}
     */
    public record BalancednessDrift(double[] initial, double[] last, double largestDrift,
                                    double largestRelativeDrift) {

        /** Copies the arrays. */
        public BalancednessDrift {
            initial = initial.clone();
            last = last.clone();
        }

        @Override
        public double[] initial() {
            return initial.clone();
        }

        @Override
        public double[] last() {
            return last.clone();
        }
    }

    /**
     * The boundedness of the final filter.
     *
     * @param rank                 numerical rank of {@code X X^T}
     * @param inputDimension       {@code d_0}, the full rank
     * @param conditionNumber      condition number of {@code X X^T} (infinite when singular)
     * @param bound                {@code g(L(w0))} when {@code X X^T} has full rank and the loss has a finite {@code h}
     * @param largestFinalFilterL1 the largest {@code ||v(t)||_1} seen over accepted steps
     */
    public record Boundedness(int rank, int inputDimension, double conditionNumber, OptionalDouble bound,
                              double largestFinalFilterL1) {

        /** @return whether {@code X X^T} has full rank */
        public boolean isFullRank() {
            return rank == inputDimension;
        }

        /** @return {@code largestFinalFilterL1 / bound}; at most 1 where the lemma applies */
        public OptionalDouble ratio() {
            return bound.isPresent() && bound.getAsDouble() > 0
                    ? OptionalDouble.of(largestFinalFilterL1 / bound.getAsDouble()) : OptionalDouble.empty();
        }

        /** @return whether the bound is known and held at every accepted step */
        public boolean holds() {
            return bound.isPresent() && largestFinalFilterL1 <= bound.getAsDouble() * (1 + 1e-12);
        }
    }

    /**
     * Theorem 3.8's hypotheses for this run.
     *
     * @param analyticLoss  the loss is analytic, so {@code L} satisfies the Lojasiewicz inequality
     * @param coerciveBound the loss supplies a finite {@code h} with {@code ||V X - Y||_1 <= h(L)} (eq. (3.8))
     * @param fullRankData  {@code X X^T} has full rank
     * @param failures      one sentence per hypothesis that fails, saying why (empty when all hold)
     */
    public record Hypotheses(boolean analyticLoss, boolean coerciveBound, boolean fullRankData,
                             List<String> failures) {

        /** Copies the list. */
        public Hypotheses {
            failures = List.copyOf(failures);
        }

        /** @return whether Theorem 3.8 applies: the flow is bounded and converges to a critical point */
        public boolean theoremApplies() {
            return analyticLoss && coerciveBound && fullRankData;
        }
    }
}
