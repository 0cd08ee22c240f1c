package org.lcnflow.cli.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Properties;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.FlowResult;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.Trajectory;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.network.LayerPolynomials;
import org.lcnflow.core.theory.Diagnostics;

/** The files and text a run produces: {@code summary.json}, {@code trajectory.csv} and the console report. */
public final class Reports {

    private Reports() {
    }

    public static String version() {
        try (InputStream in = Reports.class.getResourceAsStream("/lcn-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code summary.json}: the resolved configuration, versions, seed, result and diagnostics. */
    public static ObjectNode summary(RunConfig config, FlowRun run, double wallSeconds) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("config", config.resolved().deepCopy());
        ObjectNode versions = root.putObject("versions");
        versions.put("lcnFlow", version());
        versions.put("java", System.getProperty("java.version"));
        if (config.spec().init() instanceof Initialization.Seeded seeded) {
            root.put("seed", seeded.seed());
        } else {
            root.putNull("seed");
        }
        root.set("result", result(config.spec().architecture(), run.result(), wallSeconds));
        root.set("diagnostics", diagnostics(run.diagnostics()));
        return root;
    }

    static ObjectNode result(Architecture architecture, FlowResult result, double wallSeconds) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        double[] w = result.parameters();
        ArrayNode layers = node.putArray("finalFilters");
        for (int i = 0; i < architecture.depth(); i++) {
            array(layers.addArray(), LayerPolynomials.layerFilter(architecture, w, i));
        }
        array(node.putArray("finalFilter"), org.lcnflow.core.network.FinalFilter.of(architecture, w).coefficients());
        number(node, "time", result.time());
        number(node, "loss", result.value());
        number(node, "gradientNorm", result.gradientNorm());
        node.put("steps", result.steps());
        node.put("rejectedSteps", result.rejectedSteps());
        node.put("evaluations", result.evaluations());
        ObjectNode solver = node.putObject("solver");
        solver.put("hessians", result.solver().hessians());
        solver.put("differenceHessians", result.solver().differenceHessians());
        solver.put("factorizations", result.solver().factorizations());
        solver.put("newtonIterations", result.solver().newtonIterations());
        solver.put("newtonFailures", result.solver().newtonFailures());
        node.put("stopReason", result.stopReason().name());
        number(node, "wallSeconds", wallSeconds);
        return node;
    }

    static ObjectNode diagnostics(Diagnostics d) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode mono = node.putObject("lossMonotonicity");
        mono.put("monotone", d.monotonicity().isMonotone());
        mono.put("increases", d.monotonicity().increases());
        number(mono, "largestIncrease", d.monotonicity().largestIncrease());
        ObjectNode bal = node.putObject("balancedness");
        array(bal.putArray("initialDeltas"), d.balancedness().initial());
        array(bal.putArray("finalDeltas"), d.balancedness().last());
        number(bal, "largestDrift", d.balancedness().largestDrift());
        number(bal, "largestRelativeDrift", d.balancedness().largestRelativeDrift());
        ObjectNode bound = node.putObject("boundedness");
        bound.put("rankXXt", d.boundedness().rank());
        bound.put("inputDimension", d.boundedness().inputDimension());
        bound.put("fullRank", d.boundedness().isFullRank());
        number(bound, "conditionNumber", d.boundedness().conditionNumber());
        optional(bound, "bound", d.boundedness().bound());
        number(bound, "largestFinalFilterL1", d.boundedness().largestFinalFilterL1());
        optional(bound, "ratio", d.boundedness().ratio());
        bound.put("holds", d.boundedness().holds());
        ObjectNode theorem = node.putObject("theorem38");
        theorem.put("analyticLoss", d.hypotheses().analyticLoss());
        theorem.put("coerciveBound", d.hypotheses().coerciveBound());
        theorem.put("fullRankData", d.hypotheses().fullRankData());
        theorem.put("applies", d.hypotheses().theoremApplies());
        ArrayNode failures = theorem.putArray("failures");
        d.hypotheses().failures().forEach(failures::add);
        number(node, "finalGradientNorm", d.finalGradientNorm());
        node.put("stopReason", d.stopReason().name());
        node.set("endPoint", EndPointReports.json(d.endPoint()));
        return node;
    }

