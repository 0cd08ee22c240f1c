package org.lcnflow.integrators.implicit;

/**
 * The constants of RODAS4, the 6-stage Rosenbrock method of order 4 with an embedded solution of order 3 (Hairer
 * and Wanner, Solving Ordinary Differential Equations II, Sec. IV.7, Table 7.2 and their code RODAS), in the
 * transformed form of eq. (7.25) there: for the autonomous flow {@code w' = f(w) = -grad L(w)} (eq. (1.4)) with
 * Jacobian {@code J = -H},
 *
 * <pre>
 *   (1/(h gamma) I + H) U_i = f(w + sum_{j&lt;i} A_ij U_j) + sum_{j&lt;i} (C_ij / h) U_j,   i = 1..6,
 *   w_new = w + sum_{j&lt;6} A_6j U_j + U_6.
 * </pre>
 *
 * <p>The method is stiffly accurate: the last row of {@code A} is the fifth one with {@code A_65 = 1}, so
 * {@code w + sum_j A_6j U_j} is the embedded solution of order 3 (itself stiffly accurate), the point of the sixth
 * stage, and the solution is that point plus {@code U_6}: {@code U_6} is the error estimate. Both solutions are
 * L-stable ({@code R(infinity) = 0}). The original form of Hairer-Wanner's (7.4) follows by
 * {@code Gamma = (diag(1/gamma) - C)^-1}, {@code alpha = A Gamma}, {@code b = m Gamma} with
 * {@code m = (A_61, ..., A_65, 1)}; {@code RosenbrockTableauTest} checks the order conditions of both solutions
 * (Table 7.1 there) on that form.
 */
final class RosenbrockTableau {

    private RosenbrockTableau() {
    }

    /** The number of stages. */
    static final int STAGES = 6;

    /** The diagonal {@code gamma_ii} of the method. */
    static final double GAMMA = 0.25;

    static final double A21 = 1.544;
    static final double A31 = 0.9466785280815826;
    static final double A32 = 0.2557011698983284;
    static final double A41 = 3.314825187068521;
    static final double A42 = 2.896124015972201;
    static final double A43 = 0.9986419139977817;
    static final double A51 = 1.221224509226641;
    static final double A52 = 6.019134481288629;
    static final double A53 = 12.53708332932087;
    static final double A54 = -0.6878860361058950;

    static final double C21 = -5.6688;
    static final double C31 = -2.430093356833875;
    static final double C32 = -0.2063599157091915;
    static final double C41 = -0.1073529058151375;
    static final double C42 = -9.594562251023355;
    static final double C43 = -20.47028614809616;
    static final double C51 = 7.496443313967647;
    static final double C52 = -10.24680431464352;
    static final double C53 = -33.99990352819905;
    static final double C54 = 11.70890893206160;
    static final double C61 = 8.083246795921522;
    static final double C62 = -7.981132988064893;
    static final double C63 = -31.52159432874371;
    static final double C64 = 16.31930543123136;
    static final double C65 = -6.058818238834054;

    /** The nodes {@code c_i = sum_j alpha_ij} of the original form (the flow is autonomous: for tests). */
    static final double[] NODES = {0.0, 0.386, 0.21, 0.63, 1.0, 1.0};

    /** @return {@code A} as a 6 x 6 lower triangular array ({@code A_6j = A_5j}, {@code A_65 = 1}), a copy */
    static double[][] a() {
        return new double[][] {
            {0, 0, 0, 0, 0, 0},
            {A21, 0, 0, 0, 0, 0},
            {A31, A32, 0, 0, 0, 0},
            {A41, A42, A43, 0, 0, 0},
            {A51, A52, A53, A54, 0, 0},
            {A51, A52, A53, A54, 1, 0}};
    }

    /** @return {@code C} as a 6 x 6 strictly lower triangular array, a copy */
    static double[][] c() {
        return new double[][] {
            {0, 0, 0, 0, 0, 0},
            {C21, 0, 0, 0, 0, 0},
            {C31, C32, 0, 0, 0, 0},
            {C41, C42, C43, 0, 0, 0},
            {C51, C52, C53, C54, 0, 0},
            {C61, C62, C63, C64, C65, 0}};
    }

    /** @return the weights {@code m = (A_61, ..., A_65, 1)} of the solution in the transformed form, a copy */
    static double[] weights() {
        return new double[] {A51, A52, A53, A54, 1, 1};
    }

    /** @return the weights {@code (A_61, ..., A_65, 0)} of the embedded order-3 solution, a copy */
    static double[] embeddedWeights() {
        return new double[] {A51, A52, A53, A54, 1, 0};
    }
}
