package org.lcnflow.examples.cauchy;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/**
 * Publishes {@link WelschLoss} as {@code welsch} with the parameter {@code c}; listed in
 * {@code META-INF/services/org.lcnflow.api.LossProvider}. Stateless.
 */
public final class WelschLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS = Map.of(Scale.NAME,
            "scale beyond which residuals stop costing more; default 1; > 0, finite");

    /** For {@link java.util.ServiceLoader}. */
    public WelschLossProvider() {
    }

    @Override
    public String name() {
        return WelschLoss.NAME;
    }

    @Override
    public String description() {
        return "Welsch loss (c^2/2) sum (1 - exp(-(z_j - y_j)^2 / c^2)): bounded, analytic, not convex (example plugin)";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        return new WelschLoss(Scale.read(WelschLoss.NAME, parameters));
    }
}
