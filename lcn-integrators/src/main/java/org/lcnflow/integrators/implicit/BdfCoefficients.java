package org.lcnflow.integrators.implicit;

/**
 * The constants of the numerical differentiation formulas (NDF) of orders 1 to 5 in backward difference form, as
 * Shampine and Reichelt define them for MATLAB's {@code ode15s} ("The MATLAB ODE Suite", SIAM J. Sci. Comput. 18,
 * 1997, Sec. 2; the BDF themselves in Hairer, Norsett and Wanner, Solving ODEs I, Sec. III.1, their stiff
 * stability in Hairer and Wanner, Solving ODEs II, Sec. V.1), for the flow
 * {@code dw/dt = -grad L(w)} (eq. (1.4)). The order-{@code k} formula reads
 * {@code sum_{j=1..k} gamma_j nabla^j w_{n+1} + kappa gamma_k (w_{n+1} - w^(0)) = h f(w_{n+1})}, so
 * that with {@code d = w_{n+1} - w^(0)} (the correction of the prediction {@code w^(0) = sum_{j=0..k} nabla^j w_n})
 * it becomes {@code alpha_k d = h f(w_{n+1}) - sum_{j=1..k} gamma_j nabla^j w_n}, with
 * {@code gamma_k = sum_{j=1..k} 1/j}, {@code alpha_k = (1 - kappa_k) gamma_k}. The local error is estimated by
 * {@code (kappa_k gamma_k + 1/(k+1)) d}. {@code kappa_5 = 0}: order 5 is the plain BDF5.
 *
 * <p>Also the change of the step by a factor {@code rho} in the difference array: with
 * {@code R(rho)_{ij} = prod_{m=1..i} (m - 1 - rho j) / m} ({@code i, j = 0..k}), the differences of the
 * interpolating polynomial at the new spacing are {@code D' = (R(rho) R(1))^T D} (Shampine and Reichelt, Sec. 2.2;
 * {@code R(1)} is its own inverse, {@code U = R(1)}, {@code U^2 = I}).
 */
final class BdfCoefficients {

    private BdfCoefficients() {
    }

    /** The highest order. */
    static final int MAX_ORDER = 5;

    /** Shampine and Reichelt's {@code kappa_k}, index {@code k = 0..5} (index 0 unused). */
    static final double[] KAPPA = {0, -0.1850, -1.0 / 9.0, -0.0823, -0.0415, 0};
    /** {@code gamma_k = sum_{j=1..k} 1/j}, {@code gamma_0 = 0}. */
    static final double[] GAMMA = new double[MAX_ORDER + 2];
    /** {@code alpha_k = (1 - kappa_k) gamma_k}. */
    static final double[] ALPHA = new double[MAX_ORDER + 1];
    /** The error constants {@code kappa_k gamma_k + 1/(k+1)}, index {@code k = 0..MAX_ORDER+1}. */
    static final double[] ERROR_CONSTANT = new double[MAX_ORDER + 2];

    static {
        for (int k = 1; k <= MAX_ORDER + 1; k++) {
            GAMMA[k] = GAMMA[k - 1] + 1.0 / k;
        }
        for (int k = 0; k <= MAX_ORDER; k++) {
            ALPHA[k] = (1 - KAPPA[k]) * GAMMA[k];
        }
        for (int k = 0; k <= MAX_ORDER + 1; k++) {
            double kappa = k <= MAX_ORDER ? KAPPA[k] : 0.0;
            ERROR_CONSTANT[k] = kappa * GAMMA[k] + 1.0 / (k + 1);
        }
    }

    /**
     * Writes {@code R(rho)} of order {@code k}, row-major {@code (k+1) x (k+1)}.
     *
     * @param k     the order, {@code 1..MAX_ORDER}
     * @param rho   the step ratio
     * @param r     receives the matrix, length at least {@code (k+1)^2}
     */
    static void stepMatrix(int k, double rho, double[] r) {
        int m = k + 1;
        for (int j = 0; j < m; j++) {
            r[j] = 1.0;
        }
        for (int i = 1; i < m; i++) {
            for (int j = 0; j < m; j++) {
                r[i * m + j] = r[(i - 1) * m + j] * ((i - 1 - rho * j) / i);
            }
        }
    }
}
