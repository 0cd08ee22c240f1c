package org.lcnflow.losses;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * High-precision reference values (120 significant digits) of the losses and their derivatives, computed
 * from the defining formulas with {@link BigDecimal}, independently of the double-precision code under
 * test: {@code exp} by Taylor series after halving the argument, {@code log} by Halley's iteration on
 * {@code exp}. Slow, for tests only.
 */
final class BigReference {

    static final MathContext MC = new MathContext(120, RoundingMode.HALF_EVEN);
    private static final MathContext WORK = new MathContext(140, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal LN10 = halley(BigDecimal.TEN, Math.log(10.0));

    private BigReference() {
    }

    static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    /** @return {@code e^x} */
    static BigDecimal exp(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        // halve until |y| < 2^-12, sum the Taylor series, square back
        int halvings = Math.max(0, Math.getExponent(x.abs().doubleValue()) + 13);
        BigDecimal y = x;
        for (int i = 0; i < halvings; i++) {
            y = y.multiply(HALF);
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal tiny = BigDecimal.ONE.movePointLeft(WORK.getPrecision() + 5);
        for (int k = 1; term.abs().compareTo(tiny) > 0; k++) {
            term = term.multiply(y, WORK).divide(BigDecimal.valueOf(k), WORK);
            sum = sum.add(term, WORK);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, WORK);
        }
        return sum.round(MC);
    }

    /** @return {@code ln x} for {@code x > 0} */
    static BigDecimal log(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("log of " + x);
        }
        int e10 = x.precision() - x.scale() - 1;           // x = f 10^e10, 1 <= f < 10
        BigDecimal f = x.movePointLeft(e10);
        BigDecimal lnF = halley(f, Math.log(f.doubleValue()));
        return lnF.add(LN10.multiply(BigDecimal.valueOf(e10), WORK), MC);
    }

    /** Halley's iteration {@code y <- y + 2 (f - e^y) / (f + e^y)} for {@code ln f}, from a double guess. */
    private static BigDecimal halley(BigDecimal f, double guess) {
        BigDecimal y = new BigDecimal(guess);
        for (int i = 0; i < 4; i++) {
            BigDecimal ey = exp(y);
            y = y.add(TWO.multiply(f.subtract(ey, WORK), WORK).divide(f.add(ey, WORK), WORK), WORK);
        }
        return y;
    }

    static BigDecimal cosh(BigDecimal a) {
        return exp(a).add(exp(a.negate()), WORK).multiply(HALF, WORK);
    }

    static BigDecimal sinh(BigDecimal a) {
        return exp(a).subtract(exp(a.negate()), WORK).multiply(HALF, WORK);
    }

    static BigDecimal div(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC);
    }

    // ---- the losses' phi, phi', phi'' from their definitions ----

    static BigDecimal[] logCosh(double alpha, double r) {
        BigDecimal al = big(alpha);
        BigDecimal a = al.multiply(big(r));
        BigDecimal c = cosh(a);
        return new BigDecimal[] {
            div(log(c), al),
            div(sinh(a), c),
            div(al, c.multiply(c, WORK)),
        };
    }

    static BigDecimal[] generalizedHuber(double alpha, double beta, double r) {
        BigDecimal al = big(alpha);
        BigDecimal b = big(beta);
        BigDecimal a = al.multiply(big(r));
        BigDecimal u = cosh(a);
        BigDecimal den = TWO.multiply(u).add(b, WORK);      // e^a + e^-a + beta
        return new BigDecimal[] {
            div(log(den), al),
            div(TWO.multiply(sinh(a), WORK), den),
            div(TWO.multiply(al).multiply(TWO.add(b.multiply(u, WORK), WORK), WORK), den.multiply(den, WORK)),
        };
    }

    static BigDecimal[] pseudoHuber(double delta, double r) {
        BigDecimal d = big(delta);
        BigDecimal x = big(r);
        BigDecimal d2 = d.multiply(d);
        BigDecimal h = d2.add(x.multiply(x)).sqrt(WORK);
        return new BigDecimal[] {
            h.round(MC),
            div(x, h),
            div(d2, h.multiply(h, WORK).multiply(h, WORK)),
        };
    }

    static BigDecimal[] lp(double p, double r) {
        BigDecimal pp = big(p);
        BigDecimal x = big(Math.abs(r));
        BigDecimal lnX = log(x);
        BigDecimal sign = BigDecimal.valueOf(Math.signum(r));
        return new BigDecimal[] {
            div(exp(pp.multiply(lnX, WORK)), pp),
            exp(pp.subtract(BigDecimal.ONE).multiply(lnX, WORK)).multiply(sign).round(MC),
            pp.subtract(BigDecimal.ONE).multiply(exp(pp.subtract(TWO).multiply(lnX, WORK)), MC),
        };
    }

    /**
     * @return the error of {@code computed} in units of the last place of the reference rounded to double;
     *         {@code NaN} when the reference is outside the normal double range
     */
    static double ulps(double computed, BigDecimal reference) {
        double rounded = reference.doubleValue();
        if (Math.abs(rounded) < Double.MIN_NORMAL || Double.isInfinite(rounded)) {
            return Double.NaN;
        }
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        return big(computed).subtract(reference).abs().divide(big(Math.ulp(rounded)), MathContext.DECIMAL64).doubleValue();
    }
}
