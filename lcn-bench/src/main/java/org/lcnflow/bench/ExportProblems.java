package org.lcnflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SolverStatistics;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.data.NpyMatrixWriter;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;
import org.lcnflow.core.risk.RiskOptions;

/**
 * Writes the benchmark problems for the peers, so that PyTorch and SciPy work on exactly the numbers
 * lcn-flow works on: for each problem {@code <name>-x.npy} ({@code m x d0}), {@code <name>-y.npy}
 * ({@code m x d_N}), {@code <name>-w0.npy} (the initial filters, {@code 1 x sum k_i}); for each loss the
 * value and gradient at {@code w0} by the generic path ({@code <name>-<loss>-gradient.npy}, to check the
 * peers' own gradient); and for the medium problem the end point of the {@code dormand-prince-853} flow
 * at {@code rtol 1e-10} and of a reference flow at {@code rtol 1e-13}
 * ({@code medium-<loss>-dp853.npy}, {@code medium-<loss>-reference.npy}), to compare accuracies. The
 * numbers the peers need go to {@code problems.json}.
 *
 * <p>The stiff problem of issue 16 ({@link StiffProblem}) goes to {@code stiff-x.npy}, {@code stiff-y.npy},
 * {@code stiff-w0.npy}, with the gradient and the full exact Hessian ({@code n x n}, row-major) at {@code w0}
 * ({@code stiff-gradient.npy}, {@code stiff-hessian.npy}) for the peers to check their own; its description
 * (architecture, loss, tolerances, value at {@code w0}) to the {@code "stiff"} entry of {@code problems.json}
 * and to {@code stiff-problem.json}. Each registered implicit integrator of {@link StiffProblem#CANDIDATES}
 * then runs the stiff flow once, and its counts (steps, evaluations, Hessians, factorizations, the final
 * {@code |grad L|} and loss) go to {@code stiff-lcn.json}; the registered names, comma-separated, to
 * {@code stiff-integrators.txt} (for the {@code StiffBenchmark} JMH run).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.lcnflow.bench.ExportProblems DIR [--only stiff]}; with
 * {@code --only stiff} only the stiff files are written (a few seconds instead of half a minute), and
 * {@code problems.json} is left as it is.
 */
public final class ExportProblems {

    private static final String[] LOSSES = {"square", "pseudo-huber"};

    private ExportProblems() {
    }

    /**
     * @param args the output folder
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        boolean stiffOnly = args.length == 3 && args[1].equals("--only") && args[2].equals("stiff");
        if (args.length != 1 && !stiffOnly) {
            System.err.println("usage: ExportProblems DIR [--only stiff]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String stiff = stiff(dir);
        if (stiffOnly) {
            System.out.println("wrote the stiff problem to " + dir.toAbsolutePath());
            return;
        }
        StringBuilder json = new StringBuilder("{\n  \"flowTime\": " + Problem.FLOW_TIME + ",\n  \"rtol\": "
                + Problem.DP853_RTOL + ",\n  \"atol\": " + Problem.DP853_ATOL + ",\n  \"delta\": " + Problem.DELTA
                + ",\n  \"problems\": {\n");
        for (Problem p : Problem.values()) {
            Architecture a = p.architecture();
            Dataset data = p.data();
            double[] w0 = p.initialFilters();
            write(dir.resolve(p.label() + "-x.npy"), data.inputs());
            write(dir.resolve(p.label() + "-y.npy"), data.targets());
            write(dir.resolve(p.label() + "-w0.npy"), new double[][] {w0});
            json.append("    \"").append(p.label()).append("\": {\"d0\": ").append(a.inputDimension())
                    .append(", \"widths\": ").append(Arrays.toString(a.widths())).append(", \"strides\": ")
                    .append(Arrays.toString(a.strides())).append(", \"m\": ").append(data.sampleCount())
                    .append(", \"dN\": ").append(a.outputDimension()).append(", \"kv\": ").append(a.finalWidth())
                    .append(", \"sv\": ").append(a.finalStride()).append(", \"losses\": {");
            for (int l = 0; l < LOSSES.length; l++) {
                Loss loss = Problem.loss(LOSSES[l]);
                EmpiricalRisk generic = EmpiricalRisk.of(a, data, loss,
                        RiskOptions.automatic().withPath(GradientPath.GENERIC));
                double[] gradient = new double[w0.length];
                double value = generic.valueAndGradient(w0, gradient);
                write(dir.resolve(p.label() + "-" + LOSSES[l] + "-gradient.npy"), new double[][] {gradient});
                json.append(l == 0 ? "" : ", ").append('"').append(LOSSES[l]).append("\": {\"value\": ")
                        .append(value);
                if (p == Problem.MEDIUM) {
                    json.append(", ").append(flows(dir, p, loss, LOSSES[l]));
                }
                json.append('}');
            }
            json.append("}}").append(p.ordinal() + 1 < Problem.values().length ? "," : "").append('\n');
        }
        json.append("  },\n  \"stiff\": ").append(stiff).append("\n}\n");
        Files.writeString(dir.resolve("problems.json"), json.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote the problems to " + dir.toAbsolutePath());
    }

    /** The DP853 flow of the comparison and a tight reference, end points to files, counts to JSON. */
    private static String flows(Path dir, Problem p, Loss loss, String name) throws IOException {
        EmpiricalRisk risk = EmpiricalRisk.of(p.architecture(), p.data(), loss, RiskOptions.automatic());
        StopCondition stop = StopCondition.atTime(Problem.FLOW_TIME);
        FlowResult flow = Problem.integrator("dormand-prince-853").integrate(risk, p.initialFilters(), stop,
                FlowObserver.NONE);
        FlowResult reference = PluginRegistry.load().integrator("dormand-prince-853",
                Parameters.of(Map.of("rtol", 1e-13, "atol", 1e-15)))
                .integrate(risk, p.initialFilters(), stop, FlowObserver.NONE);
        write(dir.resolve(p.label() + "-" + name + "-dp853.npy"), new double[][] {flow.parameters()});
        write(dir.resolve(p.label() + "-" + name + "-reference.npy"), new double[][] {reference.parameters()});
        return String.format(Locale.ROOT, "\"dp853\": {\"steps\": %d, \"rejected\": %d, \"evaluations\": %d,"
                + " \"relativeError\": %.3e}", flow.steps(), flow.rejectedSteps(), flow.evaluations(),
                distance(flow.parameters(), reference.parameters()) / norm(reference.parameters()));
    }

