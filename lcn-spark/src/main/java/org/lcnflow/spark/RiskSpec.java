package org.lcnflow.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;
import org.lcnflow.core.risk.RiskOptions;

/**
 * What an executor needs to evaluate the risk of its chunks: the architecture and the loss by provider name and
 * parameters (a loss object need not be serializable; the executor resolves it with its own
 * {@link PluginRegistry}, so a plugin loss must be on the executors' class path too). Immutable.
 */
final class RiskSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int inputDimension;
    private final int[] widths;
    private final int[] strides;
    private final String loss;
    private final LinkedHashMap<String, Object> lossParameters;

    RiskSpec(Architecture architecture, String loss, Parameters lossParameters) {
        this.inputDimension = architecture.inputDimension();
        this.widths = architecture.widths();
        this.strides = architecture.strides();
        this.loss = Objects.requireNonNull(loss, "loss is null");
        this.lossParameters = new LinkedHashMap<>();
        for (String name : lossParameters.names()) {
            this.lossParameters.put(name, lossParameters.get(name));
        }
    }

    Architecture architecture() {
        return Architecture.of(inputDimension, widths, strides);
    }

    /** @throws IllegalArgumentException for an unknown loss or bad parameters, naming them */
    Loss resolveLoss() {
        return PluginRegistry.load().loss(loss, Parameters.of(lossParameters));
    }

    String lossName() {
        return loss;
    }

    Map<String, Object> lossParameters() {
        return lossParameters;
    }

    /**
     * @param data one chunk's samples
     * @return their empirical risk on one thread (an executor runs several tasks at once), on the exact data pass
     */
    EmpiricalRisk risk(Dataset data) {
        return EmpiricalRisk.of(architecture(), data, resolveLoss(),
                RiskOptions.automatic().withThreads(1).withPath(GradientPath.DATA_PASS));
    }
}
