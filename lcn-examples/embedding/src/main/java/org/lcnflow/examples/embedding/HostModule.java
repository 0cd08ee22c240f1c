package org.lcnflow.examples.embedding;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.LcnModule;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;

/**
 * The host program's own Guice module, installed next to {@link LcnModule} in the host's one injector:
 * it publishes the host's in-memory readings as the data source {@value #DATA_SOURCE} through
 * {@link LcnModule#dataSources} (a plain {@code MapBinder} entry, no ServiceLoader), and provides the run
 * the host wants. Like every module it only binds: no I/O, no branches.
 */
public final class HostModule extends AbstractModule {

    /** The name the host's readings are published under. */
    public static final String DATA_SOURCE = "host-readings";

    /** The network: 9 readings in, 5 smoothed values out, two layers of width 3, strides 1. */
    public static final Architecture ARCHITECTURE = Architecture.of(SensorReadings.WINDOW, new int[] {3, 3},
            new int[] {1, 1});

    private final Dataset readings;

    /**
     * @param readings the host's data
     */
    public HostModule(Dataset readings) {
        this.readings = Objects.requireNonNull(readings, "readings is null");
    }

    @Override
    protected void configure() {
        LcnModule.dataSources(binder()).addBinding(DATA_SOURCE)
                .toInstance(new InMemoryDataSourceProvider(DATA_SOURCE, readings));
        bind(SmootherTrainer.class).in(Singleton.class);
    }

    /**
     * The host's run, by names: its readings, the square loss, adaptive Dormand-Prince 5(4), seeded
     * initial filters, until the gradient norm is below {@code 1e-5} (or {@code t = 200}).
     *
     * @return the run
     */
    @Provides
    @Singleton
    static FlowSpec trainingSpec() {
        return new FlowSpec(ARCHITECTURE, Component.of(DATA_SOURCE), Component.of("square"),
                new Component("dormand-prince-54", Parameters.empty().with("rtol", 1e-8).with("atol", 1e-10)),
                new Initialization.Seeded(7, 0.5), new StopCondition(200, 1e-5, 1_000_000), 1.0);
    }
}
