package org.lcnflow.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.RiskOptions;
import org.lcnflow.core.sweep.Landscape;
import org.lcnflow.core.sweep.SweepEngine;
import org.lcnflow.core.sweep.SweepEngineProvider;

/**
 * The landscape sweep on Spark: the runs' indices are partitioned over the executors; each partition builds the
 * problem once (its plugin registry from the executor's class path, the data from one broadcast) and runs its seeds
 * as {@link Landscape#runOne} does, each run's risk on one thread; the rows come back to the driver in seed order.
 * So the rows, and {@code landscape.csv}, are the same as the in-process sweep's for any number of partitions.
 * Options: {@code master} (default: {@code spark.master} when set, as under {@code spark-submit}, else
 * {@code local[*]}; an existing session is used as it is) and {@code partitions} (default Spark's default
 * parallelism).
 */
public final class SparkSweepEngine implements SweepEngine {

    private final String master;
    private final int partitions;

    /** The {@code spark} engine for {@code lcn landscape --engine spark}. */
    public static final class Provider implements SweepEngineProvider {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public SweepEngine create(Map<String, String> options) {
            String partitions = options.getOrDefault("partitions", "0");
            int p;
            try {
                p = Integer.parseInt(partitions);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--partitions must be an integer >= 1, got " + partitions, e);
            }
            if (p < 0) {
                throw new IllegalArgumentException("--partitions must be >= 1, got " + p);
            }
            // under spark-submit the master is spark-submit's (spark.master), unless --master names one
            return new SparkSweepEngine(options.get("master"), p);
        }
    }

    /**
     * @param master     the Spark master, used when no session is running; null for {@code spark.master} (as
     *                   {@code spark-submit} sets it), else {@code local[*]}
     * @param partitions the runs' partitions, or 0 for Spark's default parallelism
     */
    public SparkSweepEngine(String master, int partitions) {
        this.master = master;
        this.partitions = partitions;
    }

    @Override
    public Landscape.Result run(FlowRunner runner, FlowSpec spec, Dataset data, long firstSeed, int runs,
                                double scale, Landscape.Listener listener) {
        Landscape.check(runs, scale);
        runner.prepare(spec, data); // bad names or data fail here, on the driver
        SparkSession session = Sessions.session(master, "lcn landscape");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
        Problem problem = new Problem(spec);
        Broadcast<double[][][]> shared = context.broadcast(new double[][][] {data.inputs(), data.targets()});
        List<Long> indices = LongStream.range(0, runs).boxed().collect(Collectors.toList());
        int slices = partitions > 0 ? partitions : context.defaultParallelism();
        List<Outcome> outcomes;
        try {
            outcomes = Sessions.spark(() -> context.parallelize(indices, Math.max(1, Math.min(slices, runs)))
                    .mapPartitions((Iterator<Long> part) -> problem.run(part, shared.value(), firstSeed, scale))
                    .collect());
        } finally {
            shared.destroy();
        }
        Landscape.Row[] rows = new Landscape.Row[runs];
        Outcome first = null;
        for (Outcome o : outcomes) {
            rows[(int) o.index] = o.row();
            if (o.index == 0) {
                first = o;
            }
        }
        for (int i = 0; i < runs; i++) {
            listener.finished(i + 1, rows[i]);
        }
        return new Landscape.Result(List.of(rows), first.optimum(), first.global);
    }

    /** The problem by names and values, to build on each executor. */
    private static final class Problem implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int inputDimension;
        private final int[] widths;
        private final int[] strides;
        private final String dataName;
        private final LinkedHashMap<String, Object> dataParameters;
        private final String lossName;
        private final LinkedHashMap<String, Object> lossParameters;
        private final String integratorName;
        private final LinkedHashMap<String, Object> integratorParameters;
        private final double tMax;
        private final double gradientTolerance;
        private final long maxSteps;
        private final double maxParameterNorm;
        private final double recordEvery;

