package org.lcnflow.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * The contract every {@link FlowIntegrator} keeps, as JUnit 5 tests that an implementation, built-in or
 * a user's, runs by extending this class (as Hipparchus's {@code RungeKuttaIntegratorAbstractTest}):
 *
 * <pre>{@code
 * class MyIntegratorContractTest extends FlowIntegratorContract {
 *     protected FlowIntegrator createIntegrator(double precision) { return new MyIntegrator(precision); }
 *     protected double precision() { return 1e-3; }
 *     protected double accuracyBound() { return 1e-4; }
 * }
 * }</pre>
 *
 * <p>The fixtures have exact flows: the {@linkplain #standardProblem() standard problem}, a quadratic
 * with a non-diagonal matrix; a cubic {@code L = -sum w_i^3 / 3} whose flow {@code w' = w^2} blows up
 * at {@code t = 1/w_i(0)}; a growing quadratic; a field that is NaN on a half-space. Every run is checked
 * for what holds whatever the stop reason: the observer sees {@code onStart} once, then one
 * {@code onStep} per accepted step with increasing times up to {@code tMax} and the value and gradient
 * at the state it is shown, then {@code onFinish} once with the result returned; the result is finite,
 * its value and gradient norm are those of the field at its parameters, which are the last state shown
 * to the observer (or {@code w0}); {@code evaluations()} equals the calls the field received, and
 * {@code solver().hessians()} its Hessian calls (the standard problem offers its Hessian, the other
 * fixtures do not, so an implicit method is run both ways); {@code w0} is not modified.
 */
public abstract class FlowIntegratorContract {

    /** End time of the accuracy test. */
    protected static final double STANDARD_T = 1.0;

    /** Relative tolerance for "the same number computed twice". */
    private static final double SAME = 1e-12;

    /**
     * @param precision the step of a fixed-step method, or the tolerance of an adaptive one (the
     *                  implementation decides); smaller is more accurate
     * @return an integrator of that precision
     */
    protected abstract FlowIntegrator createIntegrator(double precision);

    /** @return the precision every test of the contract uses */
    protected abstract double precision();

    /**
     * @return a bound on {@code max_i |w_i(T) - exact_i|} for the {@linkplain #standardProblem() standard
     *         problem} from {@link #standardInitialPoint()} to {@link #STANDARD_T} at {@link #precision()}
     */
    protected abstract double accuracyBound();

    /**
     * The standard problem: {@code L = 1/2 w^T A w - b^T w} with {@code A = tridiag(-1, 2, -1)} of size 3
     * (eigenvalues {@code 2 - sqrt 2, 2, 2 + sqrt 2}) and {@code b = (1, 0, 1)}, so {@code w* = (1, 1, 1)}.
     *
     * @return the problem
     */
    protected static QuadraticField standardProblem() {
        return QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    }

    /** @return {@code w0 = (1, -1, 0.5)}, so {@code ||w0 - w*|| = sqrt(4.25)} */
    protected static double[] standardInitialPoint() {
        return new double[] {1, -1, 0.5};
    }

    // ------------------------------------------------------------------ accuracy and time

    @Test
    void reachesTheExactSolutionWithinItsAccuracy() {
        QuadraticField field = standardProblem();
        double[] w0 = standardInitialPoint();
        Recorded run = runChecked(createIntegrator(precision()), field, w0, StopCondition.atTime(STANDARD_T), -1);
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason());
        double error = maxAbsDifference(field.exactSolution(w0, STANDARD_T), run.result().parameters());
        assertTrue(error <= accuracyBound(), "max error " + error + " > accuracy bound " + accuracyBound());
    }

    @Test
    void endsExactlyAtTMaxWithoutOvershooting() {
        double tMax = Math.sqrt(0.5); // on no regular grid of step sizes, so the last step must be shortened
        Recorded run = runChecked(createIntegrator(precision()), standardProblem(), standardInitialPoint(),
                StopCondition.atTime(tMax), -1);
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason());
        assertEquals(tMax, run.result().time(), 0.0, "the run ends exactly at tMax");
        assertEquals(tMax, run.times().get(run.times().size() - 1), 0.0, "the last step ends exactly at tMax");
    }

    @Test
    void aZeroGradientToleranceNeverStopsTheRun() {
        QuadraticField field = standardProblem();
        Recorded run = runChecked(createIntegrator(precision()), field, field.minimizer(),
                new StopCondition(0.5, 0.0, Long.MAX_VALUE), -1);
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason(), "gradientTolerance 0 disables the test");
        assertArrayEquals(field.minimizer(), run.result().parameters(), 1e-12, "the flow rests at w*");
    }

    // ------------------------------------------------------------------ the stop conditions

    @Test
    void stopsAtTheFirstAcceptedStateWithinTheGradientTolerance() {
        double tolerance = 1e-4;
        Recorded run = runChecked(createIntegrator(precision()), standardProblem(), standardInitialPoint(),
                new StopCondition(Double.POSITIVE_INFINITY, tolerance, 100_000_000L), -1);
        assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason());
        assertTrue(run.result().gradientNorm() <= tolerance, "final gradient norm " + run.result().gradientNorm());
        List<Double> norms = run.gradientNorms();
        for (int i = 0; i < norms.size() - 1; i++) {
            assertTrue(norms.get(i) > tolerance, "step " + (i + 1) + " already had ||grad|| = " + norms.get(i));
        }
    }

    @Test
    void checksTheGradientToleranceAtTheInitialPoint() {
        QuadraticField field = standardProblem();
        double[] w0 = field.minimizer();
        Recorded run = runChecked(createIntegrator(precision()), field, w0, new StopCondition(10, 1e-10, 1000), -1);
        assertAll(
                () -> assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason()),
                () -> assertEquals(0, run.result().steps()),
                () -> assertEquals(0.0, run.result().time()),
                () -> assertArrayEquals(w0, run.result().parameters(), 0.0));
    }

    @Test
    void stopsAfterMaxStepsWithThePartialResult() {
        Recorded run = runChecked(createIntegrator(precision()), standardProblem(), standardInitialPoint(),
                new StopCondition(Double.POSITIVE_INFINITY, 0.0, 5), -1);
        assertEquals(StopReason.STEP_LIMIT, run.result().stopReason());
        assertEquals(5, run.result().steps());
        assertTrue(run.result().time() > 0);
    }

    @Test
    void takesExactlyOneStepWithAStepBudgetOfOne() {
        Recorded run = runChecked(createIntegrator(precision()), standardProblem(), standardInitialPoint(),
                new StopCondition(1000, 0.0, 1), -1);
        assertEquals(StopReason.STEP_LIMIT, run.result().stopReason());
        assertEquals(1, run.result().steps());
    }

    @Test
    void stopsWhenTheObserverCancels() {
        Recorded run = runChecked(createIntegrator(precision()), standardProblem(), standardInitialPoint(),
                StopCondition.atTime(100), 3);
        assertEquals(StopReason.CANCELLED, run.result().stopReason());
        assertEquals(3, run.result().steps(), "the observer cancelled at its third step");
    }

    // ------------------------------------------------------------------ divergence

    @Test
    void divergesWithTheLastFiniteStateOnAFiniteTimeBlowUp() {
        // w' = w^2 from w(0) = (1, 0.5): the first component is 1 / (1 - t), infinite at t = 1
        Recorded run = runChecked(createIntegrator(precision()), new CubicField(2), new double[] {1, 0.5},
                StopCondition.atTime(3), -1);
        assertEquals(StopReason.DIVERGED, run.result().stopReason());
        assertTrue(run.result().time() < 3, "diverged before tMax, at " + run.result().time());
    }

    @Test
    void divergesWhenTheParameterNormExceedsItsBound() {
        // L = -||w||^2 / 2: w(t) = e^t w0 leaves the ball of radius 100 at t = ln(100 / sqrt 2) = 4.26
        double bound = 100;
        Recorded run = runChecked(createIntegrator(precision()), QuadraticField.diagonal(-1, -1),
                new double[] {1, 1}, new StopCondition(10, 0.0, Long.MAX_VALUE, bound), -1);
        assertEquals(StopReason.DIVERGED, run.result().stopReason());
        assertTrue(run.result().time() < 10);
    }

    @Test
    void divergesWithTheLastFiniteStateWhenTheGradientTurnsNaN() {
        // w(t) = e^-t (1, 1) would enter the NaN half-space w_0 < 1/2 at t = ln 2
        Recorded run = runChecked(createIntegrator(precision()), new NaNBelowField(0.5), new double[] {1, 1},
                StopCondition.atTime(3), -1);
        assertEquals(StopReason.DIVERGED, run.result().stopReason());
        assertTrue(run.result().parameters()[0] >= 0.5, "the state returned is outside the NaN region");
    }

    @Test
    void startingBeyondTheNormBoundDivergesAtTimeZero() {
        double[] w0 = {200, 0};
        Recorded run = runChecked(createIntegrator(precision()), QuadraticField.diagonal(1, 1), w0,
                new StopCondition(1, 0.0, 1000, 100), -1);
        assertAll(
                () -> assertEquals(StopReason.DIVERGED, run.result().stopReason()),
                () -> assertEquals(0, run.result().steps()),
                () -> assertEquals(0.0, run.result().time()),
                () -> assertArrayEquals(w0, run.result().parameters(), 0.0));
    }

    // ------------------------------------------------------------------ arguments, purity, threads

    @Test
    void rejectsAnInitialPointOfTheWrongLengthOrNotFinite() {
        FlowIntegrator integrator = createIntegrator(precision());
        StopCondition stop = StopCondition.atTime(1);
        assertThrows(IllegalArgumentException.class,
                () -> integrator.integrate(standardProblem(), new double[] {1, 2}, stop, FlowObserver.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> integrator.integrate(standardProblem(), new double[] {1, Double.NaN, 0}, stop, FlowObserver.NONE));
        assertThrows(IllegalArgumentException.class, () -> integrator.integrate(standardProblem(),
                new double[] {1, Double.POSITIVE_INFINITY, 0}, stop, FlowObserver.NONE));
    }

    // ------------------------------------------------------------------ resuming

    /**
     * A resumable integrator continued from the state it handed over at any accepted step ends bit for
     * bit where the uninterrupted run ends, with the same counters; one that is not resumable says so.
     */
    @Test
    void resumingFromAHandedOverStateReproducesTheUninterruptedRunBitForBit() {
        FlowIntegrator integrator = createIntegrator(precision());
        QuadraticField field = standardProblem();
        StopCondition stop = StopCondition.atTime(STANDARD_T);
        if (!integrator.isResumable()) {
            assertThrows(UnsupportedOperationException.class, () -> integrator.resume(field,
                    new org.lcnflow.api.IntegratorState(integrator.name(), integrator.toString(), 0, 0, 0, 1,
                            standardInitialPoint(), 0, new double[3], java.util.Map.of()), stop, FlowObserver.NONE));
            return;
        }
        List<org.lcnflow.api.IntegratorState> states = new ArrayList<>();
        FlowResult uninterrupted = integrator.integrate(field, standardInitialPoint(), stop, new FlowObserver() {
            @Override
            public boolean onStep(double t, double[] w, double value, double[] gradient) {
                return true;
            }

            @Override
            public boolean wantsState(double t, long steps) {
                return true;
            }

            @Override
            public void onState(org.lcnflow.api.IntegratorState state) {
                states.add(state);
            }
        });
        assertEquals(uninterrupted.steps(), states.size(), "a state after every accepted step, the last included");
        for (int index : new int[] {0, states.size() / 3, states.size() / 2, states.size() - 2}) {
            if (index < 0) {
                continue;
            }
            org.lcnflow.api.IntegratorState state = states.get(index);
            List<Double> resumedTimes = new ArrayList<>();
            boolean[] resumedOnce = new boolean[1];
            FlowResult resumed = createIntegrator(precision()).resume(field, state, stop, new FlowObserver() {
                @Override
                public void onStart(double t0, double[] w0, double value, double[] gradient) {
                    fail("a resumed run calls onResume, not onStart");
                }

                @Override
                public void onResume(org.lcnflow.api.IntegratorState from) {
                    resumedOnce[0] = true;
                }

                @Override
                public boolean onStep(double t, double[] w, double value, double[] gradient) {
                    resumedTimes.add(t);
                    return true;
                }
            });
            assertTrue(resumedOnce[0], "onResume was called");
            assertEquals(uninterrupted, resumed, "resumed after step " + state.steps());
            assertEquals(uninterrupted.steps() - state.steps(), resumedTimes.size());
        }
    }

    @Test
    void hasAName() {
        String name = createIntegrator(precision()).name();
        assertNotNull(name);
        assertFalse(name.isBlank());
    }

    @Test
    void repeatedAndConcurrentRunsOfOneInstanceGiveTheSameResult() throws InterruptedException, ExecutionException {
        FlowIntegrator integrator = createIntegrator(precision());
        StopCondition stop = StopCondition.atTime(2);
        FlowResult first = integrator.integrate(standardProblem(), standardInitialPoint(), stop, FlowObserver.NONE);
        FlowResult second = integrator.integrate(standardProblem(), standardInitialPoint(), stop, FlowObserver.NONE);
        assertEquals(first, second, "a second run of the same instance");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<FlowResult>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> integrator.integrate(standardProblem(), standardInitialPoint(), stop,
                        FlowObserver.NONE)));
            }
            for (Future<FlowResult> future : futures) {
                assertEquals(first, future.get(), "a concurrent run of the same instance");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ the harness

    /**
     * What a checked run recorded.
     *
     * @param result        the result returned
     * @param times         the time of each {@code onStep}
     * @param states        a copy of the state of each {@code onStep}
     * @param gradientNorms {@code ||grad L||} passed to each {@code onStep}
     * @param evaluations   the calls the field received
     */
    protected record Recorded(FlowResult result, List<Double> times, List<double[]> states,
                              List<Double> gradientNorms, long evaluations) {
    }

    /**
     * Integrates and checks everything that holds whatever the stop reason (see the class documentation).
     *
     * @param integrator  the integrator
     * @param field       the field; evaluated also by the checks, so it must be deterministic
     * @param w0          the initial point
     * @param stop        the stop condition
     * @param cancelAfter the {@code onStep} call that returns false, or {@code -1} never to cancel
     * @return the result and what the observer saw
     */
    protected static Recorded runChecked(FlowIntegrator integrator, GradientField field, double[] w0,
                                         StopCondition stop, long cancelAfter) {
        double[] w0Copy = w0.clone();
        CountingField counting = new CountingField(field);
        Recorder recorder = new Recorder(field, stop, cancelAfter);
        FlowResult result = integrator.integrate(counting, w0, stop, recorder);
        long evaluations = counting.count();
        FlowResult r = result;

        assertArrayEquals(w0Copy, w0, 0.0, "w0 was modified");
        assertEquals(1, recorder.starts, "onStart calls");
        assertEquals(1, recorder.finishes, "onFinish calls");
        assertEquals(r, recorder.finished, "onFinish sees the result returned");
        assertEquals(r.steps(), recorder.times.size(), "onStep calls equal the accepted steps");
        assertEquals(evaluations, r.evaluations(), "evaluations equal the calls of the field");
        assertEquals(counting.hessianCount(), r.solver().hessians(), "hessians equal the Hessian calls of the field");
        assertTrue(r.solver().differenceHessians() * field.dimension() <= evaluations,
                "each Hessian by differences costs n counted evaluations");
        assertTrue(r.rejectedSteps() >= 0);

        assertTrue(Double.isFinite(r.time()) && r.time() >= 0 && r.time() <= stop.tMax(), "time " + r.time());
        assertTrue(Double.isFinite(r.value()), "value " + r.value());
        assertTrue(Double.isFinite(r.gradientNorm()), "gradientNorm " + r.gradientNorm());
        double[] w = r.parameters();
        for (double wi : w) {
            assertTrue(Double.isFinite(wi), "parameters " + Arrays.toString(w));
        }
        assertTrue(norm(w) <= stop.maxParameterNorm() || (r.steps() == 0 && r.stopReason() == StopReason.DIVERGED),
                "||w|| = " + norm(w) + " beyond the bound " + stop.maxParameterNorm());

        if (r.steps() == 0) {
            assertEquals(0.0, r.time(), "no step, no time");
            assertArrayEquals(w0Copy, w, 0.0, "no step, the result is w0");
        } else {
            assertEquals(recorder.times.get(recorder.times.size() - 1), r.time(), 0.0,
                    "the result is the last state shown to the observer");
            assertArrayEquals(recorder.states.get(recorder.states.size() - 1), w, 0.0,
                    "the result is the last state shown to the observer");
        }
        double[] gradient = new double[w.length];
        double value = field.valueAndGradient(w, gradient);
        assertEquals(value, r.value(), SAME * Math.max(1, Math.abs(value)), "the value is L at the parameters");
        assertEquals(norm(gradient), r.gradientNorm(), SAME * Math.max(1, norm(gradient)),
                "the gradient norm is ||grad L|| at the parameters");
        if (r.stopReason() == StopReason.TIME_LIMIT) {
            assertEquals(stop.tMax(), r.time(), 0.0, "TIME_LIMIT ends exactly at tMax");
        }
        if (r.stopReason() == StopReason.STEP_LIMIT) {
            assertEquals(stop.maxSteps(), r.steps(), "STEP_LIMIT after exactly maxSteps steps");
        }
        return new Recorded(r, List.copyOf(recorder.times), List.copyOf(recorder.states),
                List.copyOf(recorder.gradientNorms), evaluations);
    }

    /**
     * @param x a vector
     * @param y a vector of the same length
     * @return {@code max_i |x_i - y_i|}
     */
    protected static double maxAbsDifference(double[] x, double[] y) {
        assertEquals(x.length, y.length);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    /**
     * @param x a vector
     * @return its Euclidean norm
     */
    protected static double norm(double[] x) {
        double sum = 0;
        for (double xi : x) {
            sum += xi * xi;
        }
        return Math.sqrt(sum);
    }

    /** Records the calls and checks each against the field. */
    private static final class Recorder implements FlowObserver {

        private final GradientField field;
        private final StopCondition stop;
        private final long cancelAfter;
        private int starts;
        private int finishes;
        private FlowResult finished;
        private final List<Double> times = new ArrayList<>();
        private final List<double[]> states = new ArrayList<>();
        private final List<Double> gradientNorms = new ArrayList<>();

        Recorder(GradientField field, StopCondition stop, long cancelAfter) {
            this.field = field;
            this.stop = stop;
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onStart(double t0, double[] w0, double value, double[] gradient) {
            assertEquals(0, starts, "onStart once");
            assertTrue(times.isEmpty() && finishes == 0, "onStart before any other call");
            starts++;
            assertEquals(0.0, t0, "the flow starts at t = 0");
            checkAgainstField(w0, value, gradient);
        }

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            if (starts != 1 || finishes != 0) {
                fail("onStep outside onStart ... onFinish");
            }
            double previous = times.isEmpty() ? 0.0 : times.get(times.size() - 1);
            assertTrue(t > previous, "times increase: " + t + " after " + previous);
            assertTrue(t <= stop.tMax(), "never beyond tMax: " + t);
            checkAgainstField(w, value, gradient);
            times.add(t);
            states.add(w.clone());
            gradientNorms.add(norm(gradient));
            return times.size() != cancelAfter;
        }

        @Override
        public void onFinish(FlowResult result) {
            assertEquals(1, starts, "onFinish after onStart");
            assertEquals(0, finishes, "onFinish once");
            finishes++;
            finished = result;
        }

        private void checkAgainstField(double[] w, double value, double[] gradient) {
            double[] expected = new double[w.length];
            double expectedValue = field.valueAndGradient(w, expected);
            assertEquals(expectedValue, value, SAME * Math.max(1, Math.abs(expectedValue)),
                    "the observer gets L at the state it is shown");
            for (int i = 0; i < w.length; i++) {
                assertEquals(expected[i], gradient[i], SAME * Math.max(1, Math.abs(expected[i])),
                        "the observer gets grad L at the state it is shown");
            }
        }
    }

    /** {@code L = -sum w_i^3 / 3}, {@code grad L = -w^2}: the flow {@code w' = w^2} blows up at {@code 1/w_i(0)}. */
    private static final class CubicField implements GradientField {

        private final int n;

        CubicField(int n) {
            this.n = n;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            double value = 0;
            for (int i = 0; i < n; i++) {
                value -= w[i] * w[i] * w[i] / 3;
                gradient[i] = -w[i] * w[i];
            }
            return value;
        }
    }

    /** {@code L = ||w||^2 / 2}, except NaN (value and gradient) where {@code w_0 < threshold}. */
    private static final class NaNBelowField implements GradientField {

        private final double threshold;

        NaNBelowField(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            if (w[0] < threshold) {
                Arrays.fill(gradient, Double.NaN);
                return Double.NaN;
            }
            gradient[0] = w[0];
            gradient[1] = w[1];
            return 0.5 * (w[0] * w[0] + w[1] * w[1]);
        }
    }
}
