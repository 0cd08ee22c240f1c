package org.lcnflow.losses;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Provides {@link LpLoss} as {@code lp} with parameter {@code p}. */
public final class LpLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS =
            Map.of("p", "exponent of (1/p) sum |z_j - y_j|^p; default 2; >= 1, finite");

    /** For {@link java.util.ServiceLoader}. */
    public LpLossProvider() {
    }

    @Override
    public String name() {
        return LpLoss.NAME;
    }

    @Override
    public String description() {
        return "l_p loss (1/p) sum |z_j - y_j|^p; analytic for even integer p";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        Checks.nonNull(parameters).requireOnly(LpLoss.NAME, PARAMETERS.keySet());
        return LpLoss.of(Checks.read(parameters, LpLoss.NAME, "p", LpLoss.DEFAULT_P));
    }
}
