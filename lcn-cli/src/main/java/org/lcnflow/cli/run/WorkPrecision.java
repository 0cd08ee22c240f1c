package org.lcnflow.cli.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.Trajectory;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * A work-precision diagram of the gradient flow (eq. (1.4)), the way DifferentialEquations.jl's benchmark
 * pages compare solvers: every adaptive integrator over a ladder of tolerances ({@code rtol = tol},
 * {@code atol = }{@value #ATOL_FACTOR}{@code  tol}), each run's error against a tight-tolerance reference
 * flow plotted against its cost.
 *
 * <p>Errors: at the end point {@code ||w(T) - w_ref(T)|| / ||w_ref(T)||} and
 * {@code |L(w(T)) - L_ref(T)| / |L_ref(T)|}, and along the run the largest relative error of the loss at the
 * run's recording times, with the reference loss between its recorded points interpolated by the cubic
 * Hermite polynomial of its values and exact slopes {@code dL/dt = -||grad L||^2}. Costs: gradient
 * evaluations (an exact Hessian is one of them), Hessians, LU factorizations, and wall time.
 */
public final class WorkPrecision {

    /** {@code atol = ATOL_FACTOR rtol} on the ladder, as DifferentialEquations.jl's diagrams. */
    public static final double ATOL_FACTOR = 1e-3;

    /** One run of the diagram. */
    public record Row(Component integrator, double tolerance, FlowResult result, double wallSeconds,
                      double endError, double lossError, double trajectoryError) {
    }

    private WorkPrecision() {
    }

    /**
     * @param integrators integrators by name with fixed parameters (their {@code rtol}/{@code atol} are set)
     * @param tolerances  the ladder, each in {@code (0, 1)}
     * @param registry    checks that every integrator takes {@code rtol} and {@code atol}
     * @throws IllegalArgumentException naming an integrator without error control, or a bad tolerance
     */
    public static void check(List<Component> integrators, double[] tolerances, PluginRegistry registry) {
        for (double tol : tolerances) {
            if (!(tol > 0 && tol < 1)) {
                throw new IllegalArgumentException("--tolerances: each tolerance must be > 0 and < 1, got " + tol);
            }
        }
        for (Component c : integrators) {
            var parameters = registry.integratorProvider(c.name()).parameters();
            if (!parameters.containsKey("rtol") || !parameters.containsKey("atol")) {
                throw new IllegalArgumentException("--work-precision: integrator '" + c.name() + "' has no error"
                        + " control (rtol, atol), so it has no tolerance ladder; give adaptive integrators only");
            }
        }
    }

    /**
     * Runs the ladder.
     *
     * @param reference the tight-tolerance reference run (recorded at every step is best)
     * @return the rows, by integrator then tolerance
     */
    public static List<Row> run(FlowRunner runner, FlowSpec spec, Dataset data, List<Component> integrators,
                                double[] tolerances, Training.Outcome reference, boolean quiet) {
        Trajectory ref = reference.run().trajectory();
        FlowResult refEnd = reference.run().result();
        List<Row> rows = new ArrayList<>();
        for (Component c : integrators) {
            for (double tol : tolerances) {
                Parameters p = c.parameters().with("rtol", tol).with("atol", ATOL_FACTOR * tol);
                Component one = new Component(c.name(), p);
                Training.Outcome outcome = Training.run(runner, spec.withIntegrator(one), data,
                        c.name() + " rtol=" + tol, quiet);
                FlowResult r = outcome.run().result();
                rows.add(new Row(one, tol, r, outcome.wallSeconds(), relative(r.parameters(), refEnd.parameters()),
                        Math.abs(r.value() - refEnd.value()) / Math.abs(refEnd.value()),
                        trajectoryError(outcome.run().trajectory(), ref)));
            }
        }
        return rows;
    }

    /** The largest relative loss error at the run's recorded times inside the reference's time span. */
    static double trajectoryError(Trajectory run, Trajectory reference) {
        List<Trajectory.Point> ref = reference.points();
        double tEnd = ref.get(ref.size() - 1).time();
        double worst = 0;
        int k = 0;
        for (Trajectory.Point p : run.points()) {
            double t = p.time();
            if (t > tEnd) {
                break;
            }
            while (k + 1 < ref.size() - 1 && ref.get(k + 1).time() < t) {
                k++;
            }
            double expected = hermite(ref.get(k), ref.get(Math.min(k + 1, ref.size() - 1)), t);
            worst = Math.max(worst, Math.abs(p.loss() - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL));
        }
        return worst;
    }

    /** The cubic Hermite interpolant of the loss between two recorded points, slopes {@code -||grad L||^2}. */
    static double hermite(Trajectory.Point a, Trajectory.Point b, double t) {
        double h = b.time() - a.time();
        if (h <= 0) {
            return a.loss();
        }
        double s = (t - a.time()) / h;
        double da = -a.gradientNorm() * a.gradientNorm();
        double db = -b.gradientNorm() * b.gradientNorm();
        double h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        double h10 = s * (1 - s) * (1 - s);
        double h01 = s * s * (3 - 2 * s);
        double h11 = s * s * (s - 1);
        return h00 * a.loss() + h10 * h * da + h01 * b.loss() + h11 * h * db;
    }

    private static double relative(double[] w, double[] reference) {
        double difference = 0;
        double size = 0;
        for (int i = 0; i < w.length; i++) {
            difference += (w[i] - reference[i]) * (w[i] - reference[i]);
            size += reference[i] * reference[i];
        }
        return Math.sqrt(difference / Math.max(size, Double.MIN_NORMAL));
    }

    /** Writes {@code work-precision.csv} and {@code work-precision.png} into {@code out}. */
    public static void write(Path out, List<Row> rows, String reference) {
        StringBuilder csv = new StringBuilder("integrator,rtol,atol,stop_reason,time,loss,gradient_norm,steps,"
                + "rejected_steps,evaluations,hessians,difference_hessians,factorizations,newton_iterations,"
                + "newton_failures,wall_seconds,end_error,loss_error,trajectory_error\n");
        for (Row row : rows) {
            FlowResult r = row.result();
            csv.append(row.integrator().name()).append(',').append(row.tolerance()).append(',')
                    .append(ATOL_FACTOR * row.tolerance()).append(',').append(r.stopReason()).append(',')
                    .append(r.time()).append(',').append(r.value()).append(',').append(r.gradientNorm()).append(',')
                    .append(r.steps()).append(',').append(r.rejectedSteps()).append(',').append(r.evaluations())
                    .append(',').append(r.solver().hessians()).append(',').append(r.solver().differenceHessians())
                    .append(',').append(r.solver().factorizations()).append(',')
                    .append(r.solver().newtonIterations()).append(',').append(r.solver().newtonFailures())
                    .append(',').append(row.wallSeconds()).append(',').append(row.endError()).append(',')
                    .append(row.lossError()).append(',').append(row.trajectoryError()).append('\n');
        }
        AtomicFiles.writeString(out.resolve("work-precision.csv"), csv.toString());
        String errorLabel = "relative error of w(T) against " + reference + " (log)";
        XYChart byEvaluations = Charts.chart("work-precision: end-point error against gradient evaluations",
                "gradient evaluations (log)", errorLabel, true);
        XYChart byTime = Charts.chart("work-precision: end-point error against wall time", "wall time [s] (log)",
                errorLabel, true);
        XYChart along = Charts.chart("work-precision: largest loss error along the run against evaluations",
                "gradient evaluations (log)", "relative loss error at the recording times (log)", true);
        for (XYChart chart : List.of(byEvaluations, byTime, along)) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisDecimalPattern("0.#E0");
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        }
        List<String> names = new ArrayList<>();
        rows.forEach(row -> {
            if (!names.contains(row.integrator().name())) {
                names.add(row.integrator().name());
            }
        });
        for (String name : names) {
            List<Row> mine = rows.stream().filter(r -> r.integrator().name().equals(name)).toList();
            double[] evaluations = mine.stream().mapToDouble(r -> r.result().evaluations()).toArray();
            double[] seconds = mine.stream().mapToDouble(r -> Math.max(r.wallSeconds(), 1e-6)).toArray();
            double[] end = mine.stream().mapToDouble(Row::endError).toArray();
            double[] trajectory = mine.stream().mapToDouble(Row::trajectoryError).toArray();
            marked(byEvaluations, name, evaluations, end);
            marked(byTime, name, seconds, end);
            marked(along, name, evaluations, trajectory);
        }
        Charts.save(out.resolve("work-precision.png"), List.of(byEvaluations, byTime, along));
    }

    private static void marked(XYChart chart, String name, double[] x, double[] y) {
        if (Charts.line(chart, name, x, y)) {
            chart.getSeriesMap().get(name).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /** @return the console table of the rows */
    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %-18s %9s %11s %8s %7s %9s %11s %11s%n",
                "integrator", "rtol", "stop", "steps", "evaluations", "hessians", "LUs", "wall s", "end error",
                "path error"));
        for (Row row : rows) {
            FlowResult r = row.result();
            s.append(String.format(Locale.ROOT, "%-22s %8.0e %-18s %9d %11d %8d %7d %9.3f %11.3e %11.3e%n",
                    row.integrator().name(), row.tolerance(), r.stopReason(), r.steps(), r.evaluations(),
                    r.solver().hessians() + r.solver().differenceHessians(), r.solver().factorizations(),
                    row.wallSeconds(), row.endError(), row.trajectoryError()));
        }
        return s.toString();
    }
}