    /**
     * The stiff problem's files, and its flow with each registered implicit integrator.
     *
     * @return the {@code "stiff"} JSON object of {@code problems.json}
     */
    private static String stiff(Path dir) throws IOException {
        Architecture a = StiffProblem.architecture();
        Dataset data = StiffProblem.data();
        double[] w0 = StiffProblem.initialFilters();
        write(dir.resolve("stiff-x.npy"), data.inputs());
        write(dir.resolve("stiff-y.npy"), data.targets());
        write(dir.resolve("stiff-w0.npy"), new double[][] {w0});
        EmpiricalRisk risk = StiffProblem.risk(1);
        int n = w0.length;
        double[] gradient = new double[n];
        double[] hessian = new double[n * n];
        double value = risk.valueGradientAndHessian(w0, gradient, hessian);
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = Arrays.copyOfRange(hessian, r * n, (r + 1) * n);
        }
        write(dir.resolve("stiff-gradient.npy"), new double[][] {gradient});
        write(dir.resolve("stiff-hessian.npy"), rows);
        List<String> names = StiffProblem.registeredIntegrators();
        String json = String.format(Locale.ROOT, "{\"d0\": %d, \"widths\": %s, \"strides\": %s, \"m\": %d,"
                + " \"dN\": %d, \"kv\": %d, \"sv\": %d, \"loss\": \"pseudo-huber\", \"delta\": %s,"
                + " \"rtol\": %s, \"atol\": %s, \"gradientTolerance\": %s, \"tMax\": %s,"
                + " \"data\": \"synthetic(m=%d, seed=%d, noise=%s, outliers=%s, outlierScale=%s)\","
                + " \"init\": \"seed %d, scale %s\", \"value\": %s, \"gradientNorm\": %s, \"integrators\": [%s]}",
                a.inputDimension(), Arrays.toString(a.widths()), Arrays.toString(a.strides()), data.sampleCount(),
                a.outputDimension(), a.finalWidth(), a.finalStride(), StiffProblem.DELTA, StiffProblem.RTOL,
                StiffProblem.ATOL, StiffProblem.GRADIENT_TOLERANCE, StiffProblem.T_MAX, StiffProblem.SAMPLES,
                StiffProblem.DATA_SEED, StiffProblem.NOISE, StiffProblem.OUTLIERS, StiffProblem.OUTLIER_SCALE,
                StiffProblem.INIT_SEED, StiffProblem.INIT_SCALE, value, norm(gradient),
                names.stream().map(s -> '"' + s + '"').collect(Collectors.joining(", ")));
        Files.writeString(dir.resolve("stiff-problem.json"), json + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("stiff-integrators.txt"), String.join(",", names) + "\n", StandardCharsets.UTF_8);
        StringBuilder runs = new StringBuilder("{\n");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long start = System.nanoTime();
            FlowResult r = StiffProblem.integrator(name).integrate(risk, w0, StiffProblem.stop(), FlowObserver.NONE);
            double seconds = (System.nanoTime() - start) * 1e-9;
            SolverStatistics s = r.solver();
            runs.append(String.format(Locale.ROOT, "  \"%s\": {\"stopReason\": \"%s\", \"time\": %s, \"steps\": %d,"
                    + " \"rejectedSteps\": %d, \"evaluations\": %d, \"hessians\": %d, \"differenceHessians\": %d,"
                    + " \"factorizations\": %d, \"newtonIterations\": %d, \"newtonFailures\": %d,"
                    + " \"gradientNorm\": %s, \"value\": %s, \"firstRunSeconds\": %s}%s%n", name, r.stopReason(),
                    r.time(), r.steps(), r.rejectedSteps(), r.evaluations(), s.hessians(), s.differenceHessians(),
                    s.factorizations(), s.newtonIterations(), s.newtonFailures(), r.gradientNorm(), r.value(),
                    seconds, i + 1 < names.size() ? "," : ""));
            System.out.printf(Locale.ROOT, "stiff flow, %s: %s at t = %.4g, %d steps (%d rejected), %d evaluations,"
                    + " %d Hessians, %d factorizations, |grad L| = %.3e, L = %.12g%n", name, r.stopReason(), r.time(),
                    r.steps(), r.rejectedSteps(), r.evaluations(), s.hessians(), s.factorizations(), r.gradientNorm(),
                    r.value());
        }
        runs.append("}\n");
        Files.writeString(dir.resolve("stiff-lcn.json"), runs.toString(), StandardCharsets.UTF_8);
        return json;
    }

    private static void write(Path file, double[][] rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            NpyMatrixWriter.write(rows, out);
        }
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
