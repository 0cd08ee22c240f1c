package org.lcnflow.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.CriticalPoint;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.endpoint.LayerRoots;

/** The end point of a run in {@code summary.json} and in the console report (layers numbered from 1). */
final class EndPointReports {

    private EndPointReports() {
    }

    /** The {@code endPoint} object of {@code summary.json}'s diagnostics; no NaN, absent numbers are null. */
    static ObjectNode json(EndPoint end) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("verdict", end.verdict().name());
        node.put("reason", end.reason());
        node.put("critical", end.critical());
        Reports.number(node, "criticalityTolerance", end.criticalityTolerance());
        Reports.number(node, "loss", end.value());
        Reports.number(node, "gradientNorm", end.gradientNorm());
        Reports.number(node, "finalFilterGradientNorm", end.finalFilterGradientNorm());
        Reports.array(node.putArray("layerNorms"), end.layerNorms());
        ArrayNode zero = node.putArray("zeroFilters");
        end.zeroFilters().forEach(layer -> zero.add(layer + 1));

        CriticalPoint h = end.hessian();
        ObjectNode hessian = node.putObject("hessian");
        hessian.put("verdict", h.verdict().name());
        hessian.put("reason", h.reason());
        boolean available = h.verdict() != CriticalPoint.Verdict.UNAVAILABLE;
        Reports.array(hessian.putArray("eigenvalues"), h.eigenvalues());
        if (available) {
            Reports.number(hessian, "zeroTolerance", h.zeroTolerance());
            hessian.put("zeroModes", h.zeroModes());
            if (h.expectedZeroModes().isPresent()) {
                hessian.put("expectedZeroModes", h.expectedZeroModes().getAsInt());
            } else {
                hessian.putNull("expectedZeroModes");
            }
            hessian.put("negativeModes", h.negativeModes());
            Reports.number(hessian, "smallestEigenvalue", h.smallestEigenvalue());
            Reports.number(hessian, "largestMagnitude", h.largestMagnitude());
            Reports.number(hessian, "newtonDecrement", h.newtonDecrement());
        } else {
            for (String key : List.of("zeroTolerance", "zeroModes", "expectedZeroModes", "negativeModes",
                    "smallestEigenvalue", "largestMagnitude", "newtonDecrement")) {
                hessian.putNull(key);
            }
        }

        ConvexOptimum o = end.optimum();
        ObjectNode optimum = node.putObject("functionSpaceOptimum");
        optimum.put("status", o.status().name());
        optimum.put("reason", o.reason());
        if (o.found()) {
            Reports.number(optimum, "value", o.value());
        } else {
            optimum.putNull("value");
        }
        Reports.array(optimum.putArray("filter"), o.filter());
        Reports.number(optimum, "zeroNetworkLoss", o.zeroNetworkValue());
        optimum.put("iterations", o.iterations());
        if (o.status() != ConvexOptimum.Status.UNAVAILABLE) {
            optimum.put("patchRank", o.patchRank());
        } else {
            optimum.putNull("patchRank");
        }
        optimum.put("isGlobalMinimumOfL", end.optimumIsGlobalMinimum());
        optimum.put("meaning", meaning(end));
        optional(node, "gap", end.gap());
        optional(node, "relativeGap", end.relativeGap());
        node.put("gapCertifiesGlobalMinimum", end.gapCertifies());

