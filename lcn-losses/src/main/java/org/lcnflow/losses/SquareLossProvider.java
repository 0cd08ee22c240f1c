package org.lcnflow.losses;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Provides {@link SquareLoss} as {@code square}; it takes no parameters. */
public final class SquareLossProvider implements LossProvider {

    /** For {@link java.util.ServiceLoader}. */
    public SquareLossProvider() {
    }

    @Override
    public String name() {
        return SquareLoss.NAME;
    }

    @Override
    public String description() {
        return "square loss sum (z_j - y_j)^2, eq. (1.5), without a factor 1/2";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public Loss create(Parameters parameters) {
        Checks.nonNull(parameters).requireOnly(SquareLoss.NAME, parameters().keySet());
        return SquareLoss.instance();
    }
}
