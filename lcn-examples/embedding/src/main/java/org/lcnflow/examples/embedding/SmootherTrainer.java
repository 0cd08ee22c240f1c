package org.lcnflow.examples.embedding;

import jakarta.inject.Inject;
import java.util.Objects;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;

/**
 * The host's service that trains its smoother: constructor-injected with lcn-flow's {@link FlowRunner}
 * (bound by {@code LcnModule}) and the host's {@link FlowSpec} (provided by {@link HostModule}). Immutable.
 */
public final class SmootherTrainer {

    private final FlowRunner runner;
    private final FlowSpec spec;

    /**
     * @param runner resolves the spec's names: the host's data source and the built-in loss and integrator
     * @param spec   the run
     */
    @Inject
    public SmootherTrainer(FlowRunner runner, FlowSpec spec) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
        this.spec = Objects.requireNonNull(spec, "spec is null");
    }

    /** @return the run the spec describes, on the data its data source provides */
    public FlowRun train() {
        return runner.run(spec);
    }

    /** @return the run this trainer performs */
    public FlowSpec spec() {
        return spec;
    }
}
