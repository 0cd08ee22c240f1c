package org.lcnflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.lcnflow.api.Dataset;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.cli.report.Reports;
import org.lcnflow.cli.run.RunsProgress;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.sweep.Landscape;
import org.lcnflow.core.sweep.SweepEngine;
import org.lcnflow.core.sweep.SweepEngineProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lcn landscape}: where the flow ends from many seeded random initializations. */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = "Run the configuration's flow from --runs seeded random initializations (seeds --seed,"
                + " --seed + 1, ...) in parallel, classify every end point (global minimum certified, local"
                + " minimum, strict saddle, inconclusive, not converged) and write landscape.csv, landscape.json"
                + " (counts, fractions, Wilson 95%% intervals) and landscape.png. Results do not depend on"
                + " --threads.")
final class LandscapeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run configuration (JSON);"
            + " its init is replaced by the seeded ones.")
    Path config;

    @Option(names = "--runs", required = true, paramLabel = "N", description = "Number of runs, >= 1.")
    int runs;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, >= 1 (default: all cores).")
    Integer threads;

    @Option(names = "--batch", paramLabel = "B", description = "With --engine threads: runs advanced together, B per"
            + " batch, one pass over the data serving all their filters (default 8 where a pass serves many filters:"
            + " a separable loss on at least 512 samples with the Vector API; else 1). The rows do not depend on it.")
    Integer batch;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "threads", description = "Where the runs are"
            + " computed: threads (in this process, the default) or spark (lcn-spark on the class path; see"
            + " --master). The rows do not depend on it.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, e.g."
            + " local[*] (the default), spark://host:7077, yarn, k8s://...")
    String master;

    @Option(names = "--partitions", paramLabel = "P", description = "With --engine spark: the partitions of the"
            + " runs (default: Spark's default parallelism). The rows do not depend on it.")
    Integer partitions;

    @Option(names = "--scale", paramLabel = "S", description = "Standard deviation of the initial filter entries"
            + " (default: the configuration's init scale, else " + ConfigReader.DEFAULT_SCALE + ").")
    Double scale;

    @Option(names = "--seed", paramLabel = "S0", description = "Seed of the first run (default: the configuration's"
            + " init seed, else " + ConfigReader.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lcn-landscape-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + workers);
        }
        if (scale != null && (!(scale > 0) || scale.isInfinite())) {
            throw new IllegalArgumentException("--scale must be > 0 and finite, got " + scale);
        }
        PluginRegistry registry = common.registry();
        RunConfig run = ConfigReader.read(config, registry);
        FlowSpec flow = run.spec();
        Initialization.Seeded configured = flow.init() instanceof Initialization.Seeded s ? s : null;
        double initScale = scale != null ? scale : configured != null ? configured.scale() : ConfigReader.DEFAULT_SCALE;
        long firstSeed = seed != null ? seed : configured != null ? configured.seed() : ConfigReader.DEFAULT_SEED;
        AtomicFiles.prepareFolder(out);
        FlowRunner runner = new FlowRunner(registry);
        Dataset data = runner.loadData(flow);
        RunsProgress progress = RunsProgress.of("landscape", runs, common.quiet);
        long start = System.nanoTime();
        Landscape.Result result;
        try {
            Map<String, String> options = new java.util.HashMap<>();
            options.put("threads", Integer.toString(workers));
            if (batch != null) {
                if (batch < 1) {
                    throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
                }
                if (!SweepEngineProvider.THREADS.equals(engine)) {
                    throw new IllegalArgumentException("--batch is for --engine threads");
                }
                options.put("batch", Integer.toString(batch));
            }
            if (master != null) {
                options.put("master", master);
            }
            if (partitions != null) {
                options.put("partitions", Integer.toString(partitions));
            }
            if (!SweepEngineProvider.THREADS.equals(engine) && (threads != null)) {
                throw new IllegalArgumentException("--threads is for --engine threads; with --engine " + engine
                        + " the engine decides (e.g. --master local[2])");
            }
            if (SweepEngineProvider.THREADS.equals(engine) && (master != null || partitions != null)) {
                throw new IllegalArgumentException("--master and --partitions are for --engine spark");
            }
            SweepEngine sweep = SweepEngineProvider.engine(engine, options);
            result = sweep.run(runner, flow, data, firstSeed, runs, initScale, progress);
        } finally {
            progress.close();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        AtomicFiles.writeString(out.resolve("landscape.csv"), csv(result));
        Reports.writeJson(out.resolve("landscape.json"), json(run, result, firstSeed, initScale));
        chart(out.resolve("landscape.png"), result, flow.loss() + " with " + flow.integrator());
        String where = SweepEngineProvider.THREADS.equals(engine) ? workers + " thread" + (workers == 1 ? "" : "s")
                : engine + (master != null ? " (" + master + ")" : "");
        print(spec.commandLine().getOut(), result, seconds, where);
        return 0;
    }

    /** One row per run; only deterministic columns (no wall clock), so the file is the same for any --threads. */
    static String csv(Landscape.Result result) {
        StringBuilder s = new StringBuilder("run,seed,loss,gradient_norm,verdict,gap,relative_gap,steps,evaluations,"
                + "stop_reason\n");
        int index = 0;
        for (Landscape.Row row : result.rows()) {
            s.append(index++).append(',').append(row.seed()).append(',').append(row.loss()).append(',')
                    .append(row.gradientNorm()).append(',').append(row.verdict()).append(',')
                    .append(row.gap().isPresent() ? Double.toString(row.gap().getAsDouble()) : "").append(',')
                    .append(row.relativeGap().isPresent() ? Double.toString(row.relativeGap().getAsDouble()) : "")
                    .append(',').append(row.steps()).append(',').append(row.evaluations()).append(',')
                    .append(row.stopReason()).append('\n');
        }
        return s.toString();
    }

    static ObjectNode json(RunConfig run, Landscape.Result result, long firstSeed, double scale) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("config", run.resolved().deepCopy());
        root.put("lcnFlow", Reports.version());
        int n = result.rows().size();
        root.put("runs", n);
        root.put("firstSeed", firstSeed);
        root.put("lastSeed", firstSeed + n - 1);
        Reports.number(root, "scale", scale);
        ObjectNode optimum = root.putObject("functionSpaceOptimum");
        optimum.put("status", result.optimum().status().name());
        if (result.optimum().found()) {
            Reports.number(optimum, "value", result.optimum().value());
        } else {
            optimum.putNull("value");
        }
        optimum.put("isGlobalMinimumOfL", result.optimumIsGlobalMinimum());
        optimum.put("reason", result.optimum().reason());
        ObjectNode verdicts = root.putObject("verdicts");
        for (Map.Entry<EndPoint.Verdict, Integer> e : result.counts().entrySet()) {
            ObjectNode v = verdicts.putObject(e.getKey().name());
            v.put("count", e.getValue());
            Reports.number(v, "fraction", e.getValue() / (double) n);
            double[] interval = Landscape.wilson(e.getValue(), n);
            ArrayNode ci = v.putArray("wilson95");
            ci.add(interval[0]);
            ci.add(interval[1]);
        }
        root.put("confidenceIntervals", "Wilson score intervals at 95% (z = " + Landscape.Z95 + ")");
        double[] losses = result.rows().stream().mapToDouble(Landscape.Row::loss).filter(Double::isFinite).sorted()
                .toArray();
        ObjectNode loss = root.putObject("finalLoss");
        loss.put("finite", losses.length);
        if (losses.length > 0) {
            Reports.number(loss, "min", losses[0]);
            Reports.number(loss, "median", losses.length % 2 == 1 ? losses[losses.length / 2]
                    : 0.5 * (losses[losses.length / 2 - 1] + losses[losses.length / 2]));
            Reports.number(loss, "max", losses[losses.length - 1]);
        }
        return root;
    }

    /** {@code landscape.png}: a histogram of the final losses, bars stacked by verdict. */
    static void chart(Path file, Landscape.Result result, String title) {
        double[] losses = result.rows().stream().mapToDouble(Landscape.Row::loss).filter(Double::isFinite).toArray();
        int bins = Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(result.rows().size()))));
        double low = Arrays.stream(losses).min().orElse(0.0);
        double high = Arrays.stream(losses).max().orElse(1.0);
        if (!(high > low)) {
            bins = 1;
        }
        double width = bins == 1 ? 1.0 : (high - low) / bins;
        List<String> labels = labels(bins, low, width);
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("final losses of " + result.rows().size() + " runs: " + title)
                .xAxisTitle("final loss L(w_end) (bin centres)").yAxisTitle("runs").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setAvailableSpaceFill(0.95);
        boolean any = false;
        for (EndPoint.Verdict verdict : EndPoint.Verdict.values()) {
            int[] counts = new int[bins];
            int total = 0;
            for (Landscape.Row row : result.rows()) {
                if (row.verdict() == verdict && Double.isFinite(row.loss())) {
                    int b = bins == 1 ? 0 : (int) Math.min(bins - 1, Math.floor((row.loss() - low) / width));
                    counts[b]++;
                    total++;
                }
            }
            if (total == 0) {
                continue;
            }
            List<Integer> ys = new ArrayList<>();
            for (int c : counts) {
                ys.add(c);
            }
            chart.addSeries(verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + total + ")", labels,
                    ys).setFillColor(color(verdict));
            any = true;
        }
        if (!any) {
            List<Integer> zeros = new ArrayList<>();
            labels.forEach(l -> zeros.add(0));
            chart.addSeries("no finite final loss", labels, zeros);
        }
        java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(file, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }

    /** Bin centres with as many digits as it takes to tell them apart (categories must be distinct). */
    static List<String> labels(int bins, double low, double width) {
        for (int digits = 5; ; digits++) {
            List<String> labels = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                double centre = bins == 1 ? low : low + (b + 0.5) * width;
                labels.add(digits <= 17 ? String.format(Locale.ROOT, "%." + digits + "g", centre)
                        : (b + 1) + ": " + centre);
            }
            if (digits > 17 || labels.stream().distinct().count() == bins) {
                return labels;
            }
        }
    }

    private static Color color(EndPoint.Verdict verdict) {
        return switch (verdict) {
            case GLOBAL_MINIMUM_CERTIFIED -> new Color(0x2c, 0xa0, 0x2c);
            case LOCAL_MINIMUM -> new Color(0x1f, 0x77, 0xb4);
            case STRICT_SADDLE -> new Color(0xd6, 0x27, 0x28);
            case INCONCLUSIVE -> new Color(0x7f, 0x7f, 0x7f);
            case NOT_CONVERGED -> new Color(0xff, 0x7f, 0x0e);
        };
    }

    private void print(PrintWriter console, Landscape.Result result, double seconds, String where) {
        int n = result.rows().size();
        console.printf(Locale.ROOT, "%d runs on %s in %.2f s%n", n, where, seconds);
        if (result.optimum().found()) {
            console.printf(Locale.ROOT, "L* = %.10g over all final filters (%s)%n", result.optimum().value(),
                    result.optimumIsGlobalMinimum() ? "the global minimum of L" : "a lower bound of min L");
        } else {
            console.println("no L*: " + result.optimum().reason());
        }
        console.printf(Locale.ROOT, "%-26s %6s %9s   %s%n", "verdict", "runs", "fraction", "Wilson 95%");
        for (Map.Entry<EndPoint.Verdict, Integer> e : result.counts().entrySet()) {
            double[] ci = Landscape.wilson(e.getValue(), n);
            console.printf(Locale.ROOT, "%-26s %6d %9.4f   [%.4f, %.4f]%n", e.getKey(), e.getValue(),
                    e.getValue() / (double) n, ci[0], ci[1]);
        }
        console.println("files: " + out.toAbsolutePath().normalize());
        console.flush();
    }
}
