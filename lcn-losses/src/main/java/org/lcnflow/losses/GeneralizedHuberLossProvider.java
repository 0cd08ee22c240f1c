package org.lcnflow.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Provides {@link GeneralizedHuberLoss} as {@code generalized-huber} with parameters {@code alpha}, {@code beta}. */
public final class GeneralizedHuberLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("alpha", "sharpness, the inverse of the transition scale; default 1; > 0, finite");
        parameters.put("beta", "offset inside the logarithm (convex exactly for beta >= 0); default 0; > -2, finite");
        PARAMETERS = Collections.unmodifiableMap(parameters);
    }

    /** For {@link java.util.ServiceLoader}. */
    public GeneralizedHuberLossProvider() {
    }

    @Override
    public String name() {
        return GeneralizedHuberLoss.NAME;
    }

    @Override
    public String description() {
        return "generalized Huber loss (1/alpha) sum log(e^(alpha r_j) + e^(-alpha r_j) + beta), r = z - y";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        Checks.nonNull(parameters).requireOnly(GeneralizedHuberLoss.NAME, PARAMETERS.keySet());
        double alpha = Checks.read(parameters, GeneralizedHuberLoss.NAME, "alpha", GeneralizedHuberLoss.DEFAULT_ALPHA);
        double beta = Checks.read(parameters, GeneralizedHuberLoss.NAME, "beta", GeneralizedHuberLoss.DEFAULT_BETA);
        return new GeneralizedHuberLoss(alpha, beta);
    }
}
