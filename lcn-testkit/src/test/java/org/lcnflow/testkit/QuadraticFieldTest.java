package org.lcnflow.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fixture the integrator contract measures accuracy against. */
class QuadraticFieldTest {

    private static final QuadraticField TRIDIAGONAL =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});

    @Test
    void eigenvaluesOfTheTridiagonalMatrixAreTwoMinusRootTwoTwoAndTwoPlusRootTwo() {
        double[] eigenvalues = TRIDIAGONAL.eigenvalues();
        Arrays.sort(eigenvalues);
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, eigenvalues, 1e-14);
    }

    @Test
    void exactSolutionStartsAtW0AndSolvesTheGradientFlow() {
        double[] w0 = {1, -1, 0.5};
        assertArrayEquals(w0, TRIDIAGONAL.exactSolution(w0, 0), 1e-15);
        // central difference of w(t) against -grad L(w(t)); its truncation error is ~ eps^2 |w'''| / 6
        double t = 0.3;
        double eps = 1e-5;
        double[] ahead = TRIDIAGONAL.exactSolution(w0, t + eps);
        double[] behind = TRIDIAGONAL.exactSolution(w0, t - eps);
        double[] gradient = new double[3];
        TRIDIAGONAL.valueAndGradient(TRIDIAGONAL.exactSolution(w0, t), gradient);
        for (int i = 0; i < 3; i++) {
            assertEquals(-gradient[i], (ahead[i] - behind[i]) / (2 * eps), 1e-9);
        }
        assertArrayEquals(TRIDIAGONAL.minimizer(), TRIDIAGONAL.exactSolution(w0, 200), 1e-14, "w(t) -> w*");
    }

    @Test
    void minimizerOfTheTridiagonalProblemIsAllOnes() {
        // A (1, 1, 1) = (1, 0, 1) = b
        assertArrayEquals(new double[] {1, 1, 1}, TRIDIAGONAL.minimizer(), 1e-14);
        double[] gradient = new double[3];
        double value = TRIDIAGONAL.valueAndGradient(new double[] {1, 1, 1}, gradient);
        assertArrayEquals(new double[3], gradient, 0.0);
        assertEquals(-1.0, value, 0.0, "1/2 w.Aw - b.w = 1/2 * 2 - 2");
    }

    @Test
    void diagonalFlowDecaysOrGrowsExponentiallyPerComponent() {
        QuadraticField field = QuadraticField.diagonal(2, 0, -1);
        double[] w = field.exactSolution(new double[] {1, 3, 1}, 0.5);
        assertArrayEquals(new double[] {Math.exp(-1), 3, Math.exp(0.5)}, w, 1e-15);
        assertThrows(IllegalStateException.class, field::minimizer);
    }

    @Test
    void rejectsAMatrixThatIsNotSymmetric() {
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticField.of(new double[][] {{1, 2}, {0, 1}}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticField.of(new double[][] {{1, 0}}, new double[] {0, 0}));
    }

    @Test
    void countingFieldCountsTheCallsItPassesOn() {
        CountingField counting = new CountingField(TRIDIAGONAL);
        double[] gradient = new double[3];
        for (int i = 0; i < 5; i++) {
            counting.valueAndGradient(new double[] {i, 0, 0}, gradient);
        }
        assertEquals(5, counting.count());
        assertEquals(3, counting.dimension());
    }
}
