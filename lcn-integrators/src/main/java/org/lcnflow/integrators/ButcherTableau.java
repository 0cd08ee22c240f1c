package org.lcnflow.integrators;

import java.util.Arrays;
import java.util.Objects;

/**
 * The coefficients of an explicit Runge-Kutta method, an immutable value: nodes {@code c}, the
 * strictly lower triangular matrix {@code a} (row {@code i} holds {@code a[i][0..i-1]}), weights
 * {@code b} of the propagated solution and, for an embedded pair, weights {@code bHat} of the error
 * estimator. One Runge-Kutta loop in this module runs any tableau; a method is data, not a subclass.
 *
 * <p>For {@code dw/dt = f(w) = -grad L(w)} one step of size {@code h} from {@code w} computes
 * {@code k_i = f(w + h sum_{j<i} a[i][j] k_j)} and {@code w + h sum_i b[i] k_i}; the embedded solution
 * {@code w + h sum_i bHat[i] k_i} estimates the local error. The field is autonomous, so {@code c} only
 * documents the method (and its consistency {@code c[i] = sum_j a[i][j]}).
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
     * new point, so an accepted step costs 6 evaluations).
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

    private final String name;
    final double[] c;
    final double[][] a;
    final double[] b;
    final double[] bHat;
    private final int order;
    private final int embeddedOrder;
    private final boolean fsal;

    private ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] bHat, int order,
                           int embeddedOrder) {
        this.name = Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(c, "c is null");
        Objects.requireNonNull(a, "a is null");
        Objects.requireNonNull(b, "b is null");
        int s = b.length;
        if (s < 1 || c.length != s || a.length != s || (bHat != null && bHat.length != s)) {
            throw new IllegalArgumentException(name + ": c, a, b (and bHat) need one entry per stage, got c: "
                    + c.length + ", a: " + a.length + ", b: " + s + (bHat == null ? "" : ", bHat: " + bHat.length));
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
        this.bHat = bHat == null ? null : checkFinite(name, "bHat", bHat);
        if (this.c[0] != 0) {
            throw new IllegalArgumentException(name + ": an explicit method has c[0] = 0, got " + c[0]);
        }
        if (order < 1 || (bHat == null ? embeddedOrder != 0 : embeddedOrder < 1 || embeddedOrder == order)) {
            throw new IllegalArgumentException(name + ": order must be >= 1 and the embedded order >= 1 and"
                    + " different from it (0 without bHat), got " + order + " and " + embeddedOrder);
        }
        this.order = order;
        this.embeddedOrder = embeddedOrder;
        this.fsal = s > 1 && this.c[s - 1] == 1 && this.b[s - 1] == 0
                && Arrays.equals(this.a[s - 1], Arrays.copyOf(this.b, s - 1));
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
     * An embedded pair.
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

    /** @return the order of the propagated solution */
    public int order() {
        return order;
    }

    /** @return the order of the embedded solution, 0 when there is none */
    public int embeddedOrder() {
        return embeddedOrder;
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
                && Arrays.equals(c, that.c) && Arrays.deepEquals(a, that.a) && Arrays.equals(b, that.b)
                && Arrays.equals(bHat, that.bHat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, embeddedOrder, Arrays.hashCode(c), Arrays.deepHashCode(a),
                Arrays.hashCode(b), Arrays.hashCode(bHat));
    }

    /** @return e.g. {@code ButcherTableau(rk4, stages=4, order=4)} */
    @Override
    public String toString() {
        return "ButcherTableau(" + name + ", stages=" + stages() + ", order=" + order
                + (bHat == null ? "" : "(" + embeddedOrder + ")") + (fsal ? ", fsal" : "") + ")";
    }
}
