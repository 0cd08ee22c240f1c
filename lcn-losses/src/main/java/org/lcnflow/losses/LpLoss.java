package org.lcnflow.losses;

import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.SeparableLoss;

/**
 * The {@code l_p} loss of section 3.3, {@code l_p(z, y) = (1/p) ||z - y||_p^p = (1/p) sum_j |r_j|^p}
 * for a finite {@code p >= 1}: {@code phi(r) = |r|^p / p}, {@code phi'(r) = sign(r) |r|^(p-1)},
 * {@code phi''(r) = (p - 1) |r|^(p-2)}.
 *
 * <p>Convex for every {@code p >= 1}. Analytic, and so covered by Theorem 3.8, exactly for even integer
 * {@code p}; for other {@code p} the absolute value makes it non-analytic at {@code r = 0}.
 *
 * <p>Conventions where the issue leaves a choice:
 * <ul>
 *   <li><b>Overflow.</b> {@code |r|^p / p} exceeds the double range for large {@code |r|} and {@code p}.
 *       {@link #phi}, {@link #phiPrime} and {@link #phiSecond} return {@code +-Infinity} only where the
 *       true value exceeds {@link Double#MAX_VALUE} (up to the last-ulp rounding at the boundary):
 *       {@code |r|^p / p} is formed without the intermediate {@code |r|^p} overflowing, and likewise
 *       {@code (p - 1) |r|^(p-2)}. They never return NaN for a finite residual.</li>
 *   <li><b>{@code r = 0} for {@code p < 2}.</b> {@code phi''(0)} does not exist: for {@code 1 < p < 2},
 *       {@code phi''(r) -> +Infinity} as {@code r -> 0}; for {@code p = 1}, {@code phi'} jumps from -1 to
 *       1 (a Dirac mass in the distributional sense). Both return {@code +Infinity}, the limit of the
 *       difference quotients of {@code phi'} at 0. For {@code p = 1}, {@code phi''(r) = 0} for {@code r != 0}
 *       and {@code phi'(0) = 0}, the minimal-norm subgradient.</li>
 * </ul>
 *
 * <p>Its {@link #l1Bound bound} is the paper's {@code h(L) = d_N m p^(1/p) L^(1/p)} (proof of
 * Theorem 3.8, from Hoelder's inequality {@code ||R||_1 <= n^(1-1/p) ||R||_p} with {@code n = d_N m},
 * relaxed by {@code n^(1-1/p) <= n}). Immutable and thread-safe.
 *
 * <p>{@link #of} (and so the {@code lp} provider) gives, for {@code p = 2}, an {@code l_2} loss that is also
 * a {@link QuadraticLoss} with coefficient {@code 1/2}, so that the empirical risk takes its quadratic form;
 * {@code new LpLoss(2)} is the same function without that declaration. Closed to subclasses outside this
 * class.
 */
public sealed class LpLoss implements SeparableLoss permits LpLoss.Squared {

    /** The provider name. */
    public static final String NAME = "lp";

    /** The default exponent. */
    public static final double DEFAULT_P = 2.0;

    private final double p;

    /**
     * @param p the exponent, finite and {@code >= 1}
     * @throws IllegalArgumentException e.g. {@code lp: p must be >= 1, got 0.5}
     */
    public LpLoss(double p) {
        this.p = Checks.atLeast(NAME, "p", p, 1.0, "1");
    }

    /**
     * @param p the exponent, finite and {@code >= 1}
     * @return the {@code l_p} loss; for {@code p = 2} a {@link QuadraticLoss} ({@code phi(r) = r^2 / 2})
     * @throws IllegalArgumentException as {@link #LpLoss(double)}
     */
    public static LpLoss of(double p) {
        return p == 2.0 ? new Squared() : new LpLoss(p);
    }

    /** @return the exponent {@code p} */
    public double p() {
        return p;
    }

    @Override
    public double phi(double r) {
        double a = Math.abs(r);
        double power = Math.pow(a, p);
        if (power != Double.POSITIVE_INFINITY) {
            return power / p;
        }
        // |r|^p overflows; |r|^p / p = (|r|^(p/2) / p) * |r|^(p/2). If |r|^(p/2) overflows too,
        // then |r|^p / p > 2^2048 / p > 2^1024 for every finite p, so +Infinity is the true answer.
        double half = Math.pow(a, 0.5 * p);
        return (half / p) * half;
    }

    @Override
    public double phiPrime(double r) {
        if (r == 0) {
            return 0.0;
        }
        return Math.copySign(Math.pow(Math.abs(r), p - 1.0), r);
    }

    /**
     * @return {@code (p - 1) |r|^(p-2)}; {@code +Infinity} at {@code r = 0} for {@code p < 2} (see the
     *         class comment), 0 at {@code r != 0} for {@code p = 1}
     */
    @Override
    public double phiSecond(double r) {
        double a = Math.abs(r);
        if (p < 2.0 && a == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 1.0) {
            return 0.0;
        }
        double power = Math.pow(a, p - 2.0);
        if (power != Double.POSITIVE_INFINITY) {
            return (p - 1.0) * power;
        }
        // Only for 1 < p < 2 near 0: a^(p-2) overflows although (p - 1) a^(p-2) may not.
        double half = Math.pow(a, 0.5 * (p - 2.0));
        return ((p - 1.0) * half) * half;
    }

    /** @return whether {@code p} is an even integer (Theorem 3.8) */
    @Override
    public boolean isAnalytic() {
        return p % 2.0 == 0.0;
    }

    @Override
    public boolean isConvex() {
        return true;
    }

    /** @return {@code h(L) = d_N m p^(1/p) L^(1/p)} */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Checks.l1BoundArguments(NAME, risk, outputDimension, samples, true);
        double n = (double) outputDimension * samples;
        return n * Math.pow(p, 1.0 / p) * Math.pow(risk, 1.0 / p);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LpLoss && Double.compare(p, ((LpLoss) other).p) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    /** @return e.g. {@code lp(p=3.0)} */
    @Override
    public String toString() {
        return NAME + "(p=" + Numerics.format(p) + ")";
    }

    /** {@code l_2}: {@code (1/2) sum_j r_j^2}, declared quadratic. Equal to {@code new LpLoss(2)}. */
    static final class Squared extends LpLoss implements QuadraticLoss {

        Squared() {
            super(2.0);
        }

        /** @return {@code 1/2} */
        @Override
        public double coefficient() {
            return 0.5;
        }
    }
}
