package org.lcnflow.core.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Loss;

/**
 * The global-minimum certificate of Kohn et al. ("Geometry of linear convolutional networks", Prop. 5.1, quoted
 * at the end of section 3.3 of the paper): for an architecture with all strides 1 and a convex loss, a critical
 * point whose layer polynomials {@code p~_1, ..., p~_N} have no common roots is a global minimum of {@code L}.
 * (Pairwise coprime factors make {@code J = dv/dw} onto {@code R^{k_v}}, so {@code J^T grad l(v) = 0} forces
 * {@code grad l(v) = 0}: {@code v} minimizes the convex {@code l} over all of {@code R^{k_v}}.) Roots are compared
 * by {@link LayerRoots}; a zero filter shares every root. Immutable.
 *
 * @param status whether the certificate holds
 * @param reason one sentence saying why
 */
public record RootCertificate(Status status, String reason) {

    /** The outcome. */
    public enum Status {
        /** Strides 1, convex loss, a critical point, no two layers share a root: a global minimum. */
        GLOBAL_MINIMUM,
        /** The hypotheses hold but some layers share roots: the certificate is silent. */
        SHARED_ROOTS,
        /** A hypothesis fails (strides, loss, not a critical point). */
        NOT_APPLICABLE
    }

    /** Checks for nulls. */
    public RootCertificate {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    /** @return whether the certificate proves a global minimum */
    public boolean certifiesGlobalMinimum() {
        return status == Status.GLOBAL_MINIMUM;
    }

    /**
     * @param architecture the network
     * @param loss         the loss
     * @param critical     whether the point is critical (to the run's tolerance)
     * @param roots        the layer polynomials' roots at the point
     * @return the certificate's verdict
     */
    public static RootCertificate of(Architecture architecture, Loss loss, boolean critical, LayerRoots roots) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(roots, "roots is null");
        List<String> strided = new ArrayList<>();
        for (int i = 0; i < architecture.depth(); i++) {
            if (architecture.stride(i) != 1) {
                strided.add("s" + (i + 1) + " = " + architecture.stride(i));
            }
        }
        if (!strided.isEmpty()) {
            return new RootCertificate(Status.NOT_APPLICABLE, "Prop. 5.1 of Kohn et al. needs all strides 1, here "
                    + String.join(", ", strided));
        }
        if (!loss.isConvex()) {
            return new RootCertificate(Status.NOT_APPLICABLE, "Prop. 5.1 of Kohn et al. needs a convex loss, and "
                    + loss + " is not known to be convex");
        }
        if (!critical) {
            return new RootCertificate(Status.NOT_APPLICABLE, "Prop. 5.1 of Kohn et al. is about critical points,"
                    + " and the end point is not critical to the run's gradient tolerance");
        }
        if (architecture.depth() == 1) {
            return new RootCertificate(Status.GLOBAL_MINIMUM, "depth 1: L = l(v) is convex in w = v, so every"
                    + " critical point is a global minimum");
        }
        List<String> shared = new ArrayList<>();
        for (LayerRoots.Layer layer : roots.layers()) {
            if (layer.zero()) {
                shared.add("filter " + (layer.layer() + 1) + " is zero and shares every root");
            }
        }
        for (LayerRoots.SharedRoots pair : roots.pairs()) {
            boolean zero = roots.layers().get(pair.first()).zero() || roots.layers().get(pair.second()).zero();
            if (pair.count() > 0 && !zero) {
                shared.add(String.format(Locale.ROOT, "layers %d and %d share %d root%s %s (normalized Sylvester"
                        + " singular value %.3g <= %.3g)", pair.first() + 1, pair.second() + 1, pair.count(),
                        pair.count() == 1 ? "" : "s", pair.roots(), pair.sylvesterSingularValue().orElse(0.0),
                        roots.tolerance()));
            }
        }
        if (!shared.isEmpty()) {
            return new RootCertificate(Status.SHARED_ROOTS, "no certificate: " + String.join("; ", shared));
        }
        String smallest = roots.smallestPairSingularValue().isPresent()
                ? String.format(Locale.ROOT, "smallest normalized Sylvester singular value %.3g > %.3g",
                        roots.smallestPairSingularValue().getAsDouble(), roots.tolerance())
                : "at most one layer polynomial has roots";
        return new RootCertificate(Status.GLOBAL_MINIMUM, "no two layer polynomials share a root (" + smallest
                + "): a critical point of a convex loss with strides 1 is then a global minimum (Kohn et al.,"
                + " Prop. 5.1)");
    }
}
