package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ResumeCheck.Recording;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * A stiff quadratic flow in 10 dimensions: the Hessian's eigenvalues spread from {@code 1e-3} to {@code 1e6}, so an
 * explicit method is held at {@code h < ~3e-6} and would need {@code t ~ 1e4} (over {@code 1e9} steps) to reach a
 * gradient of {@code 1e-8}; and the checks the implicit integrators' tests share on stiff flows of
 * {@code dw/dt = -grad L(w)} (eq. (1.4); Hairer-Wanner II, IV.3 and IV.8).
 */
public final class StiffQuadratic {

    private StiffQuadratic() {
    }

    /**
     * @return {@code A = Q diag(1e-3 ... 1e6) Q^T} with a random orthogonal {@code Q} (seed 16), {@code b} such that
     *         {@code w* = (1, 1.1, ..., 1.9)}
     */
    public static QuadraticField of() {
        int n = 10;
        Random random = new Random(16);
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) { // Gram-Schmidt of random columns
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i][p] * v[i];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (double vi : v) {
                norm += vi * vi;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][k] = v[i] / norm;
            }
        }
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            double lambda = Math.pow(10, -3 + 9.0 * k / (n - 1));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += q[i][k] * lambda * q[j][k];
                }
            }
        }
        for (int i = 0; i < n; i++) { // exactly symmetric
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        double[] wStar = new double[n];
        for (int i = 0; i < n; i++) {
            wStar[i] = 1 + 0.1 * i;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += a[i][j] * wStar[j];
            }
        }
        return QuadraticField.of(a, b);
    }

    /** What a test checks further on one run of {@link #flowToGradientTolerance}. */
    @FunctionalInterface
    public interface StiffRun {
        /**
         * @param exact     true for the run with the exact Hessian, false for the one with differences
         * @param counting  the counted field of the run
         * @param result    its result
         * @param recording what it handed over
         * @param what      the kind of run and the result, for messages
         */
        void check(boolean exact, CountingField counting, FlowResult result, Recording recording, String what);
    }

    /**
     * Runs {@code integrator} on {@link #of()} from {@code w = 0} twice, with the exact Hessian and then with
     * differences of gradients ({@link Fields#withoutHessian}), each on a {@link CountingField} with a
     * {@link Recording}, and asserts that each run reaches the gradient tolerance of {@code stop}, that the
     * result counts every evaluation and exact Hessian the field saw, and that it ends within {@code 1e-4} of
     * the minimizer ({@code |grad| <= 1e-8} leaves up to {@code 1e-8 / 1e-3} in the slowest direction); then
     * hands each run to {@code check}.
     *
     * @param integrator the integrator
     * @param stop       a stop condition with a gradient tolerance
     * @param check      the test's own assertions
     */
    public static void flowToGradientTolerance(FlowIntegrator integrator, StopCondition stop, StiffRun check) {
        QuadraticField field = of();
        for (boolean exact : new boolean[] {true, false}) {
            CountingField counting = new CountingField(exact ? field : Fields.withoutHessian(field));
            Recording recording = new Recording();
            FlowResult result = integrator.integrate(counting, new double[10], stop, recording);
            String what = (exact ? "exact Hessian: " : "differences: ") + result;
            assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), what);
            assertEquals(counting.count(), result.evaluations(), what);
            assertEquals(counting.hessianCount(), result.solver().hessians(), what);
            assertArrayEquals(field.minimizer(), result.parameters(), 1e-4, what);
            check.check(exact, counting, result, recording, what);
        }
    }

    /** A method's fixed steps: {@code steps} equal steps of the flow from {@code w0} to {@code tMax}. */
    @FunctionalInterface
    public interface FixedSteps {
        /**
         * @param field the field
         * @param w0    the starting point
         * @param tMax  the end time
         * @param steps the number of steps
         * @return the end point
         */
        double[] fixedSteps(GradientField field, double[] w0, double tMax, int steps);
    }

    /**
     * L-stability ({@code R(z) -> 0} as {@code z -> -infinity}, Hairer-Wanner II, IV.3): one step {@code h = 1}
     * with {@code lambda = 1e10} leaves nearly nothing of the stiff component and about {@code e^-1} of one with
     * {@code lambda = 1}; and through the integrator's loop a first step of 1 on the stiff mode alone is
     * accepted and leaves nearly nothing.
     *
     * @param method           the method's fixed steps
     * @param firstStepOfOne   the integrator with an initial step of 1 and tolerances {@code 1e-6}
     */
    public static void assertOneHugeStepDampsAVeryStiffMode(FixedSteps method, FlowIntegrator firstStepOfOne) {
        QuadraticField stiff = QuadraticField.diagonal(1e10, 1.0);
        double[] w = method.fixedSteps(stiff, new double[] {1, 1}, 1.0, 1);
        assertTrue(Math.abs(w[0]) < 1e-9, "stiff component after one step: " + w[0]);
        assertEquals(Math.exp(-1), w[1], 1e-3, "the non-stiff component after one step, R(-1)");
        FlowResult one = firstStepOfOne.integrate(QuadraticField.diagonal(1e10), new double[] {1},
                new StopCondition(100, 0.0, 1), FlowObserver.NONE);
        assertEquals(1, one.steps());
        assertEquals(0, one.rejectedSteps(), one.toString());
        assertTrue(Math.abs(one.parameters()[0]) < 1e-9, one.toString());
    }
}
