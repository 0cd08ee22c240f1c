package org.lcnflow.core.sweep;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.risk.RiskOptions;

/**
 * Many runs of one problem from seeded random initializations, each end point classified ({@link EndPoint}):
 * the landscape sweep, in process on threads ({@link #run}); other engines ({@link SweepEngine}, e.g. lcn-spark's)
 * run the same {@link #runOne} elsewhere. Every run is independent (its own flow, fork of the risk and integrator)
 * and its result is stored by its index, so the rows do not depend on the number of threads, the engine, or on
 * which thread ran which seed.
 */
public final class Landscape {

    /** The z value of a two-sided 95% normal interval. */
    public static final double Z95 = 1.959963984540054;

    private Landscape() {
    }

    /**
     * One run's end.
     *
     * @param seed         the initialization's seed
     * @param loss         {@code L(w_end)}
     * @param gradientNorm {@code ||grad L(w_end)||}
     * @param verdict      the end point's classification
     * @param gap          {@code L(w_end) - L*} when {@code L*} was found
     * @param relativeGap  the gap relative to {@code max(l(0), L(w_end))}
     * @param steps        accepted steps
     * @param evaluations  gradient evaluations
     * @param stopReason   why the run ended
     */
    public record Row(long seed, double loss, double gradientNorm, EndPoint.Verdict verdict, OptionalDouble gap,
               OptionalDouble relativeGap, long steps, long evaluations, StopReason stopReason) {
    }

    /**
     * All runs.
     *
     * @param rows    one per seed, in seed order
     * @param optimum the function-space optimum of the problem (the same for every run)
     * @param optimumIsGlobalMinimum whether {@code L* = min L}
     */
    public record Result(List<Row> rows, ConvexOptimum optimum, boolean optimumIsGlobalMinimum) {

        public Result {
            rows = List.copyOf(rows);
        }

        /** @return the number of runs per verdict, every verdict present */
        public Map<EndPoint.Verdict, Integer> counts() {
            Map<EndPoint.Verdict, Integer> counts = new EnumMap<>(EndPoint.Verdict.class);
            for (EndPoint.Verdict v : EndPoint.Verdict.values()) {
                counts.put(v, 0);
            }
            for (Row row : rows) {
                counts.merge(row.verdict(), 1, Integer::sum);
            }
            return counts;
        }
    }

    /** Told after each finished run, on the calling thread. */
    public interface Listener {

        /** Ignores every run. */
        Listener NONE = (done, row) -> { };

        /**
         * @param done how many runs have finished, this one included
         * @param row  the run that finished
         */
        void finished(int done, Row row);
    }

    /**
     * One run's end and, for the problem, the function-space optimum its end-point analysis found.
     *
     * @param row                    the run's row
     * @param optimum                the function-space optimum
     * @param optimumIsGlobalMinimum whether {@code L* = min L}
     */
    public record End(Row row, ConvexOptimum optimum, boolean optimumIsGlobalMinimum) {
    }

    /**
     * One run of a sweep, as every engine runs it: the spec with the initialization {@code Seeded(seed, scale)}, its
     * flow and its end point classified. Depends on nothing but its arguments (the risk's threads do not change the
     * bits), so any engine that runs it gives the same row.
     *
     * @param runner  resolves the spec's names
     * @param spec    the problem
     * @param data    the data
     * @param seed    the initialization's seed
     * @param scale   its standard deviation
     * @param options how the run's risk is evaluated
     * @return the run's end
     */
    public static End runOne(FlowRunner runner, FlowSpec spec, Dataset data, long seed, double scale,
                             RiskOptions options) {
        return runOne(runner, spec, runner.sharedRisk(spec, data, options), seed, scale);
    }

