package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lcnflow.integrators.Fields.withoutHessian;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.BdfProvider;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.integrators.ResumeCheck;
import org.lcnflow.integrators.StepAllocation;
import org.lcnflow.integrators.StiffQuadratic;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@link BdfFlowIntegrator}: order {@code k} of the fixed-step NDF of every order, an adaptive error proportional
 * to the tolerance, the order cap, a stiff flow to a gradient tolerance of 1e-8 with the exact Hessian and with
 * differences, consistent statistics, bit-for-bit resume (also across order changes), no allocation per step, and
 * agreement with {@code dormand-prince-853} on a nonlinear flow.
 */
class BdfFlowIntegratorTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static BdfFlowIntegrator bdf(double rtol, double atol) {
        return new BdfFlowIntegrator("bdf", rtol, atol, Double.NaN, 0.0, Double.POSITIVE_INFINITY);
    }

    @Test
    void everyOrderConvergesWithItsOrderAtAFixedStep() {
        // exact starting values w(j h), j = 0..k, then fixed steps to t = 1 (measured slopes 0.96, 1.93, 2.9, 3.95, 5.0)
        BdfFlowIntegrator integrator = bdf(1e-12, 1e-12);
        double[] exact = FIELD.exactSolution(W0, 1.0);
        int[] counts = {20, 40, 80, 160};
        for (int k = 1; k <= 5; k++) {
            double[] x = new double[counts.length];
            double[] y = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                double h = 1.0 / counts[i];
                double[][] history = new double[k + 1][];
                for (int j = 0; j <= k; j++) {
                    history[j] = FIELD.exactSolution(W0, j * h);
                }
                double error = ConvergenceOrderTest.maxAbsDifference(exact,
                        integrator.fixedSteps(FIELD, history, h, counts[i] - k));
                assertTrue(error > 1e-12, "order " + k + ": error " + error + " above rounding at h = " + h);
                x[i] = Math.log(h);
                y[i] = Math.log(error);
            }
            assertEquals(k, ConvergenceOrderTest.slope(x, y), 0.15, "order " + k);
        }
    }

    @Test
    void theAdaptiveErrorFallsInProportionToTheTolerance() {
        double[] exact = FIELD.exactSolution(W0, 1.0);
        double[] tolerances = {1e-6, 1e-7, 1e-8, 1e-9, 1e-10}; // at 1e-11: 15 tol
        double[] x = new double[tolerances.length];
        double[] y = new double[tolerances.length];
        for (int i = 0; i < tolerances.length; i++) {
            double tol = tolerances[i];
            FlowResult result = bdf(tol, tol).integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            double error = ConvergenceOrderTest.maxAbsDifference(exact, result.parameters());
            assertTrue(error <= 10 * tol, "error " + error + " at tol " + tol);
            x[i] = Math.log(tol);
            y[i] = Math.log(error);
        }
        double slope = ConvergenceOrderTest.slope(x, y); // measured 0.8 (errors 1.6 to 6 tol)
        assertTrue(slope > 0.7 && slope < 1.1, "log error against log tol: slope " + slope);
    }

    @Test
    void aLowerOrderCapIsRespectedAndCostsMoreSteps() {
        // measured at tol 1e-8: 8018, 516, 151, 91, 72 steps for maxOrder 1..5
        long previous = Long.MAX_VALUE;
        for (int maxOrder = 1; maxOrder <= 5; maxOrder++) {
            BdfFlowIntegrator integrator =
                    new BdfFlowIntegrator("bdf", 1e-8, 1e-8, Double.NaN, 0.0, Double.POSITIVE_INFINITY, maxOrder);
            ResumeCheck.Recording recording = new ResumeCheck.Recording();
            FlowResult result = integrator.integrate(FIELD, W0, StopCondition.atTime(1), recording);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            int highest = 0;
            for (IntegratorState state : recording.states) {
                highest = Math.max(highest, (int) state.control("order"));
            }
            assertEquals(maxOrder, highest, "the order rises to its cap: " + result);
            assertTrue(result.steps() < previous, "maxOrder " + maxOrder + ": " + result);
            previous = result.steps();
        }
    }

    @Test
    void reachesAGradientToleranceOf1e8OnAStiffFlowInFewSteps() {
        // eigenvalues 1e-3 .. 1e6: an explicit method is held at h < ~3e-6 and needs t ~ 1e4, over 1e9 steps.
        // At rtol = 1e-6 (measured: exact 466 steps, 1401 evaluations, one Hessian; differences 518 steps, 2059
        // evaluations, 29 Hessians). At rtol <= 1e-7 the rounding of c g (|A w| ~ |b| ~ 1e6) in Newton's second
        // iterate exceeds SciPy's Newton tolerance once h >~ 1 and the steps stay small (measured 11811 at 1e-7).
        StiffQuadratic.flowToGradientTolerance(bdf(1e-6, 1e-8), new StopCondition(1e6, 1e-8, 100_000),
                (exact, counting, result, recording, what) -> {
                    assertTrue(result.steps() < 800, what);
                    assertTrue(result.evaluations() < (exact ? 3000 : 5000), what);
                    if (exact) {
                        assertTrue(result.solver().hessians() >= 1 && result.solver().differenceHessians() == 0, what);
                        // a quadratic has a constant Hessian: with the exact one Newton never fails, it is never
                        // recomputed
                        assertTrue(result.solver().hessians() < result.steps() / 50 + 2, what);
                    } else {
                        assertTrue(result.solver().hessians() == 0 && result.solver().differenceHessians() >= 1, what);
                    }
                    assertTrue(result.solver().factorizations() >= 2, what);
                    assertTrue(result.solver().newtonIterations() >= result.steps(), what);
                });
    }

    @Test
    void statisticsOfANonlinearRunAreConsistent() {
        CountingField counting = new CountingField(new TwoLayerFactorisation());
        FlowResult result = bdf(1e-8, 1e-10).integrate(counting, TwoLayerFactorisation.W0, StopCondition.atTime(3),
                FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(counting.count(), result.evaluations());
        assertEquals(0, result.solver().hessians());
        assertTrue(result.solver().differenceHessians() >= 1, result.toString());
        assertTrue(result.solver().factorizations() >= 2, result.toString());
        assertTrue(result.solver().newtonIterations() >= result.steps(), result.toString());
        // the Hessian is reused: far fewer Hessians than steps
        assertTrue(result.solver().differenceHessians() < result.steps() / 10, result.toString());
        // one per Newton iteration (all finite here), one per new point, 4 per Hessian, the start and the initial step
        long expected = result.solver().newtonIterations() + result.steps() + 4 * result.solver().differenceHessians()
                + 2;
        assertEquals(expected, result.evaluations(), result.toString());
    }

    @Test
    void agreesWithDormandPrince853OnTheTwoLayerFactorisation() {
        Parameters tight = Parameters.of(Map.of("rtol", 1e-11, "atol", 1e-11));
        FlowResult bdf = new BdfProvider().create(tight).integrate(new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, StopCondition.atTime(1), FlowObserver.NONE);
        FlowResult reference = Integrators.create("dormand-prince-853", tight).integrate(new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, StopCondition.atTime(1), FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, bdf.stopReason());
        double distance = 0;
        double norm = 0;
        for (int i = 0; i < 4; i++) {
            double e = bdf.parameters()[i] - reference.parameters()[i];
            distance += e * e;
            norm += reference.parameters()[i] * reference.parameters()[i];
        }
        double relative = Math.sqrt(distance / norm); // measured ~6e-11
        assertTrue(relative <= 1e-7, "relative difference " + relative + ": " + bdf);
        assertTrue(ConvergenceOrderTest.maxAbsDifference(bdf.parameters(), TwoLayerFactorisation.W0) > 0.1);
    }

    @Test
    void rejectsInvalidTolerancesAndOrders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BdfFlowIntegrator("bdf", 0.0, 1e-6, Double.NaN, 0.0, 1.0));
        assertTrue(e.getMessage().contains("rtol") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BdfFlowIntegrator("bdf", 1e-6, Double.NaN, Double.NaN, 0.0, 1.0));
        assertTrue(e.getMessage().contains("atol"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BdfFlowIntegrator("bdf", 1e-6, 1e-6, Double.NaN, 0.0, 1.0, 6));
        assertTrue(e.getMessage().contains("maxOrder") && e.getMessage().contains("[1, 5]"), e.getMessage());
        assertEquals("bdf(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)",
                bdf(1e-6, 1e-9).toString());
    }

    @Test
    void resumesBitForBitOnANonlinearFlowAndAStiffOneAlsoAcrossOrderChanges() {
        checkResumes(() -> bdf(1e-8, 1e-10), new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                StopCondition.atTime(3));
        checkResumes(() -> bdf(1e-6, 1e-8), new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                new StopCondition(1000, 1e-8, 100_000));
        // the stiff quadratic with differences, and rejected steps from a too large first step
        FlowResult stiff = checkResumes(
                () -> new BdfFlowIntegrator("bdf", 1e-6, 1e-8, 10.0, 0.0, Double.POSITIVE_INFINITY),
                withoutHessian(RadauFlowIntegratorTest.stiffProblem()), new double[10],
                new StopCondition(1e6, 1e-8, 100_000));
        assertTrue(stiff.rejectedSteps() >= 1, stiff.toString());
    }

    /**
     * {@link ResumeCheck}, each resumed run on a fresh instance, from the usual spread of states and from just
     * before and just after each of the first three order changes; an LU kept across steps somewhere.
     */
    private static FlowResult checkResumes(Supplier<BdfFlowIntegrator> bdf, GradientField field, double[] w0,
                                           StopCondition stop) {
        ResumeCheck check = ResumeCheck.run(bdf.get(), field, w0, stop);
        List<IntegratorState> states = check.states();
        List<Integer> from = new ArrayList<>();
        for (int index : check.spread()) {
            from.add(index);
        }
        boolean keptLu = false;
        int orderChanges = 0;
        int highest = 0;
        for (int i = 0; i < states.size(); i++) {
            IntegratorState s = states.get(i);
            keptLu |= !Double.isNaN(s.control("luC"));
            highest = Math.max(highest, (int) s.control("order"));
            if (i > 0 && s.control("order") != states.get(i - 1).control("order")) {
                orderChanges++;
                if (orderChanges <= 3) { // just before and just after an order change
                    from.add(i - 1);
                    from.add(i);
                }
            }
        }
        assertTrue(keptLu, "an LU is kept across steps somewhere: " + check.result());
        assertTrue(orderChanges >= 2 && highest >= 3, "the order changes: " + check.result());
        return check.resumeFrom(bdf, from).result();
    }

    @Test
    void stepsAllocateNothing() {
        StepAllocation.assertStepsAllocateNothing(new BdfFlowIntegrator("bdf", 1e-10, 1e-12, Double.NaN, 0.0, 0.01));
    }
}
