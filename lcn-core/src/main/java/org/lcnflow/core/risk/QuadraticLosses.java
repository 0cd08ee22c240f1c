package org.lcnflow.core.risk;

import java.lang.reflect.Method;
import java.util.OptionalDouble;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * Which losses are exactly {@code c ||z - y||^2}, so that the risk is a {@link org.lcnflow.core.risk.engine.QuadraticForm QuadraticForm}.
 *
 * <p>Recognition is by identity, not by sampling: lcn-core does not depend on lcn-losses and lcn-api
 * has no way for a loss to declare itself quadratic, so the two built-in quadratic losses are named
 * here: {@code org.lcnflow.losses.SquareLoss} ({@code c = 1}) and {@code org.lcnflow.losses.LpLoss} with
 * {@code p() == 2} ({@code c = 1/2}, read through its public accessor). Any other loss, a subclass or a
 * user's own square loss included, takes the data pass. As a guard against those classes changing, a
 * recognised loss must also give exactly {@code phi(r) = c r^2} and {@code phi'(r) = 2 c r} at a few
 * residuals whose squares are exact; that check is not what makes the recognition sound, the identity is.
 * The tests of lcn-core (which see lcn-losses) make sure both built-ins are recognised, so a renamed class
 * fails the build rather than silently losing the fast path.
 */
final class QuadraticLosses {

    static final String SQUARE = "org.lcnflow.losses.SquareLoss";
    static final String LP = "org.lcnflow.losses.LpLoss";

    private static final double[] PROBES = {0.0, 1.0, -1.0, 0.5, 3.0, -7.25, 1024.0, -0x1p-20};

    private QuadraticLosses() {
    }

    /**
     * @param loss a loss
     * @return {@code c} when the loss is one of the built-in quadratic losses, else empty
     */
    static OptionalDouble scaleOf(Loss loss) {
        String name = loss.getClass().getName();
        double scale;
        if (SQUARE.equals(name)) {
            scale = 1.0;
        } else if (LP.equals(name) && exponent(loss) == 2.0) {
            scale = 0.5;
        } else {
            return OptionalDouble.empty();
        }
        if (!(loss instanceof SeparableLoss)) {
            return OptionalDouble.empty();
        }
        SeparableLoss separable = (SeparableLoss) loss;
        for (double r : PROBES) {
            if (separable.phi(r) != scale * r * r || separable.phiPrime(r) != 2 * scale * r) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(scale);
    }

    private static double exponent(Loss loss) {
        try {
            Method p = loss.getClass().getMethod("p");
            Object value = p.invoke(loss);
            return value instanceof Double ? (Double) value : Double.NaN;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