    /**
     * One run of a sweep on a risk shared by the sweep's runs ({@link FlowRunner#sharedRisk}: one layout of the data,
     * the bound and {@code L*} computed once); the same row as {@link #runOne(FlowRunner, FlowSpec, Dataset, long,
     * double, RiskOptions)}.
     *
     * @param runner resolves the spec's names
     * @param spec   the problem
     * @param risk   the sweep's risk
     * @param seed   the initialization's seed
     * @param scale  its standard deviation
     * @return the run's end
     */
    public static End runOne(FlowRunner runner, FlowSpec spec, TrainingRisk risk, long seed, double scale) {
        FlowSpec one = new FlowSpec(spec.architecture(), spec.data(), spec.loss(), spec.integrator(),
                new Initialization.Seeded(seed, scale), spec.stop(), spec.recordEvery());
        FlowRun run = runner.prepare(one, risk).run();
        EndPoint end = run.diagnostics().endPoint();
        FlowResult r = run.result();
        return new End(new Row(seed, r.value(), r.gradientNorm(), end.verdict(), end.gap(), end.relativeGap(),
                r.steps(), r.evaluations(), r.stopReason()), end.optimum(), end.optimumIsGlobalMinimum());
    }

    /**
     * Checks a sweep's arguments, as every engine must before it starts.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static void check(int runs, double scale) {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("--scale must be > 0 and finite, got " + scale);
        }
    }

    /**
     * @param runner   resolves the spec's names
     * @param spec     the problem; its initialization is replaced by {@code Seeded(firstSeed + i, scale)}
     * @param data     the data, loaded once
     * @param firstSeed the seed of run 0
     * @param runs     how many runs, {@code >= 1}
     * @param scale    the initialization's standard deviation
     * @param threads  worker threads, {@code >= 1}
     * @param listener told of every finished run
     * @return the rows in seed order
     */
    public static Result run(FlowRunner runner, FlowSpec spec, Dataset data, long firstSeed, int runs, double scale,
                      int threads, Listener listener) {
        return run(runner, spec, data, firstSeed, runs, scale, threads, 1, listener);
    }