        LayerRoots roots = end.roots();
        ObjectNode polynomials = node.putObject("layerPolynomials");
        Reports.number(polynomials, "sharedRootTolerance", roots.tolerance());
        ArrayNode layers = polynomials.putArray("layers");
        for (LayerRoots.Layer layer : roots.layers()) {
            ObjectNode l = layers.addObject();
            l.put("layer", layer.layer() + 1);
            l.put("spacing", layer.spacing());
            l.put("degree", layer.degree());
            l.put("zero", layer.zero());
            roots(l.putArray("roots"), layer.roots());
            l.put("repeatedRoots", layer.repeatedRoots());
            optional(l, "discriminantSingularValue", layer.discriminantSingularValue());
        }
        ArrayNode pairs = polynomials.putArray("pairs");
        for (LayerRoots.SharedRoots pair : roots.pairs()) {
            ObjectNode p = pairs.addObject();
            p.putArray("layers").add(pair.first() + 1).add(pair.second() + 1);
            optional(p, "sylvesterSingularValue", pair.sylvesterSingularValue());
            p.put("sharedRoots", pair.count());
            roots(p.putArray("roots"), pair.roots());
        }
        ObjectNode certificate = node.putObject("prop51");
        certificate.put("status", end.certificate().status().name());
        certificate.put("reason", end.certificate().reason());
        Reports.number(node, "jacobianSingularValue", end.jacobianSingularValue());
        ArrayNode failures = node.putArray("theoryFailures");
        end.theoryFailures().forEach(failures::add);
        return node;
    }

    /** The console lines of the end point, aligned with the rest of the report. */
    static String text(EndPoint end) {
        StringBuilder s = new StringBuilder();
        s.append("  end point          ").append(end.verdict()).append(": ").append(end.reason()).append('\n');
        CriticalPoint h = end.hessian();
        if (h.verdict() == CriticalPoint.Verdict.UNAVAILABLE) {
            s.append("  Hessian            unavailable: ").append(h.reason()).append('\n');
        } else {
            double[] eigenvalues = h.eigenvalues();
            s.append(String.format(Locale.ROOT, "  Hessian            %s: eigenvalues in [%.4g, %.4g], %d within +-%.3g"
                    + " of zero (%s expected from the rescaling symmetry), %d negative%n", h.verdict(),
                    eigenvalues[0], eigenvalues[eigenvalues.length - 1], h.zeroModes(), h.zeroTolerance(),
                    h.expectedZeroModes().isPresent() ? Integer.toString(h.expectedZeroModes().getAsInt()) : "none",
                    h.negativeModes()));
        }
        ConvexOptimum o = end.optimum();
        if (o.found()) {
            s.append(String.format(Locale.ROOT, "  function space     L* = %.10g, the %s; L(w) - L* = %.3e (relative"
                    + " %.3e)%n", o.value(), meaning(end), end.gap().getAsDouble(),
                    end.relativeGap().getAsDouble()));
        } else {
            s.append("  function space     no L* (").append(o.status()).append("): ").append(o.reason()).append('\n');
        }
        s.append("  layer roots        ").append(roots(end.roots())).append('\n');
        s.append("  Prop. 5.1          ").append(end.certificate().status()).append(": ")
                .append(end.certificate().reason()).append('\n');
        s.append("  filter norms       ");
        double[] norms = end.layerNorms();
        for (int i = 0; i < norms.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "||w%d|| = %.6g", i + 1, norms[i]));
        }
        s.append('\n');
        if (!end.theoryFailures().isEmpty()) {
            s.append("  where theory fails\n");
            for (String failure : end.theoryFailures()) {
                s.append("                       - ").append(failure).append('\n');
            }
        }
        return s.toString();
    }

    private static String meaning(EndPoint end) {
        return end.optimumIsGlobalMinimum() ? "global minimum of L (the architecture represents every final filter)"
                : "lower bound of min L (the architecture is not filling)";
    }

    private static String roots(LayerRoots roots) {
        List<String> parts = new ArrayList<>();
        for (LayerRoots.Layer layer : roots.layers()) {
            if (layer.zero()) {
                parts.add("p" + (layer.layer() + 1) + " = 0");
            } else if (layer.repeatedRoots() > 0) {
                parts.add("p" + (layer.layer() + 1) + " has " + layer.repeatedRoots() + " repeated root"
                        + (layer.repeatedRoots() == 1 ? "" : "s"));
            }
        }
        int shared = 0;
        for (LayerRoots.SharedRoots pair : roots.pairs()) {
            if (pair.count() > 0) {
                shared++;
                parts.add(String.format(Locale.ROOT, "p%d and p%d share %d root%s%s", pair.first() + 1,
                        pair.second() + 1, pair.count(), pair.count() == 1 ? "" : "s",
                        pair.roots().isEmpty() ? "" : " near " + pair.roots().get(0)));
            }
        }
        if (shared == 0) {
            parts.add("no roots shared between layers");
        }
        parts.add(String.format(Locale.ROOT, "tolerance %.3g on normalized Sylvester singular values",
                roots.tolerance()));
        return String.join("; ", parts);
    }

    private static void roots(ArrayNode array, List<LayerRoots.Root> roots) {
        for (LayerRoots.Root root : roots) {
            ObjectNode r = array.addObject();
            Reports.number(r, "re", root.real());
            Reports.number(r, "im", root.imaginary());
        }
    }

    private static void optional(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            Reports.number(node, key, value.getAsDouble());
        } else {
            node.putNull(key);
        }
    }
}
