package org.lcnflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
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
 * <p>Usage: {@code java -cp benchmarks.jar org.lcnflow.bench.ExportProblems DIR}
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
        if (args.length != 1) {
            System.err.println("usage: ExportProblems DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
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
        json.append("  }\n}\n");
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