    /** A number, or null where it is not finite (JSON has no NaN or infinity). */
    public static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void optional(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            number(node, key, value.getAsDouble());
        } else {
            node.putNull(key);
        }
    }

    public static void array(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }

    public static void writeJson(Path file, ObjectNode node) {
        AtomicFiles.write(file, out -> ConfigReader.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                .writeValue(new NonClosing(out), node));
    }

    public static String json(ObjectNode node) {
        try {
            return ConfigReader.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code trajectory.csv}: {@code t, loss, gradient_norm, norm2_w1..norm2_wN, v_l1}. */
    public static void writeTrajectory(Path file, Trajectory trajectory, int depth) {
        StringBuilder text = new StringBuilder("t,loss,gradient_norm");
        for (int i = 1; i <= depth; i++) {
            text.append(",norm2_w").append(i);
        }
        text.append(",v_l1\n");
        for (Trajectory.Point p : trajectory.points()) {
            text.append(p.time()).append(',').append(p.loss()).append(',').append(p.gradientNorm());
            for (double n : p.squaredLayerNorms()) {
                text.append(',').append(n);
            }
            text.append(',').append(p.finalFilterL1()).append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
    }

    /** The short console report of one run. */
    public static String text(String title, FlowRun run, double wallSeconds) {
        FlowResult r = run.result();
        Diagnostics d = run.diagnostics();
        StringBuilder s = new StringBuilder();
        s.append(title).append('\n');
        s.append(String.format(Locale.ROOT, "  stop reason        %s at t = %.6g after %d steps (%d rejected), %d gradient"
                + " evaluations, %.3f s%n", r.stopReason(), r.time(), r.steps(), r.rejectedSteps(), r.evaluations(),
                wallSeconds));
        if (!r.solver().isEmpty()) {
            s.append(String.format(Locale.ROOT, "  implicit solver    %d Hessians (%d by differences), %d LU factorizations,"
                    + " %d Newton iterations, %d Newton failures%n", r.solver().hessians(),
                    r.solver().differenceHessians(), r.solver().factorizations(), r.solver().newtonIterations(),
                    r.solver().newtonFailures()));
        }
        s.append(String.format(Locale.ROOT, "  loss               %.10g (from %.10g; %s)%n", r.value(),
                run.trajectory().first().loss(), d.monotonicity().isMonotone() ? "decreased at every step"
                        : d.monotonicity().increases() + " steps increased it, by at most "
                        + String.format(Locale.ROOT, "%.3g", d.monotonicity().largestIncrease())));
        s.append(String.format(Locale.ROOT, "  gradient norm      %.3e%n", r.gradientNorm()));
        s.append(String.format(Locale.ROOT, "  balancedness       largest drift of delta_i %.3e (relative %.3e; Lemma 3.3"
                + " says 0 for the exact flow)%n", d.balancedness().largestDrift(),
                d.balancedness().largestRelativeDrift()));
        Diagnostics.Boundedness b = d.boundedness();
        if (b.bound().isPresent()) {
            s.append(String.format(Locale.ROOT, "  boundedness        max ||v(t)||_1 = %.6g <= g(L(w0)) = %.6g (ratio %.3g;"
                    + " Lemma 3.6)%n", b.largestFinalFilterL1(), b.bound().getAsDouble(), b.ratio().orElse(0)));
        } else {
            s.append(String.format(Locale.ROOT, "  boundedness        max ||v(t)||_1 = %.6g; no bound (%s)%n",
                    b.largestFinalFilterL1(), b.isFullRank() ? "the loss gives no h" : "X X^T has rank " + b.rank()
                            + " < d0 = " + b.inputDimension()));
        }
        if (d.hypotheses().theoremApplies()) {
            s.append("  Theorem 3.8        applies: analytic loss with a coercive bound, X X^T of full rank"
                    + String.format(Locale.ROOT, " (condition number %.3g)%n", b.conditionNumber()));
        } else {
            s.append("  Theorem 3.8        does not apply:\n");
            for (String failure : d.hypotheses().failures()) {
                s.append("                       - ").append(failure).append('\n');
            }
        }
        s.append(EndPointReports.text(d.endPoint()));
        return s.toString();
    }

    /** Keeps Jackson from closing the atomic writer's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
