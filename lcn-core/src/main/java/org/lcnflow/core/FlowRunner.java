package org.lcnflow.core;

import jakarta.inject.Inject;
import java.util.Objects;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.RiskOptions;

/**
 * Runs gradient flows described by names ({@link FlowSpec}), resolving losses, integrators and data
 * sources through a {@link PluginRegistry}. Immutable and thread-safe; usable with Guice
 * ({@link LcnModule}) or constructed directly.
 */
public final class FlowRunner {

    private final PluginRegistry registry;

    /**
     * @param registry where names are resolved
     */
    @Inject
    public FlowRunner(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** @return the registry names are resolved in */
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * @param spec the run
     * @return the data the spec's data source provides for its architecture
     */
    public Dataset loadData(FlowSpec spec) {
        return registry.dataSource(spec.data().name(), spec.data().parameters()).load(spec.architecture());
    }

    /**
     * @param spec the run
     * @return the flow, with the data loaded from the spec's data source
     * @throws IllegalArgumentException for an unknown name, bad parameters or data that do not fit
     */
    public GradientFlow prepare(FlowSpec spec) {
        return prepare(spec, RiskOptions.defaults());
    }

    /**
     * @param spec    the run
     * @param options how the risk is evaluated in memory
     * @return the flow on the spec's data source: on its own risk when the source is a {@link RiskSource} (data that
     *         stay where they are, e.g. on a cluster), else on the data it loads
     * @throws IllegalArgumentException for an unknown name, bad parameters or data that do not fit
     */
    public GradientFlow prepare(FlowSpec spec, RiskOptions options) {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(options, "options is null");
        DataSource source = registry.dataSource(spec.data().name(), spec.data().parameters());
        if (!(source instanceof RiskSource)) {
            return prepare(spec, source.load(spec.architecture()), options);
        }
        TrainingRisk risk = ((RiskSource) source).risk(spec,
                options.withGradientTolerance(spec.stop().gradientTolerance()));
        return builder(spec).risk(risk).build();
    }

    /**
     * @param spec the run (its data source is not used)
     * @param data the data, e.g. a host program's own
     * @return the flow
     * @throws IllegalArgumentException for an unknown name, bad parameters or data that do not fit
     */
    public GradientFlow prepare(FlowSpec spec, Dataset data) {
        return prepare(spec, data, RiskOptions.defaults());
    }

    /**
     * @param spec    the run (its data source is not used)
     * @param data    the data, e.g. a host program's own
     * @param options how the risk is evaluated, e.g. {@code RiskOptions.defaults().withThreads(1)} for runs that
     *                are themselves spread over threads
     * @return the flow
     * @throws IllegalArgumentException for an unknown name, bad parameters or data that do not fit
     */
    public GradientFlow prepare(FlowSpec spec, Dataset data, RiskOptions options) {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(options, "options is null");
        return builder(spec)
                .riskOptions(options)
                .architecture(spec.architecture())
                .data(data)
                .loss(registry.loss(spec.loss().name(), spec.loss().parameters()))
                .build();
    }

    /**
     * @param spec the run (its data source and loss are the risk's)
     * @param risk the risk to train on, e.g. one {@link TrainingRisk#inMemory} shared by the runs of a sweep
     * @return the flow
     * @throws IllegalArgumentException for an unknown name, bad parameters, or a risk of another architecture
     */
    public GradientFlow prepare(FlowSpec spec, TrainingRisk risk) {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(risk, "risk is null");
        return builder(spec).architecture(spec.architecture()).risk(risk).build();
    }

    /**
     * @param spec    the runs
     * @param data    their data
     * @param options how the risk is evaluated (the gradient tolerance becomes the spec's)
     * @return one risk of the data in memory for many runs of the spec ({@link TrainingRisk#inMemory})
     */
    public TrainingRisk sharedRisk(FlowSpec spec, Dataset data, RiskOptions options) {
        return TrainingRisk.inMemory(spec.architecture(), data, registry.loss(spec.loss().name(),
                spec.loss().parameters()), options.withGradientTolerance(spec.stop().gradientTolerance()));
    }

    /** @return a builder with the spec's integrator, initial filters, stop rule and record interval */
    private GradientFlow.Builder builder(FlowSpec spec) {
        return GradientFlow.builder()
                .integrator(registry.integrator(spec.integrator().name(), spec.integrator().parameters()))
                .initialFilters(spec.init().filters(spec.architecture()))
                .stop(spec.stop())
                .recordEvery(spec.recordEvery());
    }

    /**
     * @param spec the run
     * @return its result, trajectory and diagnostics
     */
    public FlowRun run(FlowSpec spec) {
        return prepare(spec).run();
    }

    /**
     * @param spec     the run
     * @param data     the data
     * @param observer sees every accepted step and may cancel
     * @return its result, trajectory and diagnostics
     */
    public FlowRun run(FlowSpec spec, Dataset data, FlowObserver observer) {
        return prepare(spec, data).run(observer);
    }
}
