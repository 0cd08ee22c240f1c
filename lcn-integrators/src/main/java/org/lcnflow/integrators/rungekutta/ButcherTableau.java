package org.lcnflow.integrators.rungekutta;

import java.util.Arrays;
import java.util.Objects;

/**
 * The coefficients of an explicit Runge-Kutta method, an immutable value: nodes {@code c}, the
 * strictly lower triangular matrix {@code a} (row {@code i} holds {@code a[i][0..i-1]}), weights
 * {@code b} of the propagated solution and, for an embedded method, weights {@code bHat} of the error
 * estimator, possibly a second estimator {@code bTilde} of lower order, and the constants of the step-size
 * controller that go with them ({@link StepControl}). One Runge-Kutta loop in this module runs any
 * tableau; a method is data, not a subclass.
 *
 * <p>For {@code dw/dt = f(w) = -grad L(w)} one step of size {@code h} from {@code w} computes
 * {@code k_i = f(w + h sum_{j<i} a[i][j] k_j)} and {@code w + h sum_i b[i] k_i}; the embedded solution
 * {@code w + h sum_i bHat[i] k_i} estimates the local error by its difference
 * {@code h sum_i e[i] k_i}, {@code e = b - bHat} (the {@linkplain #errorWeights() error weights}). With
 * a second estimator ({@code e~ = b - bTilde}) the loop combines the two as Hairer's DOP853 does:
 * {@code err = err1^2 / sqrt(err1^2 + 0.01 err2^2)}, each in the RMS norm. The field is autonomous, so
 * {@code c} only documents the method (and its consistency {@code c[i] = sum_j a[i][j]}).
 *
 * <p>Arrays are copied in and out. Immutable and thread-safe.
 */
public final class ButcherTableau {

    /** Explicit Euler, order 1: {@code b = (1)}; on the gradient flow exactly gradient descent. */
    public static final ButcherTableau EULER = new ButcherTableau("euler",
            new double[] {0},
            new double[][] {{}},
            new double[] {1},
            null, 1, 0);

    /** The classical Runge-Kutta method, order 4. */
    public static final ButcherTableau CLASSICAL_RK4 = new ButcherTableau("rk4",
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null, 4, 0);

