package org.lcnflow.integrators.multistep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.testkit.QuadraticField;

/**
 * The Nordsieck algebra of the Adams methods against what it must satisfy by construction (Hairer,
 * Norsett and Wanner, Solving ODEs I, III.1 and III.6): the Adams-Moulton weights of the literature, the
 * update keeping the past slopes, Taylor's formula for the prediction, rescaling invertible, the starting
 * fit exact for polynomials.
 */
class AdamsNordsieckTest {

    /** {@code z_j = h^j/j! p^(j)(t)} of the polynomial {@code p(t) = sum_k a_k t^k} (one component). */
    private static double[][] nordsieckOf(double[] a, double t, double h, int s) {
        double[][] z = new double[s + 1][1];
        for (int j = 0; j <= s; j++) {
            // p^(j)(t) / j! = sum_k C(k, j) a_k t^(k-j)
            double sum = 0;
            for (int k = j; k < a.length; k++) {
                sum += binomial(k, j) * a[k] * Math.pow(t, k - j);
            }
            z[j][0] = sum * Math.pow(h, j);
        }
        return z;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }

    private static double[] randomPolynomial(Random random, int degree) {
        double[] a = new double[degree + 1];
        for (int k = 0; k <= degree; k++) {
            a[k] = random.nextGaussian();
        }
        return a;
    }

    /** {@code A = tridiag(-1, 2, -1)}, {@code b = (1, 0, 1)}: the standard quadratic, {@code w* = (1, 1, 1)}. */
    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    /**
     * {@code count} steps of size {@code 1 / count} of the Nordsieck Adams method with a fixed step, from
     * the exact vector at 0 ({@code w^(k)(0) = (-A)^k (w0 - w*)}): Bashforth takes the predicted point,
     * Moulton corrects it once with {@code beta} (PECE), both complete the step with {@code update}.
     */
    private static double[] fixedSteps(boolean moulton, int s, int count) {
        double h = 1.0 / count;
        double[] minimizer = FIELD.minimizer();
        double[][] z = new double[s + 1][3];
        double[][] next = new double[s + 1][3];
        double[] derivative = new double[3];
        double[] gradient = new double[3];
        double[] slope = new double[3];
        for (int i = 0; i < 3; i++) {
            z[0][i] = W0[i];
            derivative[i] = W0[i] - minimizer[i];
        }
        double scale = 1;
        for (int k = 1; k <= s; k++) {
            // (-A) d, by the field: grad L(w* + d) = A d
            double[] point = new double[3];
            for (int i = 0; i < 3; i++) {
                point[i] = minimizer[i] + derivative[i];
            }
            FIELD.valueAndGradient(point, gradient);
            scale *= h / k;
            for (int i = 0; i < 3; i++) {
                derivative[i] = -gradient[i];
                z[k][i] = scale * derivative[i];
            }
        }
        double[] l = AdamsNordsieck.updateCoefficients(s);
        double beta = AdamsNordsieck.correctorCoefficient(s);
        for (int step = 0; step < count; step++) {
            AdamsNordsieck.predict(z, next);
            FIELD.valueAndGradient(next[0], gradient);
            if (moulton) {
                for (int i = 0; i < 3; i++) {
                    next[0][i] += beta * (-h * gradient[i] - next[1][i]);
                }
                FIELD.valueAndGradient(next[0], gradient);
            }
            for (int i = 0; i < 3; i++) {
                slope[i] = -h * gradient[i];
            }
            AdamsNordsieck.update(next, slope, l);
            double[][] swap = z;
            z = next;
            next = swap;
        }
        return z[0];
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void withAFixedStepBashforthHasOrderSAndMoultonOrderSPlusOne(int s) {
        double[] exact = FIELD.exactSolution(W0, 1.0);
        int[] counts = {20, 40, 80, 160};
        for (boolean moulton : new boolean[] {false, true}) {
            double[] logH = new double[counts.length];
            double[] logError = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                logH[i] = Math.log(1.0 / counts[i]);
                logError[i] = Math.log(ConvergenceOrderTest.maxAbsDifference(exact, fixedSteps(moulton, s, counts[i])));
            }
            double order = ConvergenceOrderTest.slope(logH, logError);
            assertEquals(moulton ? s + 1 : s, order, 0.2, (moulton ? "Moulton" : "Bashforth") + " s = " + s);
        }
    }

