package org.lcnflow.losses;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Provides {@link LogCoshLoss} as {@code log-cosh} with parameter {@code alpha}. */
public final class LogCoshLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS =
            Map.of("alpha", "sharpness, the inverse of the transition scale; default 1; > 0, finite");

    /** For {@link java.util.ServiceLoader}. */
    public LogCoshLossProvider() {
    }

    @Override
    public String name() {
        return LogCoshLoss.NAME;
    }

    @Override
    public String description() {
        return "log-cosh loss (1/alpha) sum log cosh(alpha (z_j - y_j))";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        Checks.nonNull(parameters).requireOnly(LogCoshLoss.NAME, PARAMETERS.keySet());
        return new LogCoshLoss(Checks.read(parameters, LogCoshLoss.NAME, "alpha", LogCoshLoss.DEFAULT_ALPHA));
    }
}
