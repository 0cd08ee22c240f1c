package org.lcnflow.examples.comparison;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.plugin.Component;

/**
 * The outcome of {@link IntegratorComparison#compare()}: one problem, its reference solution and one
 * {@link Row} per integrator configuration. Immutable.
 *
 * @param problem     the run every integrator makes (its integrator field is the reference's)
 * @param initialLoss {@code L(w0)}
 * @param reference   the integrator of the reference solution
 * @param referenceResult the reference solution at {@code t = tMax}
 * @param rows        one per configuration, in the order run
 */
public record Comparison(FlowSpec problem, double initialLoss, Component reference, FlowResult referenceResult,
                         List<Row> rows) {

    /** Checks for nulls and copies the rows. */
    public Comparison {
        Objects.requireNonNull(problem, "problem is null");
        Objects.requireNonNull(reference, "reference is null");
        Objects.requireNonNull(referenceResult, "referenceResult is null");
        rows = List.copyOf(rows);
    }

    /**
     * One integrator configuration on the problem.
     *
     * @param integrator        the integrator by name and parameters, e.g. {@code rk4(step=0.001)}
     * @param evaluations       gradient evaluations
     * @param steps             accepted steps
     * @param rejectedSteps     rejected step attempts
     * @param seconds           wall-clock time of the run
     * @param finalLoss         {@code L(w(tMax))}
     * @param balancednessDrift {@code max_{t, i} |delta_i(t) - delta_i(0)|} (Lemma 3.3: 0 for the exact flow)
     * @param referenceDistance {@code ||w(tMax) - w_ref(tMax)||_2}
     * @param stopReason        why the run ended ({@code TIME_LIMIT} when it reached {@code tMax})
     */
    public record Row(Component integrator, long evaluations, long steps, long rejectedSteps, double seconds,
                      double finalLoss, double balancednessDrift, double referenceDistance, StopReason stopReason) {

        /** Checks for nulls. */
        public Row {
            Objects.requireNonNull(integrator, "integrator is null");
            Objects.requireNonNull(stopReason, "stopReason is null");
        }
    }

    /**
     * @param integrator an integrator configuration of this comparison
     * @return its row
     * @throws IllegalArgumentException when the comparison has no such row, listing those it has
     */
    public Row row(Component integrator) {
        return rows.stream().filter(r -> r.integrator().equals(integrator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + integrator + "; rows: "
                        + rows.stream().map(r -> r.integrator().toString()).toList()));
    }

    /** The column titles of {@link #print}, in order. */
    static final String HEADER = String.format(Locale.ROOT, "%-52s %11s %9s %9s %9s %16s %18s %16s",
            "integrator", "evaluations", "accepted", "rejected", "wall ms", "final loss", "balancedness drift",
            "distance to ref");

    /**
     * Prints the problem, the reference and the table, one line per row.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.println("One gradient flow, many integrators");
        out.println("  network     " + problem.architecture());
        out.println("  data        " + problem.data());
        out.println("  loss        " + problem.loss() + ", from " + problem.init() + " to t = " + problem.stop().tMax());
        out.println("  L(w0)       " + String.format(Locale.ROOT, "%.10e", initialLoss));
        out.println("  reference   " + reference + ": L = " + String.format(Locale.ROOT, "%.10e",
                referenceResult.value()) + " after " + referenceResult.evaluations() + " evaluations");
        out.println("  balancedness drift: the largest change of a ||w_i+1||^2 - ||w_i||^2 (0 along the exact flow)");
        out.println("  distance to ref: ||w - w_ref||_2 at t = " + problem.stop().tMax());
        out.println();
        out.println(HEADER);
        for (Row row : rows) {
            out.println(format(row));
        }
    }

    /**
     * @param row a row
     * @return the row as printed in the table
     */
    static String format(Row row) {
        return String.format(Locale.ROOT, "%-52s %11d %9d %9d %9.1f %16.10e %18.3e %16.3e", row.integrator(),
                row.evaluations(), row.steps(), row.rejectedSteps(), 1e3 * row.seconds(), row.finalLoss(),
                row.balancednessDrift(), row.referenceDistance());
    }
}
