package org.lcnflow.core.risk;

import java.util.Locale;

/**
 * How an {@link EmpiricalRisk} computes its value and gradient. All three are exact (they differ only
 * by rounding); {@link RiskOptions} chooses, by default the fastest one that applies.
 */
public enum GradientPath {

    /**
     * For the quadratic losses ({@code square}, {@code lp} with {@code p = 2}): the risk as a quadratic
     * form in the final filter, set up by one pass over the data; an evaluation then costs
     * {@code O(k_v^2 + N k_v k_max)} and never touches the data. With a gradient tolerance set, a gradient
     * whose norm the stop test could misjudge by more than a tenth of the tolerance is recomputed by the
     * {@link #DATA_PASS} (see {@link RiskOptions#withGradientTolerance}).
     */
    QUADRATIC_FORM("quadratic-form"),

    /**
     * One pass over the data per evaluation, in blocks of samples with vectorized loops, split over
     * threads for large problems with a fixed chunking: the result does not depend on the thread count.
     * Any loss; separable losses avoid a call per sample.
     */
    DATA_PASS("data-pass"),

    /**
     * The generic reference: one sequential pass over the data, sample by sample, through
     * {@link org.lcnflow.api.Loss#value} and {@link org.lcnflow.api.Loss#gradient} (or {@code phi} and
     * {@code phi'} of a separable loss). Slowest; what the faster paths are tested against.
     */
    GENERIC("generic");

    private final String label;

    GradientPath(String label) {
        this.label = label;
    }

    /** @return the name used in the {@value RiskOptions#PATH_PROPERTY} system property, e.g. {@code data-pass} */
    public String label() {
        return label;
    }

    /**
     * @param label e.g. {@code quadratic-form}, case-insensitive
     * @return the path
     * @throws IllegalArgumentException naming the allowed labels
     */
    public static GradientPath ofLabel(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (GradientPath p : values()) {
            if (p.label.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown gradient path '" + label
                + "'; allowed: quadratic-form, data-pass, generic");
    }
}
