package org.lcnflow.core.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A sweep engine by name, found by {@link ServiceLoader} when its jar is on the class path (lcn-spark's
 * {@code spark}); {@code threads}, the in-process engine, is built in.
 */
public interface SweepEngineProvider {

    /** The name of the built-in engine. */
    String THREADS = "threads";

    /** @return the engine's name, e.g. {@code spark} */
    String name();

    /**
     * @param options the engine's options by name, e.g. {@code master} and {@code threads}
     * @return the engine
     * @throws IllegalArgumentException for a bad option, naming it
     */
    SweepEngine create(Map<String, String> options);

    /**
     * @param name    the engine's name
     * @param options its options ({@code threads} and {@code batch} for the built-in engine: the batches side by side
     *                and the runs per batch, see {@link Landscape#run(org.lcnflow.core.FlowRunner,
     *                org.lcnflow.core.FlowSpec, org.lcnflow.api.Dataset, long, int, double, int, int,
     *                Landscape.Listener)})
     * @return the engine
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static SweepEngine engine(String name, Map<String, String> options) {
        if (THREADS.equals(name)) {
            int threads = Integer.parseInt(options.getOrDefault("threads",
                    Integer.toString(Runtime.getRuntime().availableProcessors())));
            int batch = Integer.parseInt(options.getOrDefault("batch", "0")); // 0: chosen by the problem
            return (runner, spec, data, firstSeed, runs, scale, listener) -> Landscape.run(runner, spec, data,
                    firstSeed, runs, scale, threads, batch, listener);
        }
        Map<String, SweepEngineProvider> found = new TreeMap<>();
        for (SweepEngineProvider p : ServiceLoader.load(SweepEngineProvider.class)) {
            found.put(p.name(), p);
        }
        SweepEngineProvider provider = found.get(name);
        if (provider == null) {
            List<String> known = new ArrayList<>(List.of(THREADS));
            known.addAll(found.keySet());
            throw new IllegalArgumentException("unknown sweep engine '" + name + "'; available: " + known
                    + (name.equals("spark") ? " (the spark engine needs lcn-spark and Spark on the class path)" : ""));
        }
        return provider.create(options);
    }
}