    /**
     * Dormand and Prince's embedded pair RK5(4)7M (J. Comp. Appl. Math. 6, 1980): order 5 propagated
     * (local extrapolation), order 4 estimator, first same as last (the last stage is evaluated at the
     * new point, so an accepted step costs 6 evaluations). Step control {@link StepControl#DOPRI5}.
     */
    public static final ButcherTableau DORMAND_PRINCE_54 = new ButcherTableau("dormand-prince-54",
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100,
                1.0 / 40},
            5, 4);

    /**
     * Dormand and Prince's 8(5,3) method (Hairer, Norsett and Wanner, Solving ODEs I, 2nd ed., II.10 and
     * Hairer's code DOP853 of 1989/2004, after Prince and Dormand, J. Comp. Appl. Math. 7, 1981): 12
     * stages, order 8 propagated; the error estimate combines an order-5 estimator ({@code e = b - bHat},
     * DOP853's {@code ER}) and an order-3 one ({@code bTilde}, DOP853's {@code BHH}), so that it behaves
     * like {@code h^8}. The last stage is at {@code c = 1} but not at the new point ({@code b[11] != 0}),
     * so it is not FSAL: an accepted step costs 11 stage evaluations and 1 at the new point, which is the
     * next step's first stage. Step control {@link StepControl#DOP853}.
     *
     * <p>The coefficients are DOP853's 30-digit decimals, each rounded once to the nearest double (the
     * three stages of its dense output are not used).
     */
    public static final ButcherTableau DORMAND_PRINCE_853 = new ButcherTableau("dormand-prince-853",
            new double[] {0,
                0.526001519587677318785587544488e-01,
                0.789002279381515978178381316732e-01,
                0.118350341907227396726757197510e+00,
                0.281649658092772603273242802490e+00,
                0.333333333333333333333333333333e+00,
                0.25e+00,
                0.307692307692307692307692307692e+00,
                0.651282051282051282051282051282e+00,
                0.6e+00,
                0.857142857142857142857142857142e+00,
                1},
            new double[][] {
                {},
                {5.26001519587677318785587544488e-2},
                {1.97250569845378994544595329183e-2, 5.91751709536136983633785987549e-2},
                {2.95875854768068491816892993775e-2, 0, 8.87627564304205475450678981324e-2},
                {2.41365134159266685502369798665e-1, 0, -8.84549479328286085344864962717e-1,
                    9.24834003261792003115737966543e-1},
                {3.7037037037037037037037037037e-2, 0, 0, 1.70828608729473871279604482173e-1,
                    1.25467687566822425016691814123e-1},
                {3.7109375e-2, 0, 0, 1.70252211019544039314978060272e-1, 6.02165389804559606850219397283e-2,
                    -1.7578125e-2},
                {3.70920001185047927108779319836e-2, 0, 0, 1.70383925712239993810214054705e-1,
                    1.07262030446373284651809199168e-1, -1.53194377486244017527936158236e-2,
                    8.27378916381402288758473766002e-3},
                {6.24110958716075717114429577812e-1, 0, 0, -3.36089262944694129406857109825e0,
                    -8.68219346841726006818189891453e-1, 2.75920996994467083049415600797e1,
                    2.01540675504778934086186788979e1, -4.34898841810699588477366255144e1},
                {4.77662536438264365890433908527e-1, 0, 0, -2.48811461997166764192642586468e0,
                    -5.90290826836842996371446475743e-1, 2.12300514481811942347288949897e1,
                    1.52792336328824235832596922938e1, -3.32882109689848629194453265587e1,
                    -2.03312017085086261358222928593e-2},
                {-9.3714243008598732571704021658e-1, 0, 0, 5.18637242884406370830023853209e0,
                    1.09143734899672957818500254654e0, -8.14978701074692612513997267357e0,
                    -1.85200656599969598641566180701e1, 2.27394870993505042818970056734e1,
                    2.49360555267965238987089396762e0, -3.0467644718982195003823669022e0},
                {2.27331014751653820792359768449e0, 0, 0, -1.05344954667372501984066689879e1,
                    -2.00087205822486249909675718444e0, -1.79589318631187989172765950534e1,
                    2.79488845294199600508499808837e1, -2.85899827713502369474065508674e0,
                    -8.87285693353062954433549289258e0, 1.23605671757943030647266201528e1,
                    6.43392746015763530355970484046e-1}},
            new double[] {5.42937341165687622380535766363e-2, 0, 0, 0, 0, 4.45031289275240888144113950566e0,
                1.89151789931450038304281599044e0, -5.8012039600105847814672114227e0,
                3.1116436695781989440891606237e-1, -1.52160949662516078556178806805e-1,
                2.01365400804030348374776537501e-1, 4.47106157277725905176885569043e-2},
            null,
            new double[] {0.1312004499419488073250102996e-01, 0, 0, 0, 0, -0.1225156446376204440720569753e+01,
                -0.4957589496572501915214079952e+00, 0.1664377182454986536961530415e+01,
                -0.3503288487499736816886487290e+00, 0.3341791187130174790297318841e+00,
                0.8192320648511571246570742613e-01, -0.2235530786388629525884427845e-01},
            8, 5,
            new double[] {0.244094488188976377952755905512e+00, 0, 0, 0, 0, 0, 0, 0,
                0.733846688281611857341361741547e+00, 0, 0, 0.220588235294117647058823529412e-01},
            3, StepControl.DOP853);

    private final String name;
    final double[] c;
    final double[][] a;
    final double[] b;
    final double[] bHat;
    /** {@code b - bHat}: the error estimate is {@code h sum_i errorWeights[i] k_i}; null without bHat. */
    final double[] errorWeights;
    final double[] bTilde;
    /** {@code b - bTilde}, the second estimator's weights; null without bTilde. */
    final double[] secondErrorWeights;
    private final int order;
    private final int embeddedOrder;
    private final int secondEmbeddedOrder;
    private final StepControl stepControl;
    private final boolean fsal;

    /** A fixed-step method, or an embedded pair with the PI controller of its lower order. */
    private ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] bHat, int order,
                           int embeddedOrder) {
        this(name, c, a, b, bHat, null, order, embeddedOrder, null, 0,
                bHat == null ? null : StepControl.proportionalIntegral(Math.min(order, embeddedOrder)));
    }

    /**
     * @param bHat         the embedded solution's weights, or null (then from {@code errorWeights})
     * @param errorWeights {@code b - bHat} as published, or null (then computed from {@code bHat})
     * @param bTilde       a second embedded solution's weights, or null
     */
    private ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] bHat, double[] errorWeights,
                           int order, int embeddedOrder, double[] bTilde, int secondEmbeddedOrder,
                           StepControl stepControl) {
        this.name = Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(c, "c is null");
        Objects.requireNonNull(a, "a is null");
        Objects.requireNonNull(b, "b is null");
        int s = b.length;
        double[] estimator = bHat != null ? bHat : errorWeights;
        if (s < 1 || c.length != s || a.length != s || (estimator != null && estimator.length != s)
                || (bTilde != null && bTilde.length != s)) {
            throw new IllegalArgumentException(name + ": c, a, b (and bHat) need one entry per stage, got c: "
                    + c.length + ", a: " + a.length + ", b: " + s
                    + (estimator == null ? "" : ", bHat: " + estimator.length)
                    + (bTilde == null ? "" : ", bTilde: " + bTilde.length));
        }
        this.a = new double[s][];
        for (int i = 0; i < s; i++) {
            Objects.requireNonNull(a[i], "a[" + i + "] is null");
            if (a[i].length != i) {
                throw new IllegalArgumentException(name + ": an explicit method has a[" + i + "] of length " + i
                        + " (strictly lower triangular), got " + a[i].length);
            }
            this.a[i] = checkFinite(name, "a[" + i + "]", a[i]);
        }
        this.c = checkFinite(name, "c", c);
        this.b = checkFinite(name, "b", b);
        if (bHat != null) {
            this.bHat = checkFinite(name, "bHat", bHat);
            this.errorWeights = difference(this.b, this.bHat);
        } else if (errorWeights != null) {
            this.errorWeights = checkFinite(name, "errorWeights", errorWeights);
            this.bHat = difference(this.b, this.errorWeights);
        } else {
            this.bHat = null;
            this.errorWeights = null;
        }
        if (bTilde != null && this.bHat == null) {
            throw new IllegalArgumentException(name + ": a second estimator needs a first one");
        }
        this.bTilde = bTilde == null ? null : checkFinite(name, "bTilde", bTilde);
        this.secondErrorWeights = bTilde == null ? null : difference(this.b, this.bTilde);
        if (this.c[0] != 0) {
            throw new IllegalArgumentException(name + ": an explicit method has c[0] = 0, got " + c[0]);
        }
        if (order < 1 || (this.bHat == null ? embeddedOrder != 0 : embeddedOrder < 1 || embeddedOrder == order)
                || (bTilde == null ? secondEmbeddedOrder != 0
                        : secondEmbeddedOrder < 1 || secondEmbeddedOrder == order)) {
            throw new IllegalArgumentException(name + ": order must be >= 1 and the embedded orders >= 1 and"
                    + " different from it (0 without bHat or bTilde), got " + order + ", " + embeddedOrder
                    + (bTilde == null ? "" : " and " + secondEmbeddedOrder));
        }
        if ((this.bHat == null) != (stepControl == null)) {
            throw new IllegalArgumentException(name + ": an embedded method, and only one, has step control");
        }
        this.order = order;
        this.embeddedOrder = embeddedOrder;
        this.secondEmbeddedOrder = secondEmbeddedOrder;
        this.stepControl = stepControl;
        this.fsal = s > 1 && this.c[s - 1] == 1 && this.b[s - 1] == 0
                && Arrays.equals(this.a[s - 1], Arrays.copyOf(this.b, s - 1));
    }

    private static double[] difference(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }

    /**
     * A fixed-step method.
     *
     * @param name  for messages and {@link #toString()}
     * @param c     nodes, {@code c[0] = 0}
     * @param a     row {@code i} of length {@code i}
     * @param b     weights
     * @param order the order of the method
     * @return the tableau
     * @throws IllegalArgumentException when the shapes do not fit an explicit method or an entry is not finite
     */
    public static ButcherTableau of(String name, double[] c, double[][] a, double[] b, int order) {
        return new ButcherTableau(name, c, a, b, null, order, 0);
    }

    /**
     * An embedded pair, with the step control {@link StepControl#proportionalIntegral(int)} of its lower
     * order ({@link StepControl#DOPRI5} for a 5(4) pair).
     *
     * @param name          for messages and {@link #toString()}
     * @param c             nodes, {@code c[0] = 0}
     * @param a             row {@code i} of length {@code i}
     * @param b             weights of the propagated solution
     * @param bHat          weights of the embedded solution
     * @param order         the order of {@code b}
     * @param embeddedOrder the order of {@code bHat}
     * @return the tableau
     * @throws IllegalArgumentException when the shapes do not fit an explicit method or an entry is not finite
     */
    public static ButcherTableau embedded(String name, double[] c, double[][] a, double[] b, double[] bHat,
                                          int order, int embeddedOrder) {
        return new ButcherTableau(name, c, a, b, Objects.requireNonNull(bHat, "bHat is null"), order, embeddedOrder);
    }

    private static double[] checkFinite(String name, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": " + what + "[" + i + "] must be finite, got " + values[i]);
            }
        }
        return values.clone();
    }

    /** @return the method's name */
    public String name() {
        return name;
    }

    /** @return the number of stages {@code s} */
    public int stages() {
        return b.length;
    }

    /** @return a copy of the nodes */
    public double[] c() {
        return c.clone();
    }

    /** @return a copy of the coefficient rows, row {@code i} of length {@code i} */
    public double[][] a() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    /** @return a copy of the weights of the propagated solution */
    public double[] b() {
        return b.clone();
    }

    /** @return whether the tableau has an error estimator */
    public boolean isEmbedded() {
        return bHat != null;
    }

    /**
     * @return a copy of the weights of the embedded solution
     * @throws IllegalStateException when the tableau is not embedded
     */
    public double[] bHat() {
        if (bHat == null) {
            throw new IllegalStateException(name + " has no embedded solution");
        }
        return bHat.clone();
    }

    /**
     * @return a copy of the error weights {@code b - bHat} (as published for {@link #DORMAND_PRINCE_853},
     *         whose {@code bHat} is derived from them)
     * @throws IllegalStateException when the tableau is not embedded
     */
    public double[] errorWeights() {
        bHat();
        return errorWeights.clone();
    }

    /** @return whether the tableau has a second error estimator */
    public boolean hasSecondEstimator() {
        return bTilde != null;
    }

    /**
     * @return a copy of the weights of the second embedded solution
     * @throws IllegalStateException when the tableau has no second estimator
     */
    public double[] bTilde() {
        if (bTilde == null) {
            throw new IllegalStateException(name + " has no second embedded solution");
        }
        return bTilde.clone();
    }

    /**
     * @return the step-size controller's constants
     * @throws IllegalStateException when the tableau is not embedded
     */
    public StepControl stepControl() {
        bHat();
        return stepControl;
    }

    /** @return the order of the propagated solution */
    public int order() {
        return order;
    }

    /** @return the order of the embedded solution, 0 when there is none */
    public int embeddedOrder() {
        return embeddedOrder;
    }

    /** @return the order of the second embedded solution, 0 when there is none */
    public int secondEmbeddedOrder() {
        return secondEmbeddedOrder;
    }

    /**
     * @return whether the last stage is evaluated at the new point ({@code c[s-1] = 1},
     *         {@code a[s-1] = b[0..s-2]}, {@code b[s-1] = 0}), so it serves as the next step's first stage
     */
    public boolean isFsal() {
        return fsal;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ButcherTableau)) {
            return false;
        }
        ButcherTableau that = (ButcherTableau) other;
        return name.equals(that.name) && order == that.order && embeddedOrder == that.embeddedOrder
                && secondEmbeddedOrder == that.secondEmbeddedOrder
                && Arrays.equals(c, that.c) && Arrays.deepEquals(a, that.a) && Arrays.equals(b, that.b)
                && Arrays.equals(errorWeights, that.errorWeights)
                && Arrays.equals(secondErrorWeights, that.secondErrorWeights)
                && Objects.equals(stepControl, that.stepControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, embeddedOrder, secondEmbeddedOrder, Arrays.hashCode(c),
                Arrays.deepHashCode(a), Arrays.hashCode(b), Arrays.hashCode(errorWeights),
                Arrays.hashCode(secondErrorWeights), stepControl);
    }

    /** @return e.g. {@code ButcherTableau(rk4, stages=4, order=4)} or {@code ... order=8(5,3))} */
    @Override
    public String toString() {
        return "ButcherTableau(" + name + ", stages=" + stages() + ", order=" + order
                + (bHat == null ? "" : "(" + embeddedOrder + (bTilde == null ? "" : "," + secondEmbeddedOrder) + ")")
                + (fsal ? ", fsal" : "") + ")";
    }

    /**
     * The constants of the step-size controller that goes with an embedded method (Hairer, Norsett and
     * Wanner, Solving ODEs I, II.4; Hairer and Wanner, Solving ODEs II, IV.2 for the PI form). With the
     * error estimate {@code err} of a step of size {@code h} (accepted when {@code err <= 1}) and that of
     * the previous accepted step {@code errOld} (floored at {@code 1e-4}, as DOPRI5 and DOP853 do):
     * <ul>
     *   <li>after an accepted step the next is {@code h * clamp(safety err^-alpha errOld^beta, minFactor,
     *       maxFactor)}, with {@code maxFactor} replaced by 1 right after a rejection;</li>
     *   <li>after a rejected one it is {@code h * max(minFactor, safety err^-exponent)}, and
     *       {@code h * minFactor} after a non-finite stage or point;</li>
     *   <li>{@code exponent} is also the exponent of Hairer's automatic initial step.</li>
     * </ul>
     *
     * @param exponent  {@code 1/(q+1)} for an estimate that behaves like {@code h^(q+1)}
     * @param alpha     the exponent of {@code err} after an accepted step
     * @param beta      the exponent of {@code errOld} (0: no PI term)
     * @param safety    the safety factor, in {@code (0, 1]}
     * @param minFactor the smallest factor, in {@code (0, 1)}
     * @param maxFactor the largest factor, {@code > 1}
     */
    public record StepControl(double exponent, double alpha, double beta, double safety, double minFactor,
                              double maxFactor) {

        /**
         * Hairer's DOPRI5 (Solving ODEs I, II.4 and IV.2): the PI controller of {@link #proportionalIntegral}
         * for the 5(4) pair, {@code exponent = 1/5}, {@code beta = 0.04}, {@code alpha = 1/5 - 0.75 beta},
         * safety 0.9, factors in {@code [0.2, 10]}.
         */
        public static final StepControl DOPRI5 = proportionalIntegral(4);

        /**
         * Hairer's DOP853 with its default constants: the combined estimate behaves like {@code h^8}, so
         * {@code exponent = alpha = 1/8}; {@code beta = 0} (DOP853's default: no PI term, a plain I
         * controller, since its error estimate is already smooth); safety 0.9; factors in
         * {@code [1/3, 6]} (DOP853's {@code FAC1 = 0.333}, {@code FAC2 = 6}, here {@code 1/3} exactly).
         * Stricter bounds than DOPRI5's {@code [0.2, 10]}: an order-8 step changes its error by
         * {@code factor^8}, so a factor of 6 already asks for 1.7e6 times the error.
         */
        public static final StepControl DOP853 = new StepControl(1.0 / 8, 1.0 / 8, 0, 0.9, 1.0 / 3, 6);

        /** Checks the ranges. */
        public StepControl {
            if (!(exponent > 0 && exponent <= 1 && alpha > 0 && alpha <= 1 && beta >= 0 && beta < alpha
                    && safety > 0 && safety <= 1 && minFactor > 0 && minFactor < 1 && maxFactor > 1
                    && Double.isFinite(maxFactor))) {
                throw new IllegalArgumentException("step control needs 0 < exponent, alpha <= 1, 0 <= beta < alpha,"
                        + " 0 < safety <= 1, 0 < minFactor < 1 < maxFactor < Infinity, got " + exponent + ", "
                        + alpha + ", " + beta + ", " + safety + ", " + minFactor + ", " + maxFactor);
            }
        }

        /**
         * The PI controller of DOPRI5 for an embedded pair whose lower order is {@code q}:
         * {@code exponent = 1/(q+1)}, {@code beta = 0.04}, {@code alpha = exponent - 0.75 beta}, safety
         * 0.9, factors in {@code [0.2, 10]}.
         *
         * @param q the lower order of the pair, {@code >= 1}
         * @return the constants
         */
        public static StepControl proportionalIntegral(int q) {
            if (q < 1) {
                throw new IllegalArgumentException("the lower order must be >= 1, got " + q);
            }
            double exponent = 1.0 / (q + 1);
            double beta = 0.04;
            return new StepControl(exponent, exponent - 0.75 * beta, beta, 0.9, 0.2, 10);
        }
    }
}
