package org.lcnflow.losses;

/**
 * Small numerical kernels shared by the exponential-type losses (log-cosh, generalized Huber).
 *
 * <p>The tails of those losses are evaluated in terms of {@code e = exp(-a)} with {@code a = alpha |r| >= 0},
 * which never overflows. Two refinements keep second derivatives accurate far out in the tail, where they
 * are tiny but still representable:
 * <ul>
 *   <li>{@code a} is a rounded product; its rounding error {@code lo} (exact, from an FMA) would be
 *       amplified by {@code a} in {@code exp(-a)}, so it is folded back in to first order;</li>
 *   <li>{@code alpha * exp(-a)} is formed as {@code (alpha * h) * h} with {@code h = exp(-a/2)} when
 *       {@code exp(-a)} alone would be subnormal, so a large {@code alpha} does not multiply an already
 *       underflowed number.</li>
 * </ul>
 */
final class Numerics {

    /** The double nearest {@code ln 2}. */
    static final double LN2 = Math.log(2.0);

    /** Beyond this {@code a}, {@code exp(-a)} is close to the subnormal range ({@code exp(-708) ~ 3e-308}). */
    private static final double SUBNORMAL_RISK = 700.0;

    private Numerics() {
    }

    /**
     * @param alpha a factor
     * @param x     another factor
     * @param hi    {@code alpha * x} rounded
     * @return {@code lo} with {@code alpha * x = hi + lo} exactly, or 0 when {@code hi} is not finite
     */
    static double productError(double alpha, double x, double hi) {
        return Double.isFinite(hi) ? Math.fma(alpha, x, -hi) : 0.0;
    }

    /**
     * @param a  {@code >= 0}, possibly infinite
     * @param lo a correction to {@code a}, tiny relative to it (see {@link #productError})
     * @return {@code exp(-(a + lo))}, to first order in {@code lo}
     */
    static double expNeg(double a, double lo) {
        double e = Math.exp(-a);
        return e - e * lo;
    }

    /**
     * @param scale any finite number
     * @param a     {@code >= 0}, possibly infinite
     * @param lo    a correction to {@code a} as in {@link #expNeg}
     * @return {@code scale * exp(-(a + lo))}, without underflowing the exponential before scaling
     */
    static double scaledExpNeg(double scale, double a, double lo) {
        if (a <= SUBNORMAL_RISK) {
            return scale * expNeg(a, lo);
        }
        double h = expNeg(0.5 * a, 0.5 * lo);
        return (scale * h) * h;
    }

    /**
     * @param t {@code expm1(a)} for some {@code a >= 0} of moderate size
     * @return {@code cosh(a) - 1 = t^2 / (2 (1 + t))}, with full relative accuracy for small {@code a}
     */
    static double coshMinusOne(double t) {
        return t * t / (2.0 * (1.0 + t));
    }

    /** @return the number as Java prints a double, for {@code toString} and messages */
    static String format(double value) {
        return Double.toString(value);
    }
}
