package org.lcnflow.examples.embedding;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.LcnModule;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * A host program that embeds lcn-flow to learn a smoothing filter from its own sensor data
 * ({@link SensorReadings}), wired two ways:
 * <ol>
 *   <li>{@link #trainWithGuice()}: plugins are discovered once ({@link PluginRegistry#load()}), then ONE
 *       injector is made at the program's edge from {@link LcnModule} and the host's {@link HostModule},
 *       which publishes the host's in-memory readings as a data source; the host's
 *       {@link SmootherTrainer} gets lcn-flow's {@link FlowRunner} by constructor injection;</li>
 *   <li>{@link #trainWithoutGuice()}: plain constructors, {@code new FlowRunner(PluginRegistry.load())},
 *       the readings passed straight to {@link FlowRunner#run(FlowSpec, Dataset, FlowObserver)} with an
 *       observer of the host's own.</li>
 * </ol>
 * Both read the result and the diagnostics from the returned {@link FlowRun} ({@link HostReport}), and
 * both give the same numbers. Run it with
 * {@code mvn -q -Prun -DskipTests -pl lcn-examples/embedding -am package}.
 */
public final class HostProgram {

    /** How many windows of readings the host has. */
    static final int WINDOWS = 24;

    /** The seed of the host's sensor noise. */
    static final long SEED = 2024;

    private HostProgram() {
    }

    /**
     * Trains with both wirings and prints both reports.
     *
     * @param args none
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        HostReport withGuice = trainWithGuice();
        HostReport plain = trainWithoutGuice();
        withGuice.print(out);
        out.println();
        plain.print(out);
        out.println();
        out.println("both wirings give the same result: "
                + (withGuice.run().result().equals(plain.run().result()) ? "yes" : "NO"));
    }

    /** @return the host's readings */
    static Dataset readings() {
        return SensorReadings.generate(WINDOWS, SEED);
    }

    /**
     * One injector made of {@link LcnModule} and {@link HostModule}; the host asks it for its trainer only.
     *
     * @return the report of the run
     */
    public static HostReport trainWithGuice() {
        Dataset readings = readings();
        Injector injector = Guice.createInjector(new LcnModule(PluginRegistry.load()), new HostModule(readings));
        SmootherTrainer trainer = injector.getInstance(SmootherTrainer.class);
        FlowRun run = trainer.train();
        return new HostReport("Guice (LcnModule + HostModule, readings as data source '" + HostModule.DATA_SOURCE
                + "')", trainer.spec(), readings, run, OptionalLong.empty());
    }

    /**
     * No Guice: plain constructors, the readings passed in, and an observer that counts accepted steps.
     * The spec is the same; its data source name is not looked up, since the data are given.
     *
     * @return the report of the run
     */
    public static HostReport trainWithoutGuice() {
        Dataset readings = readings();
        FlowRunner runner = new FlowRunner(PluginRegistry.load());
        FlowSpec spec = HostModule.trainingSpec();
        AtomicLong steps = new AtomicLong();
        FlowObserver counter = (t, w, value, gradient) -> {
            steps.incrementAndGet();
            return true;
        };
        FlowRun run = runner.run(spec, readings, counter);
        return new HostReport("plain constructors (new FlowRunner(PluginRegistry.load()), readings passed in)", spec,
                readings, run, OptionalLong.of(steps.get()));
    }
}
