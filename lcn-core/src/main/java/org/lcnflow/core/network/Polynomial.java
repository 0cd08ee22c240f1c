package org.lcnflow.core.network;

import java.util.Arrays;
import java.util.Objects;

/**
 * A real polynomial {@code c_0 + c_1 x + ... + c_n x^n}, coefficients constant term first, the order
 * in which the paper writes filters as polynomials (eq. (2.1)). Immutable; arrays are copied in and out.
 * Trailing zero coefficients are kept: the length is part of the value (a filter of width {@code k} is a
 * polynomial with {@code k} coefficients even when its last one is zero).
 */
public final class Polynomial {

    private final double[] coefficients;

    private Polynomial(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * @param coefficients {@code c_0, ..., c_n}, at least one
     * @return the polynomial
     */
    public static Polynomial of(double... coefficients) {
        Objects.requireNonNull(coefficients, "coefficients is null");
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a polynomial needs at least one coefficient");
        }
        return new Polynomial(coefficients.clone());
    }

    /**
     * The polynomial of a filter spread out by a power: {@code sum_j filter[j] x^(j * spacing)}, the
     * paper's layer polynomial {@code p~_i} (eq. (2.1)) with {@code spacing = prod_{n<i} s_n}.
     *
     * @param filter  the filter {@code w^(i)}
     * @param spacing the exponent step, at least 1
     * @return the polynomial with {@code (k - 1) spacing + 1} coefficients
     */
    public static Polynomial spaced(double[] filter, int spacing) {
        Objects.requireNonNull(filter, "filter is null");
        if (filter.length == 0) {
            throw new IllegalArgumentException("a filter needs at least one coefficient");
        }
        if (spacing < 1) {
            throw new IllegalArgumentException("spacing must be >= 1, got " + spacing);
        }
        double[] c = new double[(filter.length - 1) * spacing + 1];
        for (int j = 0; j < filter.length; j++) {
            c[j * spacing] = filter[j];
        }
        return new Polynomial(c);
    }

    /** @return the coefficients, constant term first, a fresh array */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return the number of coefficients (formal degree + 1) */
    public int length() {
        return coefficients.length;
    }

    /**
     * @param power an exponent
     * @return the coefficient of {@code x^power}, 0 beyond the length
     */
    public double coefficient(int power) {
        return power >= 0 && power < coefficients.length ? coefficients[power] : 0.0;
    }

    /**
     * @param other another polynomial
     * @return the product, with {@code length() + other.length() - 1} coefficients (the convolution of
     *         the coefficient vectors)
     */
    public Polynomial multiply(Polynomial other) {
        double[] a = coefficients;
        double[] b = other.coefficients;
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            double ai = a[i];
            for (int j = 0; j < b.length; j++) {
                c[i + j] += ai * b[j];
            }
        }
        return new Polynomial(c);
    }

    /**
     * @param x a point
     * @return the value at {@code x} by Horner's rule
     */
    public double evaluate(double x) {
        double value = 0.0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            value = value * x + coefficients[i];
        }
        return value;
    }

    /** @return the sum of absolute coefficients, the polynomial 1-norm of Lemma 2.2 */
    public double l1Norm() {
        double sum = 0.0;
        for (double c : coefficients) {
            sum += Math.abs(c);
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Polynomial && Arrays.equals(coefficients, ((Polynomial) other).coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Polynomial" + Arrays.toString(coefficients);
    }
}