    /**
     * The sweep with its runs advanced in batches: the runs of a batch (consecutive seeds) meet for every gradient, and
     * one pass over the data serves all their final filters ({@code EmpiricalRisk.valuesAndGradients}, each the bits
     * of its own evaluation); each run still steps, stops and is classified on its own, so the rows are the same bits
     * as with {@code batch = 1}. {@code threads} batches run side by side.
     *
     * @param runner    resolves the spec's names
     * @param spec      the problem
     * @param data      the data
     * @param firstSeed the seed of run 0
     * @param runs      how many runs
     * @param scale     the initialization's standard deviation
     * @param threads   batches side by side, {@code >= 1}
     * @param batch     runs per batch, {@code >= 1} (1: every run on its own); 0 for {@value #AUTOMATIC_BATCH} where
     *                  one pass serves many filters ({@code EmpiricalRisk.batchesPasses()}), else 1 (measured: on
     *                  small problems batches only add the runs' meetings)
     * @param listener  told of every finished run
     * @return the rows in seed order
     */
    public static Result run(FlowRunner runner, FlowSpec spec, Dataset data, long firstSeed, int runs, double scale,
                             int threads, int batch, Listener listener) {
        Objects.requireNonNull(listener, "listener is null");
        check(runs, scale);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        // resolve everything once on this thread, so that bad input fails before any worker starts; runs side by side
        // take the cores, so each run's (or batch's) passes then keep to one thread (the same bits either way)
        RiskOptions options = threads > 1 && runs > 1 ? RiskOptions.defaults().withThreads(1) : RiskOptions.defaults();
        // one layout of the data for all runs, and the bound and L* once (each run the bits of a risk of its own)
        TrainingRisk shared = runner.sharedRisk(spec, data, options);
        boolean batches = runner.prepare(spec, shared).risk().batchesPasses(); // the integrator's name resolved here
        if (batch == 0) {
            batch = batches ? AUTOMATIC_BATCH : 1;
        }
        if (batch > 1 && runs > 1) {
            return batched(runner, spec, shared, firstSeed, runs, scale, threads, batch, listener);
        }
        Row[] rows = new Row[runs];
        ConvexOptimum[] optimum = new ConvexOptimum[1];
        boolean[] global = new boolean[1];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs), new Workers());
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < runs; i++) {
                int index = i;
                done.submit(() -> {
                    End end = runOne(runner, spec, shared, firstSeed + index, scale);
                    rows[index] = end.row();
                    if (index == 0) {
                        optimum[0] = end.optimum();
                        global[0] = end.optimumIsGlobalMinimum();
                    }
                    return index;
                });
            }
            for (int finished = 1; finished <= runs; finished++) {
                int index = next(done);
                listener.finished(finished, rows[index]);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Row> ordered = new ArrayList<>(List.of(rows));
        return new Result(ordered, optimum[0], global[0]);
    }

    /** Runs per batch where one pass serves many filters (medium problem, pseudo-Huber: 1.17x at 8, 1.19x at 16). */
    public static final int AUTOMATIC_BATCH = 8;

    private static Result batched(FlowRunner runner, FlowSpec spec, TrainingRisk shared, long firstSeed, int runs,
                                  double scale, int threads, int batch, Listener listener) {
        Row[] rows = new Row[runs];
        End[] first = new End[1];
        int groups = (runs + batch - 1) / batch;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, groups), new Workers());
        try {
            CompletionService<int[]> done = new ExecutorCompletionService<>(pool);
            for (int g = 0; g < groups; g++) {
                int from = g * batch;
                int to = Math.min(runs, from + batch);
                done.submit(() -> {
                    runBatch(runner, spec, shared, firstSeed, scale, from, to, rows, first);
                    return new int[] {from, to};
                });
            }
            int finished = 0;
            for (int g = 0; g < groups; g++) {
                int[] range = next(done);
                for (int index = range[0]; index < range[1]; index++) {
                    listener.finished(++finished, rows[index]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(new ArrayList<>(List.of(rows)), first[0].optimum(), first[0].optimumIsGlobalMinimum());
    }

    /** @return the next finished task's result; a run's exception as itself */
    private static <T> T next(CompletionService<T> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a run failed: " + cause, cause);
        }
    }

    /** The runs {@code from} to {@code to - 1}, each on a thread of its own, meeting at one gate for their gradients. */
    private static void runBatch(FlowRunner runner, FlowSpec spec, TrainingRisk shared, long firstSeed, double scale,
                                 int from, int to, Row[] rows, End[] first) throws InterruptedException {
        BatchGate gate = new BatchGate(shared.field(), to - from);
        TrainingRisk view = BatchGate.forRun(gate, shared);
        Thread[] workers = new Thread[to - from];
        RuntimeException[] failure = new RuntimeException[1];
        for (int k = 0; k < workers.length; k++) {
            int index = from + k;
            workers[k] = new Thread(() -> {
                try {
                    End end = runOne(runner, spec, view, firstSeed + index, scale);
                    rows[index] = end.row();
                    if (index == 0) {
                        first[0] = end;
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                } finally {
                    gate.leave();
                }
            }, "lcn-landscape-run-" + index);
            workers[k].setDaemon(true);
            workers[k].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * The Wilson score interval for a binomial proportion.
     *
     * @param successes {@code k}
     * @param trials    {@code n >= 1}
     * @return {@code {low, high}} at 95%
     */
    public static double[] wilson(int successes, int trials) {
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // at k = 0 and k = n the bound is exactly 0 or 1; the formula leaves rounding there
        return new double[] {successes == 0 ? 0.0 : Math.max(0.0, center - half),
            successes == trials ? 1.0 : Math.min(1.0, center + half)};
    }

    /** Daemon worker threads named {@code lcn-landscape-N}. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "lcn-landscape-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
