package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link BdfCoefficients}: the NDF constants against their closed forms (Shampine and Reichelt 1997, Sec. 2), and
 * the step-change matrices: {@code U = R(1)} is an involution and {@code (R(rho) U)^T} maps the backward
 * differences of a polynomial of degree {@code k} at spacing {@code h} to those at spacing {@code rho h}.
 */
class BdfCoefficientsTest {

    @Test
    void constantsHaveTheirClosedForms() {
        assertEquals(11.0 / 6.0, BdfCoefficients.GAMMA[3], 1e-15);
        assertEquals(137.0 / 60.0, BdfCoefficients.GAMMA[5], 1e-15);
        // order 5 is BDF5 (kappa = 0): alpha = gamma, error constant 1/6
        assertEquals(137.0 / 60.0, BdfCoefficients.ALPHA[5], 1e-15);
        assertEquals(1.0 / 6.0, BdfCoefficients.ERROR_CONSTANT[5], 1e-15);
        // order 1: alpha = 1 + 0.185, error constant 1/2 - 0.185
        assertEquals(1.185, BdfCoefficients.ALPHA[1], 1e-15);
        assertEquals(0.5 - 0.185, BdfCoefficients.ERROR_CONSTANT[1], 1e-15);
        assertEquals(-1.0 / 9.0 * 1.5 + 1.0 / 3.0, BdfCoefficients.ERROR_CONSTANT[2], 1e-15);
        assertEquals(1.0 / 7.0, BdfCoefficients.ERROR_CONSTANT[6], 1e-15);
    }

    @Test
    void theMatrixOfRatioOneIsItsOwnInverse() {
        for (int k = 1; k <= BdfCoefficients.MAX_ORDER; k++) {
            int m = k + 1;
            double[] u = new double[m * m];
            BdfCoefficients.stepMatrix(k, 1.0, u);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double sum = 0;
                    for (int l = 0; l < m; l++) {
                        sum += u[i * m + l] * u[l * m + j];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, sum, 1e-12, "k = " + k + ", (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void aStepChangeGivesTheDifferencesOfThePolynomialAtTheNewSpacing() {
        double h = 0.3;
        for (int k = 1; k <= BdfCoefficients.MAX_ORDER; k++) {
            for (double rho : new double[] {0.2, 0.5, 1.0, 1.7, 10.0}) {
                int m = k + 1;
                double[] old = differences(k, h);
                double[] expected = differences(k, rho * h);
                double[] r = new double[m * m];
                double[] u = new double[m * m];
                BdfCoefficients.stepMatrix(k, rho, r);
                BdfCoefficients.stepMatrix(k, 1.0, u);
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    for (int j = 0; j < m; j++) {
                        double ru = 0;
                        for (int l = 0; l < m; l++) {
                            ru += r[j * m + l] * u[l * m + i];
                        }
                        sum += ru * old[j];
                    }
                    assertEquals(expected[i], sum, 1e-9 * Math.max(1, Math.abs(expected[i])),
                            "k = " + k + ", rho = " + rho + ", difference " + i);
                }
            }
        }
    }

    /** The backward differences {@code nabla^j p(0)}, {@code j = 0..k}, at spacing {@code h} of a degree-k polynomial. */
    private static double[] differences(int k, double h) {
        double[] values = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            values[i] = polynomial(k, -i * h); // values[i] = p(-i h)
        }
        double[] nabla = new double[k + 1];
        for (int j = 0; j <= k; j++) {
            nabla[j] = values[0];
            for (int i = 0; i < k - j; i++) {
                values[i] = values[i] - values[i + 1];
            }
        }
        return nabla;
    }

    private static double polynomial(int k, double t) {
        double p = 0;
        for (int i = k; i >= 0; i--) {
            p = p * t + (1.0 + 0.5 * i) * (i % 2 == 0 ? 1 : -1);
        }
        return p;
    }
}
