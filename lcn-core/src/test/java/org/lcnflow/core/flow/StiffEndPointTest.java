package org.lcnflow.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.testkit.CountingField;

/**
 * Issue 16's acceptance problem, where the flow of an LCN turns stiff near its end: {@code d0 = 27}, widths 3, 3, 2,
 * strides 1, 2, 1, 200 synthetic samples with 10% outliers, pseudo-Huber ({@code delta = 0.5}), from seeded filters.
 * Explicit methods at {@code rtol 1e-8} never reach {@code |grad| < 1e-8} there (Dormand-Prince 5(4) ran into
 * {@code tMax = 100} after 1.2e7 evaluations); each implicit method and {@code auto} must stop at the gradient
 * tolerance at the loss of a {@code 1e-13} reference flow's end to {@code 1e-10} relative, with at most 5000
 * gradient evaluations plus Hessians at their cost. A Hessian is counted at the cost of the forward differences it
 * replaces, {@code n} gradients ({@code n = 8} filter weights here): an upper bound of the exact one's, which costs
 * one pass over the data like a gradient.
 */
class StiffEndPointTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final StopCondition STOP = new StopCondition(100, 1e-8, 1_000_000);
    private static EmpiricalRisk risk;
    private static double[] w0;
    private static FlowResult reference;

    @BeforeAll
    static void problemAndReference() {
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = REGISTRY.dataSource("synthetic", Parameters.of(Map.of("m", 200, "seed", 3, "noise", 0.05,
                "outliers", 0.1, "outlierScale", 20))).load(a);
        risk = EmpiricalRisk.of(a, data, REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.5))));
        w0 = InitialFilters.gaussian(a, 7, 0.5);
        reference = REGISTRY.integrator("radau-iia-5", Parameters.of(Map.of("rtol", 1e-13, "atol", 1e-13)))
                .integrate(risk, w0, STOP, FlowObserver.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, reference.stopReason(), reference.toString());
    }

    private static void reachesTheEndPoint(String name) {
        CountingField counting = new CountingField(risk.fork());
        FlowResult result = REGISTRY.integrator(name, Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-8)))
                .integrate(counting, w0, STOP, FlowObserver.NONE);
        String what = name + ": " + result;
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), what);
        assertTrue(result.gradientNorm() < 1e-8, what);
        assertEquals(counting.count(), result.evaluations(), what);
        assertEquals(counting.hessianCount(), result.solver().hessians(), what);
        double relative = Math.abs(result.value() - reference.value()) / reference.value();
        assertTrue(relative <= 1e-10, what + ": loss " + result.value() + " vs the reference's " + reference.value()
                + ", relative " + relative);
        long hessians = result.solver().hessians() + result.solver().differenceHessians();
        long cost = result.evaluations() + hessians * risk.dimension();
        assertTrue(cost <= 5000, what + ": cost " + cost);
        assertTrue(result.solver().factorizations() >= 1, what);
    }

    @Test
    void radauIIA5ReachesTheEndPoint() {
        reachesTheEndPoint("radau-iia-5");
    }

    @Test
    void rosenbrockReachesTheEndPoint() {
        reachesTheEndPoint("rosenbrock");
    }

    @Test
    void bdfReachesTheEndPoint() {
        reachesTheEndPoint("bdf");
    }

    @Test
    void autoReachesTheEndPoint() {
        reachesTheEndPoint("auto");
    }
}