        Problem(FlowSpec spec) {
            inputDimension = spec.architecture().inputDimension();
            widths = spec.architecture().widths();
            strides = spec.architecture().strides();
            dataName = spec.data().name();
            dataParameters = values(spec.data().parameters());
            lossName = spec.loss().name();
            lossParameters = values(spec.loss().parameters());
            integratorName = spec.integrator().name();
            integratorParameters = values(spec.integrator().parameters());
            StopCondition stop = spec.stop();
            tMax = stop.tMax();
            gradientTolerance = stop.gradientTolerance();
            maxSteps = stop.maxSteps();
            maxParameterNorm = stop.maxParameterNorm();
            recordEvery = spec.recordEvery();
        }

        private static LinkedHashMap<String, Object> values(Parameters p) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            for (String name : p.names()) {
                map.put(name, p.get(name));
            }
            return map;
        }

        FlowSpec spec() {
            return new FlowSpec(Architecture.of(inputDimension, widths, strides),
                    new Component(dataName, Parameters.of(dataParameters)),
                    new Component(lossName, Parameters.of(lossParameters)),
                    new Component(integratorName, Parameters.of(integratorParameters)),
                    new Initialization.Seeded(0, 1.0), new StopCondition(tMax, gradientTolerance, maxSteps,
                    maxParameterNorm), recordEvery);
        }

        Iterator<Outcome> run(Iterator<Long> indices, double[][][] arrays, long firstSeed, double scale) {
            FlowRunner runner = new FlowRunner(PluginRegistry.load());
            FlowSpec spec = spec();
            Dataset data = new Dataset(arrays[0], arrays[1]);
            // the partition's runs share one risk: one layout of the data, the bound and L* once
            TrainingRisk shared = runner.sharedRisk(spec, data, RiskOptions.defaults().withThreads(1));
            List<Outcome> out = new ArrayList<>();
            while (indices.hasNext()) {
                long index = indices.next();
                Landscape.End end = Landscape.runOne(runner, spec, shared, firstSeed + index, scale);
                out.add(new Outcome(index, end));
            }
            return out.iterator();
        }
    }

    /** One run's end as plain values, to come back from an executor. */
    private static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;
        final long index;
        final long seed;
        final double loss;
        final double gradientNorm;
        final String verdict;
        final boolean hasGap;
        final double gap;
        final boolean hasRelativeGap;
        final double relativeGap;
        final long steps;
        final long evaluations;
        final String stopReason;
        final String status;
        final String reason;
        final double value;
        final double[] filter;
        final double zeroNetworkValue;
        final int iterations;
        final double optimumGradientNorm;
        final int patchRank;
        final boolean global;

        Outcome(long index, Landscape.End end) {
            this.index = index;
            Landscape.Row r = end.row();
            seed = r.seed();
            loss = r.loss();
            gradientNorm = r.gradientNorm();
            verdict = r.verdict().name();
            hasGap = r.gap().isPresent();
            gap = hasGap ? r.gap().getAsDouble() : 0.0;
            hasRelativeGap = r.relativeGap().isPresent();
            relativeGap = hasRelativeGap ? r.relativeGap().getAsDouble() : 0.0;
            steps = r.steps();
            evaluations = r.evaluations();
            stopReason = r.stopReason().name();
            ConvexOptimum o = end.optimum();
            boolean keep = index == 0;
            status = keep ? o.status().name() : null;
            reason = keep ? o.reason() : null;
            value = keep ? o.value() : 0.0;
            filter = keep ? o.filter() : null;
            zeroNetworkValue = keep ? o.zeroNetworkValue() : 0.0;
            iterations = keep ? o.iterations() : 0;
            optimumGradientNorm = keep ? o.gradientNorm() : 0.0;
            patchRank = keep ? o.patchRank() : 0;
            global = end.optimumIsGlobalMinimum();
        }

        Landscape.Row row() {
            return new Landscape.Row(seed, loss, gradientNorm, EndPoint.Verdict.valueOf(verdict),
                    hasGap ? OptionalDouble.of(gap) : OptionalDouble.empty(),
                    hasRelativeGap ? OptionalDouble.of(relativeGap) : OptionalDouble.empty(), steps, evaluations,
                    StopReason.valueOf(stopReason));
        }

        ConvexOptimum optimum() {
            return new ConvexOptimum(ConvexOptimum.Status.valueOf(status), reason, value, filter, zeroNetworkValue,
                    iterations, optimumGradientNorm, patchRank);
        }
    }
}
