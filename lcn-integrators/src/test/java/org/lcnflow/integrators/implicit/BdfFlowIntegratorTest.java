package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** The field without its Hessian, so that the integrator takes differences of gradients. */
    private static GradientField withoutHessian(GradientField field) {
        return new GradientField() {
            @Override
            public int dimension() {
                return field.dimension();
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                return field.valueAndGradient(w, gradient);
            }
        };
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
            Recording recording = new Recording();
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
        QuadraticField field = RadauFlowIntegratorTest.stiffProblem();
        double[] w0 = new double[10];
        StopCondition stop = new StopCondition(1e6, 1e-8, 100_000);
        for (boolean exact : new boolean[] {true, false}) {
            CountingField counting = new CountingField(exact ? field : withoutHessian(field));
            FlowResult result = bdf(1e-6, 1e-8).integrate(counting, w0, stop, FlowObserver.NONE);
            String what = (exact ? "exact Hessian: " : "differences: ") + result;
            assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), what);
            assertTrue(result.steps() < 800, what);
            assertTrue(result.evaluations() < (exact ? 3000 : 5000), what);
            assertEquals(counting.count(), result.evaluations(), what);
            assertEquals(counting.hessianCount(), result.solver().hessians(), what);
            if (exact) {
                assertTrue(result.solver().hessians() >= 1 && result.solver().differenceHessians() == 0, what);
                // a quadratic has a constant Hessian: with the exact one Newton never fails, it is never recomputed
                assertTrue(result.solver().hessians() < result.steps() / 50 + 2, what);
            } else {
                assertTrue(result.solver().hessians() == 0 && result.solver().differenceHessians() >= 1, what);
            }
            assertTrue(result.solver().factorizations() >= 2, what);
            assertTrue(result.solver().newtonIterations() >= result.steps(), what);
            assertArrayEquals(field.minimizer(), result.parameters(), 1e-4, what);
        }
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

    /** What an observer saw: one line of bits per accepted step, and every state handed over. */
    private static final class Recording implements FlowObserver {
        final List<String> steps = new ArrayList<>();
        final List<IntegratorState> states = new ArrayList<>();

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            StringBuilder line = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(t)));
            for (double x : w) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
            }
            line.append(" | ").append(Long.toHexString(Double.doubleToRawLongBits(value)));
            for (double x : gradient) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
            }
            steps.add(line.toString());
            return true;
        }

        @Override
        public boolean wantsState(double t, long steps) {
            return true;
        }

        @Override
        public void onState(IntegratorState state) {
            states.add(state);
        }
    }

    @Test
    void resumesBitForBitOnANonlinearFlowAndAStiffOneAlsoAcrossOrderChanges() {
        checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, StopCondition.atTime(3), bdf(1e-8, 1e-10));
        checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, new StopCondition(1000, 1e-8, 100_000),
                bdf(1e-6, 1e-8));
        // the stiff quadratic with differences, and rejected steps from a too large first step
        FlowResult stiff = checkResumes(withoutHessian(RadauFlowIntegratorTest.stiffProblem()), new double[10],
                new StopCondition(1e6, 1e-8, 100_000),
                new BdfFlowIntegrator("bdf", 1e-6, 1e-8, 10.0, 0.0, Double.POSITIVE_INFINITY));
        assertTrue(stiff.rejectedSteps() >= 1, stiff.toString());
    }

    private static FlowResult checkResumes(GradientField field, double[] w0, StopCondition stop,
                                           BdfFlowIntegrator integrator) {
        Recording uninterrupted = new Recording();
        FlowResult expected = integrator.integrate(field, w0, stop, uninterrupted);
        int n = uninterrupted.states.size();
        assertEquals(expected.steps(), n);
        assertTrue(n >= 8, "a real run: " + expected);
        List<Integer> from = new ArrayList<>(List.of(0, n / 4, n / 2, 3 * n / 4, n - 2));
        boolean keptLu = false;
        int orderChanges = 0;
        int highest = 0;
        for (int i = 0; i < n; i++) {
            IntegratorState s = uninterrupted.states.get(i);
            keptLu |= !Double.isNaN(s.control("luC"));
            highest = Math.max(highest, (int) s.control("order"));
            if (i > 0 && s.control("order") != uninterrupted.states.get(i - 1).control("order")) {
                orderChanges++;
                if (orderChanges <= 3) { // just before and just after an order change
                    from.add(i - 1);
                    from.add(i);
                }
            }
        }
        assertTrue(keptLu, "an LU is kept across steps somewhere: " + expected);
        assertTrue(orderChanges >= 2 && highest >= 3, "the order changes: " + expected);
        for (int index : from) {
            IntegratorState state = uninterrupted.states.get(index);
            Recording resumed = new Recording();
            FlowResult result = copyOf(integrator).resume(field, state, stop, resumed);
            String where = "resumed after step " + state.steps();
            assertEquals(expected, result, where);
            assertEquals(uninterrupted.steps.subList(index + 1, n), resumed.steps, where + ": every later step");
            for (int k = 0; k < resumed.states.size(); k++) {
                assertEquals(uninterrupted.states.get(index + 1 + k), resumed.states.get(k), where + ", state " + k);
            }
        }
        return expected;
    }

    /** A fresh instance of the same configuration, as after a restart. */
    private static BdfFlowIntegrator copyOf(BdfFlowIntegrator integrator) {
        String s = integrator.toString();
        String[] parts = s.substring(s.indexOf('(') + 1, s.length() - 1).split(", ");
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            String value = parts[i].substring(parts[i].indexOf('=') + 1);
            v[i] = value.equals("auto") ? Double.NaN : Double.parseDouble(value);
        }
        return new BdfFlowIntegrator("bdf", v[0], v[1], v[2], v[3], v[4]);
    }

    @Test
    void stepsAllocateNothing() {
        GradientField field = new GradientField() { // L = |w|^2 / 2 in 12 dimensions, allocation-free
            @Override
            public int dimension() {
                return 12;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                double value = 0;
                for (int i = 0; i < w.length; i++) {
                    gradient[i] = w[i];
                    value += 0.5 * w[i] * w[i];
                }
                return value;
            }
        };
        double[] w0 = new double[12];
        for (int i = 0; i < 12; i++) {
            w0[i] = 1 + i;
        }
        BdfFlowIntegrator integrator = new BdfFlowIntegrator("bdf", 1e-10, 1e-12, Double.NaN, 0.0, 0.01);
        for (int i = 0; i < 5; i++) {
            integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        }
        long few = allocated(integrator, field, w0, 0.2);
        long many = allocated(integrator, field, w0, 20);
        FlowResult result = integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        assertTrue(result.steps() >= 1900, result.toString());
        assertTrue(many - few < 1024, "a run of ~20 steps allocated " + few + " bytes, of ~2000 steps " + many);
    }

    private static long allocated(BdfFlowIntegrator integrator, GradientField field, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(field, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
