package org.lcnflow.cli.report;

import java.util.List;
import java.util.Objects;
import org.lcnflow.api.Loss;

/**
 * Tabulates losses of one output coordinate against the residual, as in the paper's Figure 1 (the losses
 * of section 3.3 for differences {@code x - y in [-4, 4]}), for plotting.
 *
 * <p>Each loss is evaluated as {@code loss.value({r}, {0})}: output dimension {@code d_N = 1}, target 0,
 * so any {@link Loss}, separable or not, can be tabulated. Stateless and thread-safe.
 */
public final class LossCurves {

    /** Figure 1's residual range is {@code [FIGURE_1_FROM, FIGURE_1_TO]}. */
    public static final double FIGURE_1_FROM = -4.0;

    /** Figure 1's residual range is {@code [FIGURE_1_FROM, FIGURE_1_TO]}. */
    public static final double FIGURE_1_TO = 4.0;

    /** Number of points {@link #figure1} uses: a step of 0.04, with 0 and the integers on the grid. */
    public static final int FIGURE_1_POINTS = 201;

    private LossCurves() {
    }

    /**
     * @param losses the losses to tabulate, in the order of the output rows
     * @param from   the first residual, finite
     * @param to     the last residual, finite and {@code > from}
     * @param points the number of residuals, {@code >= 2}
     * @return {@code points}-long rows: row 0 the residuals {@code r_k = ((points-1-k) from + k to) / (points-1)}
     *         (exactly {@code from} and {@code to} at the ends, and symmetric about 0 when {@code from = -to}),
     *         row {@code 1 + i} the values of {@code losses.get(i)} at those residuals
     * @throws IllegalArgumentException for a bad range or number of points
     */
    public static double[][] tabulate(List<? extends Loss> losses, double from, double to, int points) {
        Objects.requireNonNull(losses, "losses is null");
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
            throw new IllegalArgumentException("loss curves: need finite from < to, got from=" + from + ", to=" + to);
        }
        if (points < 2) {
            throw new IllegalArgumentException("loss curves: points must be >= 2, got " + points);
        }
        double[][] table = new double[1 + losses.size()][points];
        double[] residuals = table[0];
        int last = points - 1;
        for (int k = 0; k < points; k++) {
            residuals[k] = ((double) (last - k) * from + (double) k * to) / last;
        }
        double[] zero = {0.0};
        for (int i = 0; i < losses.size(); i++) {
            Loss loss = Objects.requireNonNull(losses.get(i), "losses contains null");
            double[] row = table[1 + i];
            for (int k = 0; k < points; k++) {
                row[k] = loss.value(new double[] {residuals[k]}, zero);
            }
        }
        return table;
    }

    /**
     * Figure 1's table: {@link #tabulate} over {@code [-4, 4]} with {@value #FIGURE_1_POINTS} points.
     *
     * @param losses the losses to tabulate
     * @return as {@link #tabulate}
     */
    public static double[][] figure1(List<? extends Loss> losses) {
        return tabulate(losses, FIGURE_1_FROM, FIGURE_1_TO, FIGURE_1_POINTS);
    }
}
