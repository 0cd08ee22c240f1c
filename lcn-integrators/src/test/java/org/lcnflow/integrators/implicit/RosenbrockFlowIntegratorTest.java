package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lcnflow.integrators.Fields.withoutHessian;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.DormandPrince853Provider;
import org.lcnflow.integrators.ResumeCheck;
import org.lcnflow.integrators.StepAllocation;
import org.lcnflow.integrators.StiffQuadratic;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@link RosenbrockFlowIntegrator} (RODAS4, Hairer-Wanner II, IV.7): order 4 with a fixed step on a quadratic flow
 * with a known solution and on a nonlinear one, an error estimate of order 4 (that of an order-3 solution),
 * L-stability, a stiff flow to a gradient tolerance of 1e-8 with the exact Hessian and with differences, exact
 * statistics, agreement with {@code dormand-prince-853}, bit-for-bit resume and no allocation per step.
 */
class RosenbrockFlowIntegratorTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static RosenbrockFlowIntegrator rodas(double rtol, double atol) {
        return new RosenbrockFlowIntegrator("rosenbrock", rtol, atol, Double.NaN, 0.0, Double.POSITIVE_INFINITY);
    }

    private static double orderOfFixedSteps(GradientField field, double[] w0, double[] exact, int[] counts) {
        RosenbrockFlowIntegrator integrator = rodas(1e-6, 1e-6);
        return ConvergenceOrderTest.orderOf("fixed steps", ConvergenceOrderTest.stepsOver1(counts),
                h -> ConvergenceOrderTest.maxAbsDifference(exact, integrator.fixedSteps(field, w0, 1.0,
                        (int) Math.round(1 / h))), 1e-13, Double.POSITIVE_INFINITY);
    }

    @Test
    void convergesWithOrderFourWithAFixedStepOnAQuadraticFlow() {
        assertEquals(4.0, orderOfFixedSteps(FIELD, W0, FIELD.exactSolution(W0, 1.0), new int[] {4, 6, 8, 12, 16}),
                0.25);
    }

    @Test
    void convergesWithOrderAtLeastFourWithAFixedStepOnANonlinearFlow() {
        // the nonlinear order conditions matter here; the reference is the method itself at h = 1/2048 (error
        // ~ 1e-14, below the coarse runs' errors by more than 1e4). Measured: slope 5.0 from h = 1/8 to 1/64 (errors
        // 1.1e-5 .. 3.4e-10): on this flow the h^4 term of the global error is small beside the next one at these
        // steps; a wrong coefficient would break an order condition and show as a slope of 3 or less
        GradientField field = new TwoLayerFactorisation();
        double[] reference = rodas(1e-6, 1e-6).fixedSteps(field, TwoLayerFactorisation.W0, 1.0, 2048);
        double slope = orderOfFixedSteps(field, TwoLayerFactorisation.W0, reference, new int[] {8, 12, 16, 24, 32});
        assertTrue(slope > 3.75 && slope < 5.5, "slope " + slope);
    }

    @Test
    void theErrorEstimateIsTheLocalErrorOfAnOrderThreeSolution() {
        // U6 = y1 - yHat with yHat of order 3: ~ h^4 for non-stiff steps
        RosenbrockFlowIntegrator integrator = rodas(0.5, 0.5);
        assertEquals(4.0, ConvergenceOrderTest.orderOf("the estimate", new double[] {0.08, 0.04, 0.02, 0.01},
                h -> integrator.errorEstimate(FIELD, W0, h), 1e-12, 1e-2), 0.2);
    }

    /** The evaluations a run must have made: start, starting step, 5 per attempt, 1 per new point, the Hessians. */
    private static long expectedEvaluations(FlowResult result, int hessianCost, boolean automaticStep) {
        long attempts = result.steps() + result.rejectedSteps();
        long hessians = result.solver().hessians() + result.solver().differenceHessians();
        return 1 + (automaticStep ? 1 : 0) + 5 * attempts + result.steps() + hessianCost * hessians;
    }

    @Test
    void reachesAGradientToleranceOf1e8OnAStiffFlowInFewSteps() {
        // eigenvalues 1e-3 .. 1e6: an explicit method is held at h < ~3e-6 and needs t ~ 1e4, over 1e9 steps
        StiffQuadratic.flowToGradientTolerance(rodas(1e-8, 1e-10), new StopCondition(1e6, 1e-8, 100_000),
                (exact, counting, result, recording, what) -> {
                    // measured: exact 708 steps (30 rejected), 5108 evaluations; differences 23005 steps (4904
                    // rejected), 392602 evaluations. A Rosenbrock method's order rests on the exact Jacobian: the
                    // differences' rounding error (gradients of size ~1e6 over delta ~1.5e-8: ~1e-2 per entry) is
                    // ten times the smallest eigenvalue, and it enters the local error as ~ h^2 E f, which holds the
                    // steps of the slow modes near 1 instead of ~100 (Radau, whose Newton iteration only converges
                    // more slowly with it, takes 640 steps there). Both stay over 4e4 times fewer steps than an
                    // explicit method's ~1e9
                    assertTrue(result.steps() < (exact ? 1000 : 30_000), what);
                    assertEquals(expectedEvaluations(result, exact ? 1 : 10, true), result.evaluations(), what);
                    // one Hessian per accepted point (retries reuse it), one LU per attempt, no Newton
                    assertEquals(result.steps(),
                            exact ? result.solver().hessians() : result.solver().differenceHessians(), what);
                    assertEquals(0, exact ? result.solver().differenceHessians() : result.solver().hessians(), what);
                    assertEquals(result.steps() + result.rejectedSteps(), result.solver().factorizations(), what);
                    assertEquals(0, result.solver().newtonIterations(), what);
                    assertEquals(0, result.solver().newtonFailures(), what);
                });
    }

    @Test
    void aRejectedStepIsRetriedWithTheHessianOfItsStartPoint() {
        // a first step of 10 on the stiff flow is rejected (the slow modes move by O(1)): the retries reuse the
        // Hessian, so Hessians = accepted steps and factorizations = attempts
        CountingField counting = new CountingField(RadauFlowIntegratorTest.stiffProblem());
        FlowResult result = new RosenbrockFlowIntegrator("rosenbrock", 1e-8, 1e-10, 10.0, 0.0,
                Double.POSITIVE_INFINITY).integrate(counting, new double[10], new StopCondition(1e6, 1e-8, 100_000),
                FlowObserver.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), result.toString());
        assertTrue(result.rejectedSteps() >= 1, result.toString());
        assertEquals(result.steps(), result.solver().hessians(), result.toString());
        assertEquals(counting.hessianCount(), result.solver().hessians(), result.toString());
        assertEquals(result.steps() + result.rejectedSteps(), result.solver().factorizations(), result.toString());
        assertEquals(expectedEvaluations(result, 1, false), result.evaluations(), result.toString());
    }

    @Test
    void oneHugeStepOnAVeryStiffModeGivesNearlyZero() {
        // through the loop: a first step of 1 on the stiff mode alone is accepted (both solutions are ~0)
        StiffQuadratic.assertOneHugeStepDampsAVeryStiffMode(rodas(1e-6, 1e-6)::fixedSteps,
                new RosenbrockFlowIntegrator("rosenbrock", 1e-6, 1e-6, 1.0, 0.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void statisticsOfANonlinearRunAreExact() {
        CountingField counting = new CountingField(new TwoLayerFactorisation());
        FlowResult result = rodas(1e-8, 1e-10).integrate(counting, TwoLayerFactorisation.W0, StopCondition.atTime(3),
                FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(3.0, result.time(), 0.0);
        assertEquals(counting.count(), result.evaluations());
        assertEquals(0, result.solver().hessians(), result.toString());
        assertEquals(result.steps(), result.solver().differenceHessians(), result.toString());
        assertEquals(result.steps() + result.rejectedSteps(), result.solver().factorizations(), result.toString());
        assertEquals(0, result.solver().newtonIterations(), result.toString());
        assertEquals(expectedEvaluations(result, 4, true), result.evaluations(), result.toString());
    }

    @Test
    void agreesWithDormandPrince853OnTheEndPointOfANonlinearFlow() {
        // as IntegratorAgreementTest: tol = 1e-11, within 1e-7 relative
        Parameters tight = Parameters.of(Map.of("rtol", 1e-11, "atol", 1e-11));
        StopCondition stop = StopCondition.atTime(1.0);
        FlowResult reference = new DormandPrince853Provider().create(tight).integrate(new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        FlowResult result = rodas(1e-11, 1e-11).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop,
                FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        double distance = 0;
        double norm = 0;
        double moved = 0;
        for (int i = 0; i < 4; i++) {
            double d = result.parameters()[i] - reference.parameters()[i];
            distance += d * d;
            norm += result.parameters()[i] * result.parameters()[i];
            double m = result.parameters()[i] - TwoLayerFactorisation.W0[i];
            moved += m * m;
        }
        assertTrue(Math.sqrt(distance / norm) <= 1e-7, "relative difference " + Math.sqrt(distance / norm));
        assertTrue(Math.sqrt(moved) > 0.1, "the flow moved");
    }

    @Test
    void resumesBitForBitOnANonlinearFlowAndAStiffOne() {
        ResumeCheck.checkResumes(rodas(1e-8, 1e-10), () -> rodas(1e-8, 1e-10), new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, StopCondition.atTime(3));
        ResumeCheck.checkResumes(rodas(1e-6, 1e-8), () -> rodas(1e-6, 1e-8), new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, new StopCondition(1000, 1e-8, 100_000));
        // the stiff quadratic with differences and rejected steps from a too large first step
        Supplier<RosenbrockFlowIntegrator> large = () -> new RosenbrockFlowIntegrator("rosenbrock", 1e-6, 1e-8, 10.0,
                0.0, Double.POSITIVE_INFINITY);
        FlowResult stiff = ResumeCheck.checkResumes(large.get(), large,
                withoutHessian(RadauFlowIntegratorTest.stiffProblem()), new double[10],
                new StopCondition(1e6, 1e-8, 100_000)).result();
        assertTrue(stiff.rejectedSteps() >= 1, stiff.toString());
    }

    @Test
    void stepsAllocateNothing() {
        StepAllocation.assertStepsAllocateNothing(
                new RosenbrockFlowIntegrator("rosenbrock", 1e-10, 1e-12, Double.NaN, 0.0, 0.01));
    }
}
