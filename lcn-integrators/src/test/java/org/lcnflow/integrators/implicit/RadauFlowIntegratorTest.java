package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lcnflow.integrators.Fields.withoutHessian;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.ResumeCheck;
import org.lcnflow.integrators.StepAllocation;
import org.lcnflow.integrators.StiffQuadratic;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@link RadauFlowIntegrator}: order 5 with a fixed step and an error estimate of order 4 (Hairer-Wanner II,
 * IV.8) on a quadratic flow with a known solution, L-stability, a stiff flow to a gradient tolerance of 1e-8 with
 * the exact Hessian and with differences, bit-for-bit resume, statistics and allocation.
 */
class RadauFlowIntegratorTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static RadauFlowIntegrator radau(double rtol, double atol) {
        return new RadauFlowIntegrator("radau-iia-5", rtol, atol, Double.NaN, 0.0, Double.POSITIVE_INFINITY);
    }

    @Test
    void convergesWithOrderFiveWithAFixedStep() {
        RadauFlowIntegrator integrator = radau(1e-13, 1e-13);
        double[] exact = FIELD.exactSolution(W0, 1.0);
        double order = ConvergenceOrderTest.orderOf("fixed steps", ConvergenceOrderTest.stepsOver1(4, 6, 8, 12, 16),
                h -> ConvergenceOrderTest.maxAbsDifference(exact, integrator.fixedSteps(FIELD, W0, 1.0,
                        (int) Math.round(1 / h))), 1e-14, Double.POSITIVE_INFINITY);
        assertEquals(5.0, order, 0.25);
    }

    @Test
    void theErrorEstimateIsTheLocalErrorOfAnOrderThreeSolution() {
        // ~ h^4 for non-stiff steps (the estimate of eq. (8.20) is (I - h gamma0 J)^-1 (yHat - y1))
        RadauFlowIntegrator integrator = radau(0.5, 0.5);
        assertEquals(4.0, ConvergenceOrderTest.orderOf("the estimate", new double[] {0.08, 0.04, 0.02, 0.01},
                h -> integrator.errorEstimate(FIELD, W0, h), 1e-9, 1e-2), 0.2);
    }

    @Test
    void oneHugeStepOnAVeryStiffModeGivesNearlyZero() {
        // trapezoid would give -1; the non-stiff mode gets R(-1) of the (3,2) Pade approximant, close to e^-1;
        // through the loop a first step of 1 is accepted thanks to the second, filtered error estimate
        StiffQuadratic.assertOneHugeStepDampsAVeryStiffMode(radau(1e-6, 1e-6)::fixedSteps,
                new RadauFlowIntegrator("radau-iia-5", 1e-6, 1e-6, 1.0, 0.0, Double.POSITIVE_INFINITY));
    }

    /** {@link StiffQuadratic#of()}: eigenvalues 1e-3 .. 1e6. */
    static QuadraticField stiffProblem() {
        return StiffQuadratic.of();
    }

    @Test
    void reachesAGradientToleranceOf1e8OnAStiffFlowInFewSteps() {
        // eigenvalues 1e-3 .. 1e6: an explicit method is held at h < ~3e-6 and needs t ~ 1e4, over 1e9 steps
        StiffQuadratic.flowToGradientTolerance(radau(1e-8, 1e-10), new StopCondition(1e6, 1e-8, 100_000),
                (exact, counting, result, recording, what) -> {
                    // with differences the Hessian's rounding error (gradients of size ~1e6 over delta ~1.5e-8:
                    // ~0.1) swamps the small eigenvalues, so at large h Newton fails often (measured: 640 steps,
                    // 626 Newton failures, 13627 evaluations; exact: 299 steps, 1675 evaluations): still 1e6 times
                    // fewer steps than explicit
                    assertTrue(result.steps() < (exact ? 400 : 1500), what);
                    assertTrue(result.evaluations() < (exact ? 3000 : 30000), what);
                    if (exact) {
                        assertTrue(result.solver().hessians() >= 1 && result.solver().differenceHessians() == 0, what);
                    } else {
                        assertTrue(result.solver().hessians() == 0 && result.solver().differenceHessians() >= 1, what);
                    }
                    assertTrue(result.solver().factorizations() >= 2, what);
                    assertTrue(result.solver().newtonIterations() >= result.steps(), what);
                    // a quadratic has a constant Hessian: it is reused across many steps
                    long hessians = result.solver().hessians() + result.solver().differenceHessians();
                    assertTrue(!exact || hessians < result.steps() / 4 + 2, what);
                });
    }

    @Test
    void statisticsOfANonlinearRunAreConsistent() {
        CountingField counting = new CountingField(new TwoLayerFactorisation());
        FlowResult result = radau(1e-8, 1e-10).integrate(counting, TwoLayerFactorisation.W0, StopCondition.atTime(3),
                FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(counting.count(), result.evaluations());
        assertTrue(result.solver().differenceHessians() >= 1, result.toString());
        assertTrue(result.solver().factorizations() >= 2, result.toString());
        assertTrue(result.solver().newtonIterations() >= result.steps(), result.toString());
        // 3 per Newton iteration, 1 per new point, 4 per Hessian, the start and the initial step, second estimates
        long lower = 3 * result.solver().newtonIterations() + result.steps() + 4 * result.solver().differenceHessians() + 2;
        assertTrue(result.evaluations() >= lower && result.evaluations() <= lower + result.rejectedSteps() + 1,
                result + " vs " + lower);
    }

    @Test
    void resumesBitForBitOnANonlinearFlowAndAStiffOne() {
        checkResumes(() -> radau(1e-8, 1e-10), new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                StopCondition.atTime(3));
        checkResumes(() -> radau(1e-6, 1e-8), new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                new StopCondition(1000, 1e-8, 100_000));
        // the stiff quadratic with differences and rejected steps from a too large first step
        FlowResult stiff = checkResumes(
                () -> new RadauFlowIntegrator("radau-iia-5", 1e-6, 1e-8, 10.0, 0.0, Double.POSITIVE_INFINITY),
                withoutHessian(stiffProblem()), new double[10], new StopCondition(1e6, 1e-8, 100_000));
        assertTrue(stiff.rejectedSteps() >= 1, stiff.toString());
    }

    /** {@link ResumeCheck#checkResumes}, each resumed run on a fresh instance, and the Hessian reused somewhere. */
    private static FlowResult checkResumes(Supplier<RadauFlowIntegrator> radau, GradientField field, double[] w0,
                                           StopCondition stop) {
        ResumeCheck check = ResumeCheck.checkResumes(radau.get(), radau, field, w0, stop);
        boolean reusedHessian = false;
        for (IntegratorState s : check.states()) {
            reusedHessian |= s.control("needHessian") == 0;
        }
        assertTrue(reusedHessian, "the Hessian is reused somewhere: " + check.result());
        return check.result();
    }

    @Test
    void stepsAllocateNothing() {
        StepAllocation.assertStepsAllocateNothing(
                new RadauFlowIntegrator("radau-iia-5", 1e-10, 1e-12, Double.NaN, 0.0, 0.01));
    }
}
