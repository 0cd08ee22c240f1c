package org.lcnflow.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
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
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

/** Critical points classified: the all-zero point, constructed and flow-found saddles, certified global minima. */
class EndPointTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Loss SQUARE = REGISTRY.loss("square", Parameters.empty());

    private static FlowIntegrator dormandPrince() {
        return REGISTRY.integrator("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-10, "atol", 1e-12)));
    }

    /** {@code m = k_v} unit inputs and {@code d_N = 1}: the risk is {@code ||v - y||^2} exactly ({@code P = I}). */
    private static Dataset unitPatches(double... y) {
        double[][] x = new double[y.length][y.length];
        double[][] t = new double[y.length][1];
        for (int i = 0; i < y.length; i++) {
            x[i][i] = 1;
            t[i][0] = y[i];
        }
        return new Dataset(x, t);
    }

    @Test
    void allFiltersZeroWithTwoLayersIsAStrictSaddle() {
        Random random = new Random(3);
        Architecture a = Architecture.of(11, new int[] {3, 2}, new int[] {2, 1});
        Dataset data = RandomLcn.data(a, 6, random);
        EndPoint end = EndPoint.analyze(a, data, SQUARE, new double[a.parameterCount()], 1e-12);
        assertTrue(end.critical(), "grad L(0) = 0 for N >= 2");
        assertEquals(0.0, end.gradientNorm());
        assertTrue(end.finalFilterGradientNorm() > 0.1, "grad_v L(0) != 0: " + end.finalFilterGradientNorm());
        assertEquals(EndPoint.Verdict.STRICT_SADDLE, end.verdict(), end.reason());
        assertEquals(CriticalPoint.Verdict.STRICT_SADDLE, end.hessian().verdict());
        // the Hessian is [[0, G], [G^T, 0]] with G[a][b] = g_v[a S_1 + b S_2]: eigenvalues +-sigma(G)
        Hessian h = Hessian.of(a, data, (org.lcnflow.api.SeparableLoss) SQUARE, new double[a.parameterCount()]);
        double[] gv = h.finalFilterGradient();
        double[][] g = new double[3][2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                g[i][j] = gv[i + 2 * j];
            }
        }
        double largestSingular = 0;
        for (double s : org.ejml.dense.row.SingularOps_DDRM.singularValues(new org.ejml.data.DMatrixRMaj(g))) {
            largestSingular = Math.max(largestSingular, s);
        }
        assertEquals(-largestSingular, end.hessian().smallestEigenvalue(), 1e-12 * largestSingular);
        assertEquals(2, end.zeroFilters().size());
        assertFalse(end.certificate().certifiesGlobalMinimum());
        assertTrue(end.gap().getAsDouble() > 0);
    }

    @Test
    void allFiltersZeroWithThreeOrMoreLayersIsInconclusiveNeverAMinimum() {
        Random random = new Random(4);
        for (Architecture a : new Architecture[] {
            Architecture.of(10, new int[] {3, 2, 2}, new int[] {1, 2, 1}),
            Architecture.of(8, new int[] {2, 3, 2, 2}, new int[] {1, 1, 1, 1})}) {
            Dataset data = RandomLcn.data(a, 5, random);
            EndPoint end = EndPoint.analyze(a, data, SQUARE, new double[a.parameterCount()], 1e-12);
            assertTrue(end.critical());
            assertEquals(CriticalPoint.Verdict.INCONCLUSIVE, end.hessian().verdict(), end.hessian().reason());
            assertEquals(EndPoint.Verdict.INCONCLUSIVE, end.verdict(), end.reason());
            assertEquals(a.parameterCount(), end.hessian().zeroModes(), "the Hessian at 0 vanishes for N >= 3");
            for (double lambda : end.hessian().eigenvalues()) {
                assertEquals(0.0, lambda, 0.0);
            }
            assertTrue(end.gap().getAsDouble() > 0, "v = 0 is not the best filter for these data");
            assertFalse(end.gapCertifies());
        }
    }

    /**
     * {@code k = (2, 2)}, strides 1, {@code l(v) = ||v - (1, 0, 1)||^2}. On {@code w^(1) = w^(2) = (t, t)},
     * {@code v = t^2 (1, 2, 1)} and {@code L = 2 (t^2 - 1)^2 + 4 t^4}, critical at {@code t^2 = 1/3}; both layers
     * are {@code t (1 + x)}, sharing the root -1. By hand, with {@code g_v = (-4/3, 4/3, -4/3)}, the Hessian
     * {@code 2 J^T J + [[0, B], [B, 0]]}, {@code B = [[-4/3, 4/3], [4/3, -4/3]]}, has the eigenvalues
     * {@code -4/3} (along {@code w^(1) = w^(2) = (e, -e)}), 0 (the rescaling), 8/3 and 4: a saddle with no zero
     * filter.
     */
    @Test
    void constructedSaddleWithASharedRootIsAStrictSaddle() {
        Architecture a = Architecture.of(3, new int[] {2, 2}, new int[] {1, 1});
        Dataset data = unitPatches(1, 0, 1);
        double t = Math.sqrt(1.0 / 3);
        EndPoint end = EndPoint.analyze(a, data, SQUARE, new double[] {t, t, t, t}, 1e-12);
        assertTrue(end.critical(), "gradient " + end.gradientNorm());
        assertEquals(EndPoint.Verdict.STRICT_SADDLE, end.verdict(), end.reason());
        assertTrue(end.zeroFilters().isEmpty());
        assertArrayEquals(new double[] {-4.0 / 3, 0, 8.0 / 3, 4}, end.hessian().eigenvalues(), 1e-12);
        assertEquals(-4.0 / 3, end.hessian().smallestEigenvalue(), 1e-12);
        assertEquals(1, end.hessian().zeroModes());
        assertEquals(4.0 / 3, end.gap().getAsDouble(), 1e-12);
        assertEquals(RootCertificate.Status.SHARED_ROOTS, end.certificate().status(), end.certificate().reason());
        LayerRoots.SharedRoots pair = end.roots().pairs().get(0);
        assertEquals(1, pair.count());
        assertEquals(-1.0, pair.roots().get(0).real(), 1e-12);
        assertFalse(end.optimumIsGlobalMinimum(), "k = (2, 2) has two even widths: not filling");
    }

    /**
     * The flow from {@code w^(1) = w^(2) = (b, b)} stays on that line, which is invariant (the risk is symmetric in
     * the two layers and under reversing {@code v}; the computed gradient is too, entry for entry), and converges to
     * the saddle above: the saddle is found by the flow itself and classified.
     */
    @Test
    void flowFromASymmetricStartFindsTheSaddleAndClassifiesIt() {
        Architecture a = Architecture.of(3, new int[] {2, 2}, new int[] {1, 1});
        GradientFlow flow = GradientFlow.builder().architecture(a).data(unitPatches(1, 0, 1)).loss(SQUARE)
                .integrator(dormandPrince()).initialFilters(new double[] {0.3, 0.3, 0.3, 0.3})
                .stop(new StopCondition(1e4, 1e-10, 1_000_000)).build();
        FlowRun run = flow.run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason());
        EndPoint end = run.diagnostics().endPoint();
        assertEquals(EndPoint.Verdict.STRICT_SADDLE, end.verdict(), end.reason());
        double[] w = run.result().parameters();
        assertEquals(Math.sqrt(1.0 / 3), w[0], 1e-9);
        assertEquals(4.0 / 3, end.value(), 1e-12);
    }

    @Test
    void convergedRunOnAFillingArchitectureWithSquareLossIsCertifiedGlobal() {
        Architecture a = Architecture.of(8, new int[] {3, 3, 3}, new int[] {1, 1, 1});
        assertTrue(a.isFilling());
        Dataset data = new SyntheticDataSource(10, 8, 0.3, 0.0, 0.0, 1.0).load(a);
        FlowRun run = GradientFlow.builder().architecture(a).data(data).loss(SQUARE).integrator(dormandPrince())
                .randomInitialFilters(1, 0.5).stop(new StopCondition(1e4, 1e-7, 100_000)).build().run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason());
        EndPoint end = run.diagnostics().endPoint();
        assertEquals(EndPoint.Verdict.GLOBAL_MINIMUM_CERTIFIED, end.verdict(), end.reason());
        assertTrue(end.optimumIsGlobalMinimum());
        assertTrue(end.gapCertifies());
        assertTrue(Math.abs(end.relativeGap().getAsDouble()) < 1e-10, "relative gap " + end.relativeGap());
        assertTrue(Math.abs(end.gap().getAsDouble()) < 1e-10 * end.optimum().value(), "gap " + end.gap()
                + " against L* = " + end.optimum().value());
        assertEquals(CriticalPoint.Verdict.LOCAL_MINIMUM_CANDIDATE, end.hessian().verdict(), end.hessian().reason());
        assertEquals(2, end.hessian().zeroModes(), "N - 1 symmetry modes");
        assertEquals(2, end.hessian().expectedZeroModes().getAsInt());
        assertTrue(end.certificate().certifiesGlobalMinimum(), end.certificate().reason());
        assertTrue(end.jacobianSingularValue() > 0, "J onto R^{k_v}");
        assertTrue(end.theoryFailures().isEmpty(), end.theoryFailures().toString());
        assertEquals(ConvexOptimum.Status.FOUND, end.optimum().status(), end.optimum().reason());
    }

    @Test
    void theRunnersDiagnosticsHoldTheAnalysisOfTheEndPoint() {
        Architecture a = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = new SyntheticDataSource(15, 4, 0.1, 0.1, 3, 1).load(a);
        Loss huber = REGISTRY.loss("pseudo-huber", Parameters.empty());
        FlowRun run = GradientFlow.builder().architecture(a).data(data).loss(huber).integrator(dormandPrince())
                .randomInitialFilters(2, 0.5).stop(new StopCondition(0.5, 0, 100_000)).build().run();
        EndPoint end = run.diagnostics().endPoint();
        assertEquals(EndPoint.analyze(a, data, huber, run.result().parameters(), 0), end);
        assertEquals(run.result().value(), end.value(), 1e-12 * end.value());
        assertEquals(run.result().gradientNorm(), end.gradientNorm(), 1e-9 * end.gradientNorm());
        assertEquals(EndPoint.Verdict.NOT_CONVERGED, end.verdict(), "t = 0.5 is far too short: " + end.reason());
        assertEquals(RootCertificate.Status.NOT_APPLICABLE, end.certificate().status());
        assertTrue(end.certificate().reason().contains("s2 = 2"), end.certificate().reason());
        assertFalse(end.optimumIsGlobalMinimum());
        assertTrue(end.theoryFailures().stream().anyMatch(f -> f.contains("not filling")), end.theoryFailures().toString());
        assertTrue(end.gap().getAsDouble() > 0, "L* is a lower bound of every L(w)");
        assertEquals(3, end.layerNorms().length);
    }

    @Test
    void lossesWithoutASecondDerivativeLeaveTheHessianUnavailableAndSayWhy() {
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {1, 1});
        Dataset data = RandomLcn.data(a, 4, new Random(9));
        double[] w = {0.3, -0.2, 0.5, 0.4};
        EndPoint generic = EndPoint.analyze(a, data, TestLosses.LOG_NORM, w, 1e-6);
        assertEquals(CriticalPoint.Verdict.UNAVAILABLE, generic.hessian().verdict());
        assertTrue(generic.hessian().reason().contains("not a SeparableLoss"), generic.hessian().reason());
        assertEquals(ConvexOptimum.Status.UNAVAILABLE, generic.optimum().status());
        assertTrue(generic.theoryFailures().stream().anyMatch(f -> f.startsWith("no Hessian")));

        // lp with p = 1.5 at a zero residual: phi'' is infinite, the risk is not twice differentiable there
        Architecture scalar = Architecture.of(2, new int[] {1, 1}, new int[] {1, 1});
        Dataset exact = new Dataset(new double[][] {{1, 2}}, new double[][] {{2, 5}});
        Loss lp = REGISTRY.loss("lp", Parameters.of(Map.of("p", 1.5)));
        EndPoint kink = EndPoint.analyze(scalar, exact, lp, new double[] {1, 2}, 1e-6);
        assertEquals(CriticalPoint.Verdict.UNAVAILABLE, kink.hessian().verdict());
        assertTrue(kink.hessian().reason().contains("sample 1, output coordinate 1"), kink.hessian().reason());
    }

    @Test
    void rankDeficientDataAreNamedAmongTheTheorysFailures() {
        // two samples of a width-5 final filter: the patches span 2 dimensions
        Architecture a = Architecture.of(5, new int[] {3, 3}, new int[] {1, 1});
        Dataset data = RandomLcn.data(a, 2, new Random(7));
        EndPoint end = EndPoint.analyze(a, data, SQUARE, new double[] {1, 0, 0, 1, 0, 0}, 1e-9);
        assertTrue(end.theoryFailures().stream().anyMatch(f -> f.contains("rank-deficient")),
                end.theoryFailures().toString());
        assertEquals(0.0, end.optimum().value(), 1e-25);
    }
}
