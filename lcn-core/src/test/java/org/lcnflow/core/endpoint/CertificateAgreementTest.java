package org.lcnflow.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * On filling architectures {@code L*} is the global minimum of {@code L}, so the function-space gap decides global
 * optimality exactly; the certificate of Kohn et al. (Prop. 5.1) must agree with it wherever it speaks.
 */
class CertificateAgreementTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Loss SQUARE = REGISTRY.loss("square", Parameters.empty());
    private static final FlowIntegrator DP54 = REGISTRY.integrator("dormand-prince-54",
            Parameters.of(Map.of("rtol", 1e-9, "atol", 1e-11)));

    @Test
    void propositionFiveOneAndTheFunctionSpaceGapAgreeOnConvergedRuns() {
        int[][] widths = {{3, 3}, {2, 3}, {3, 2, 3}, {2, 1, 3}, {3, 3, 3}};
        int certified = 0;
        int sharedRoots = 0;
        for (int[] k : widths) {
            int[] s = new int[k.length];
            java.util.Arrays.fill(s, 1);
            Architecture a = Architecture.of(8, k, s);
            assertTrue(a.isFilling(), a.toString());
            Dataset data = new SyntheticDataSource(10, 8, 0.3, 0.0, 0.0, 1.0).load(a);
            for (long seed = 1; seed <= 4; seed++) {
                FlowRun run = GradientFlow.builder().architecture(a).data(data).loss(SQUARE).integrator(DP54)
                        .randomInitialFilters(seed, 0.5).stop(new StopCondition(1e4, 1e-7, 100_000)).build().run();
                EndPoint end = run.diagnostics().endPoint();
                if (!end.critical()) {
                    assertEquals(EndPoint.Verdict.NOT_CONVERGED, end.verdict());
                    continue;
                }
                String where = a + " seed " + seed + ": " + end.reason() + " / " + end.certificate().reason();
                assertEquals(end.gapCertifies(), end.certificate().certifiesGlobalMinimum(), where);
                if (end.certificate().certifiesGlobalMinimum()) {
                    certified++;
                    assertTrue(Math.abs(end.relativeGap().getAsDouble()) < 1e-10, where);
                    assertEquals(EndPoint.Verdict.GLOBAL_MINIMUM_CERTIFIED, end.verdict(), where);
                } else {
                    sharedRoots++;
                    assertEquals(RootCertificate.Status.SHARED_ROOTS, end.certificate().status(), where);
                    assertTrue(end.relativeGap().getAsDouble() > 1e-3, where);
                    assertEquals(EndPoint.Verdict.LOCAL_MINIMUM, end.verdict(), "a spurious local minimum: " + where);
                }
            }
        }
        assertTrue(certified >= 5, "certified global minima: " + certified);
        assertTrue(sharedRoots >= 2, "local minima with shared roots: " + sharedRoots);
    }

    /**
     * {@code k = (3, 3)} with {@code l(v) = ||v - y||^2}, {@code y = 1 - x^4 = (1 - x^2)(1 + x^2)}: filling, so
     * {@code L* = 0}. From {@code w^(1) = w^(2)} the flow keeps the layers equal (the risk is symmetric in them),
     * so it ends where both polynomials coincide, sharing all their roots, and {@code 1 - x^4} is no square:
     * neither the certificate nor the gap may claim a global minimum.
     */
    @Test
    void equalLayersShareAllRootsAndNeitherCertificateClaimsAGlobalMinimum() {
        Architecture a = Architecture.of(5, new int[] {3, 3}, new int[] {1, 1});
        double[][] x = new double[5][5];
        double[][] y = {{1}, {0}, {0}, {0}, {-1}};
        for (int i = 0; i < 5; i++) {
            x[i][i] = 1;
        }
        Dataset data = new Dataset(x, y);
        FlowRun run = GradientFlow.builder().architecture(a).data(data).loss(SQUARE).integrator(DP54)
                .initialFilters(new double[] {0.6, 0.1, -0.4, 0.6, 0.1, -0.4})
                .stop(new StopCondition(1e4, 1e-9, 100_000)).build().run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason());
        EndPoint end = run.diagnostics().endPoint();
        double[] w = run.result().parameters();
        assertEquals(w[0], w[3], 1e-12);
        assertEquals(w[2], w[5], 1e-12);
        assertEquals(RootCertificate.Status.SHARED_ROOTS, end.certificate().status(), end.certificate().reason());
        assertEquals(2, end.roots().pairs().get(0).count(), end.roots().toString());
        assertFalse(end.gapCertifies());
        assertEquals(0.0, end.optimum().value(), 1e-24);
        assertTrue(end.gap().getAsDouble() > 0.1, "gap " + end.gap());
        assertTrue(end.verdict() != EndPoint.Verdict.GLOBAL_MINIMUM_CERTIFIED, end.reason());
    }

    @Test
    void theZeroPointOfAFillingArchitectureIsCertifiedByNeither() {
        Architecture a = Architecture.of(8, new int[] {3, 2}, new int[] {1, 1});
        Dataset data = new SyntheticDataSource(10, 3, 0.3, 0.0, 0.0, 1.0).load(a);
        EndPoint end = EndPoint.analyze(a, data, SQUARE, new double[a.parameterCount()], 1e-9);
        assertTrue(end.critical());
        assertEquals(RootCertificate.Status.SHARED_ROOTS, end.certificate().status());
        assertTrue(end.certificate().reason().contains("filter 1 is zero"), end.certificate().reason());
        assertFalse(end.gapCertifies());
        assertEquals(EndPoint.Verdict.STRICT_SADDLE, end.verdict());
    }
}
