package org.lcnflow.integrators.implicit;

/**
 * The constants of the 3-stage Radau IIA method of order 5 in the form Hairer's RADAU5 uses them (Hairer and
 * Wanner, Solving Ordinary Differential Equations II, Sec. IV.8): the nodes {@code c = ((4 - sqrt 6)/10,
 * (4 + sqrt 6)/10, 1)}, the transformation {@code T} with {@code T^-1 A^-1 T = diag(gamma, [[alpha, -beta],
 * [beta, alpha]])} for the Radau IIA matrix {@code A}, and the weights {@code dd} of the embedded error
 * estimate {@code (gamma/h I + H)^-1 (f(w) + (dd_1 z_1 + dd_2 z_2 + dd_3 z_3) / h)} (eq. (8.20) there). The
 * third row of {@code T} is {@code (T31, 1, 0)}. {@code RadauTableauTest} checks all of them against their
 * definitions.
 */
final class RadauTableau {

    private RadauTableau() {
    }

    static final double SQRT6 = Math.sqrt(6.0);
    /** The nodes; the third is 1 (stiffly accurate: the last stage is the new point). */
    static final double C1 = (4.0 - SQRT6) / 10.0;
    static final double C2 = (4.0 + SQRT6) / 10.0;
    static final double C1M1 = C1 - 1.0;
    static final double C2M1 = C2 - 1.0;
    static final double C1MC2 = C1 - C2;

    /** The real eigenvalue of {@code A^-1}: {@code gamma = 1 / u1}. */
    static final double GAMMA;
    /** The complex pair {@code alpha +- i beta} of eigenvalues of {@code A^-1}. */
    static final double ALPHA;
    static final double BETA;

    static {
        double cbrt81 = Math.cbrt(81.0);
        double cbrt9 = Math.cbrt(9.0);
        double u1 = (6.0 + cbrt81 - cbrt9) / 30.0;
        double alpha = (12.0 - cbrt81 + cbrt9) / 60.0;
        double beta = (cbrt81 + cbrt9) * Math.sqrt(3.0) / 60.0;
        double norm = alpha * alpha + beta * beta;
        GAMMA = 1.0 / u1;
        ALPHA = alpha / norm;
        BETA = beta / norm;
    }

    /** The error weights {@code dd = gamma e}: {@code dd . c = -1}, {@code dd . c^2 = dd . c^3 = 0}. */
    static final double DD1 = -(13.0 + 7.0 * SQRT6) / 3.0;
    static final double DD2 = (-13.0 + 7.0 * SQRT6) / 3.0;
    static final double DD3 = -1.0 / 3.0;

    /** {@code T}, whose columns are (real and imaginary parts of) eigenvectors of {@code A^-1}. */
    static final double T11 = 9.1232394870892942792e-02;
    static final double T12 = -0.14125529502095420843;
    static final double T13 = -3.0029194105147424492e-02;
    static final double T21 = 0.24171793270710701896;
    static final double T22 = 0.20412935229379993199;
    static final double T23 = 0.38294211275726193779;
    static final double T31 = 0.96604818261509293619;
    static final double T32 = 1.0;
    static final double T33 = 0.0;

    /** {@code T^-1}. */
    static final double TI11 = 4.3255798900631553510;
    static final double TI12 = 0.33919925181580986954;
    static final double TI13 = 0.54177053993587487119;
    static final double TI21 = -4.1787185915519047273;
    static final double TI22 = -0.32768282076106238708;
    static final double TI23 = 0.47662355450055045196;
    static final double TI31 = -0.50287263494578687595;
    static final double TI32 = 2.5719269498556054292;
    static final double TI33 = -0.59603920482822492497;

    /** @return {@code T} as a 3 x 3 array, for tests */
    static double[][] t() {
        return new double[][] {{T11, T12, T13}, {T21, T22, T23}, {T31, T32, T33}};
    }

    /** @return {@code T^-1} as a 3 x 3 array, for tests */
    static double[][] tInverse() {
        return new double[][] {{TI11, TI12, TI13}, {TI21, TI22, TI23}, {TI31, TI32, TI33}};
    }
}