    @Test
    void correctorCoefficientsAreTheAdamsMoultonWeightsOfTheNewSlope() {
        // Hairer, Norsett and Wanner, Table III.1.2 (implicit Adams, coefficient of f_{n+1}), k = 1 .. 7
        double[] expected = {1.0 / 2, 5.0 / 12, 9.0 / 24, 251.0 / 720, 475.0 / 1440, 19087.0 / 60480,
            36799.0 / 120960};
        for (int s = 1; s <= expected.length; s++) {
            assertEquals(expected[s - 1], AdamsNordsieck.correctorCoefficient(s), 1e-15, "s = " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void theUpdatePolynomialHasSlopeOneAtTheNewPointAndZeroAtThePastOnes(int s) {
        // l(x) = sum_j l_j x^j: l(0) = 0 (explicit), l'(0) = 1, l'(-i) = 0 for i = 1 .. s-1
        double[] l = AdamsNordsieck.updateCoefficients(s);
        assertEquals(s + 1, l.length);
        assertEquals(0.0, l[0], 0.0);
        for (int i = 0; i < s; i++) {
            double x = -i;
            double derivative = 0;
            for (int j = 1; j <= s; j++) {
                derivative += j * l[j] * Math.pow(x, j - 1);
            }
            assertEquals(i == 0 ? 1.0 : 0.0, derivative, 1e-12, "l'(" + x + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 7})
    void predictionIsExactForPolynomialsOfDegreeAtMostS(int s) {
        Random random = new Random(17L + s);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = randomPolynomial(random, s);
            double t = random.nextDouble();
            double h = 0.01 + random.nextDouble() * 0.5;
            double[][] z = nordsieckOf(a, t, h, s);
            double[][] predicted = new double[s + 1][1];
            AdamsNordsieck.predict(z, predicted);
            double[][] exact = nordsieckOf(a, t + h, h, s);
            for (int j = 0; j <= s; j++) {
                assertEquals(exact[j][0], predicted[j][0], 1e-12 * (1 + Math.abs(exact[j][0])), "row " + j);
            }
            // the slope the update would correct with is the exact one: nothing to correct
            double[] slope = {exact[1][0]};
            AdamsNordsieck.update(predicted, slope, AdamsNordsieck.updateCoefficients(s));
            for (int j = 0; j <= s; j++) {
                assertEquals(exact[j][0], predicted[j][0], 1e-12 * (1 + Math.abs(exact[j][0])), "row " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 7})
    void updateKeepsThePastSlopesAndTakesTheNewOne(int s) {
        Random random = new Random(31L + s);
        double[] a = randomPolynomial(random, s);
        double h = 0.1;
        double[][] z = nordsieckOf(a, 0.3, h, s);
        double[][] next = new double[s + 1][1];
        AdamsNordsieck.predict(z, next);
        double newSlope = 0.7;
        AdamsNordsieck.update(next, new double[] {newSlope}, AdamsNordsieck.updateCoefficients(s));
        // h p'(t_{n+1} + x h) = sum_j j z_j x^(j-1): the new slope at x = 0, the old polynomial's at x = -1 .. -(s-1)
        for (int i = 0; i < s; i++) {
            double x = -i;
            double updated = 0;
            double old = 0;
            for (int j = 1; j <= s; j++) {
                updated += j * next[j][0] * Math.pow(x, j - 1);
                old += j * z[j][0] * Math.pow(x + 1, j - 1);
            }
            assertEquals(i == 0 ? newSlope : old, updated, 1e-12, "slope at x = " + x);
        }
    }

    @Test
    void rescalingByRThenByOneOverRRestoresTheVector() {
        Random random = new Random(5);
        for (int s = 2; s <= 7; s++) {
            double[][] z = new double[s + 1][4];
            for (double[] row : z) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = random.nextGaussian();
                }
            }
            double[][] copy = new double[s + 1][];
            for (int j = 0; j <= s; j++) {
                copy[j] = z[j].clone();
            }
            for (double r : new double[] {0.2, 0.37, 1.2, 3.0}) {
                AdamsNordsieck.rescale(z, r);
                assertEquals(copy[1][0] * r, z[1][0], 1e-15 * Math.abs(copy[1][0] * r), "z_1 scales like r");
                AdamsNordsieck.rescale(z, 1 / r);
                for (int j = 0; j <= s; j++) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(copy[j][c], z[j][c], 4 * s * Math.ulp(copy[j][c]), "s=" + s + ", r=" + r);
                    }
                }
            }
        }
    }

    @Test
    void rescalingKeepsThePolynomial() {
        int s = 5;
        double[] a = randomPolynomial(new Random(9), s);
        double[][] z = nordsieckOf(a, 0.4, 0.1, s);
        AdamsNordsieck.rescale(z, 2.5);
        double[][] expected = nordsieckOf(a, 0.4, 0.25, s);
        for (int j = 0; j <= s; j++) {
            assertEquals(expected[j][0], z[j][0], 1e-13 * (1 + Math.abs(expected[j][0])), "row " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7})
    void theStartingFitRecoversThePolynomialFromItsSlopesAtUnevenTimes(int s) {
        Random random = new Random(41L + s);
        double[] a = randomPolynomial(random, s);
        double[] times = new double[s];
        double[][] slopes = new double[s][1];
        double t = 0;
        for (int i = 0; i < s; i++) {
            times[i] = t;
            double derivative = 0;
            for (int k = 1; k <= s; k++) {
                derivative += k * a[k] * Math.pow(t, k - 1);
            }
            slopes[i][0] = derivative;
            t += 0.05 + 0.1 * random.nextDouble();
        }
        double h = 0.08;
        double[][] expected = nordsieckOf(a, times[s - 1], h, s);
        double[][] z = new double[s + 1][1];
        z[0][0] = expected[0][0];
        z[1][0] = h * slopes[s - 1][0];
        AdamsNordsieck.fit(times, slopes, h, z);
        for (int j = 2; j <= s; j++) {
            assertEquals(expected[j][0], z[j][0], 1e-10 * (1 + Math.abs(expected[j][0])), "row " + j);
        }
    }
}
