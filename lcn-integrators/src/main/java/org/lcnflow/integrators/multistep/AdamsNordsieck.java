package org.lcnflow.integrators.multistep;

/**
 * The Nordsieck form of the {@code s}-step Adams methods (Nordsieck 1962; Hairer, Norsett and Wanner,
 * Solving Ordinary Differential Equations I, 2nd ed., III.6 "Nordsieck methods" and III.7): the algebra
 * {@link AdamsFlowIntegrator} runs, as static functions on the vector
 * {@code z = (y, h y', h^2/2 y'', ..., h^s/s! y^(s))} stored as {@code s + 1} rows of length {@code n}.
 *
 * <p>The vector holds the polynomial {@code p(t_n + x h) = sum_j z_j x^j} of degree {@code s} with
 * {@code p(t_n) = y_n} whose derivative interpolates the {@code s} slopes {@code f_n, ..., f_{n-s+1}}.
 * A step of size {@code h}:
 * <ol>
 *   <li><em>prediction</em> {@code z^P = P z}, {@code P} the upper triangular Pascal matrix
 *       ({@code P_ij = C(j, i)}): the Taylor polynomial moved to {@code t_n + h} ({@link #predict});
 *       {@code z^P_0} is the Adams-Bashforth value (order {@code s});</li>
 *   <li>with {@code e = h f(t_{n+1}, y_{n+1}) - z^P_1}, the new vector is {@code z^P + e l}, where
 *       {@code l(x) = sum_j l_j x^j} has {@code l'(x) = prod_{i=1..s-1} (1 + x / i)}: {@code l'(0) = 1}
 *       makes the new slope at {@code t_{n+1}} exact, and {@code l'(-i) = 0} keeps the slopes at
 *       {@code t_n, ..., t_{n-s+2}} ({@code f_{n-s+1}} drops out) ({@link #updateCoefficients});</li>
 *   <li>{@code l_0 = 0} for Adams-Bashforth; the Adams-Moulton corrector (order {@code s + 1}, slopes
 *       {@code f_{n+1}, ..., f_{n-s+1}}) adds {@code beta e} to {@code y} with
 *       {@code beta = int_{-1}^0 prod_{i=1..s} (1 + x / i) dx}, its coefficient of {@code f_{n+1}}
 *       ({@code 1/2, 5/12, 3/8, 251/720, ...}; {@link #correctorCoefficient}). {@code beta e} is also the
 *       difference between the Adams-Moulton and Adams-Bashforth values, whence the error estimate.</li>
 * </ol>
 * A change of step from {@code h} to {@code r h} multiplies {@code z_j} by {@code r^j} ({@link #rescale}):
 * the polynomial stays the same, so the method is the fixed-coefficient Nordsieck method whose past slopes
 * are those of the interpolating polynomial (Hairer et al. III.6).
 */
final class AdamsNordsieck {

    private AdamsNordsieck() {
    }

    /**
     * @param s the number of steps, {@code >= 1}
     * @return {@code l_0 .. l_s} of the Adams-Bashforth update: {@code l_0 = 0}, {@code l_1 = 1} and
     *         {@code l_j = c_{j-1} / j} with {@code c} the coefficients of {@code prod_{i=1..s-1} (1 + x/i)}
     */
    static double[] updateCoefficients(int s) {
        double[] c = product(s - 1);
        double[] l = new double[s + 1];
        for (int j = 1; j <= s; j++) {
            l[j] = c[j - 1] / j;
        }
        return l;
    }

    /**
     * @param s the number of steps, {@code >= 1}
     * @return {@code beta = int_{-1}^0 prod_{i=1..s} (1 + x / i) dx}, the weight of {@code h f_{n+1}} in the
     *         {@code s}-step Adams-Moulton formula
     */
    static double correctorCoefficient(int s) {
        double[] d = product(s);
        // int_{-1}^0 x^k dx = -(-1)^(k+1) / (k+1) = (-1)^k / (k+1); summed from the small high-order terms
        double beta = 0;
        for (int k = s; k >= 0; k--) {
            beta += (k % 2 == 0 ? d[k] : -d[k]) / (k + 1);
        }
        return beta;
    }

    /** @return the coefficients (constant first) of {@code prod_{i=1..m} (1 + x / i)} */
    private static double[] product(int m) {
        double[] c = new double[m + 1];
        c[0] = 1;
        for (int i = 1; i <= m; i++) {
            for (int k = i; k >= 1; k--) {
                c[k] += c[k - 1] / i;
            }
        }
        return c;
    }

    /**
     * Writes {@code P z} into {@code to}: {@code to_i = sum_{j >= i} C(j, i) z_j}, by the repeated sums of
     * Pascal's triangle ({@code s (s + 1) / 2} vector additions, no multiplication).
     *
     * @param z  the vector, {@code s + 1} rows; not modified
     * @param to receives the prediction, same shape; may not share rows with {@code z}
     */
    static void predict(double[][] z, double[][] to) {
        final int s = z.length - 1;
        for (int i = 0; i <= s; i++) {
            System.arraycopy(z[i], 0, to[i], 0, z[i].length);
        }
        for (int k = 0; k < s; k++) {
            for (int j = s - 1; j >= k; j--) {
                final double[] row = to[j];
                final double[] next = to[j + 1];
                for (int c = 0; c < row.length; c++) {
                    row[c] += next[c];
                }
            }
        }
    }

    /**
     * Completes a step on the predicted vector: {@code z_1} becomes the new slope and {@code z_j += l_j e}
     * for {@code j >= 2}, {@code e = slope - z_1} (predicted); row 0, the new point, is not touched.
     *
     * @param z     the predicted vector, modified in place into the new one
     * @param slope {@code h w'} at the new point
     * @param l     the update coefficients, {@link #updateCoefficients}
     */
    static void update(double[][] z, double[] slope, double[] l) {
        final double[] scaled = z[1];
        for (int c = 0; c < scaled.length; c++) {
            final double e = slope[c] - scaled[c];
            scaled[c] = slope[c];
            for (int j = 2; j < z.length; j++) {
                z[j][c] += l[j] * e;
            }
        }
    }

    /**
     * Changes the step of the vector from {@code h} to {@code ratio h}: {@code z_j *= ratio^j}.
     *
     * @param z     the vector, modified in place
     * @param ratio the new step over the old
     */
    static void rescale(double[][] z, double ratio) {
        double power = 1;
        for (int j = 1; j < z.length; j++) {
            power *= ratio;
            final double[] row = z[j];
            for (int c = 0; c < row.length; c++) {
                row[c] *= power;
            }
        }
    }

    /**
     * The starting vector at the last of {@code s} points: the rows {@code z_2 .. z_s} (for step {@code h})
     * of the polynomial of degree {@code s} whose slope is {@code slopes[i]} at {@code times[i]},
     * {@code i = 0 .. s-1}, given {@code z_0} and {@code z_1 = h slopes[s-1]} (Hairer et al. III.6: the
     * Nordsieck vector is a linear map of the past slopes). Solves
     * {@code sum_{j=2..s} j x_i^(j-1) z_j = h (slopes[i] - slopes[s-1])}, {@code x_i = (t_i - t_{s-1}) / h},
     * for every component by Gaussian elimination with partial pivoting; the matrix is invertible for
     * distinct times (a Vandermonde matrix times diagonals).
     *
     * @param times  {@code s} increasing times
     * @param slopes {@code s} slopes {@code y'(t_i)}, each of length {@code n}
     * @param h      the step the vector is scaled to
     * @param z      receives rows {@code 2 .. s}; rows 0 and 1 are not touched
     */
    static void fit(double[] times, double[][] slopes, double h, double[][] z) {
        final int s = times.length;
        final int m = s - 1;
        if (m < 1) {
            return;
        }
        final double tLast = times[m];
        final double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            double x = (times[i] - tLast) / h;
            double power = 1;
            for (int j = 2; j <= s; j++) {
                power *= x;
                a[i][j - 2] = j * power;
            }
        }
        final int[] pivot = new int[m];
        factor(a, pivot);
        final double[] rhs = new double[m];
        final double[] last = slopes[m];
        for (int c = 0; c < last.length; c++) {
            for (int i = 0; i < m; i++) {
                rhs[i] = h * (slopes[i][c] - last[c]);
            }
            solve(a, pivot, rhs);
            for (int j = 2; j <= s; j++) {
                z[j][c] = rhs[j - 2];
            }
        }
    }

    /** LU factorization with partial pivoting in place; {@code pivot[k]} is the row swapped with row k. */
    private static void factor(double[][] a, int[] pivot) {
        final int m = a.length;
        for (int k = 0; k < m; k++) {
            int p = k;
            for (int i = k + 1; i < m; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            if (a[p][k] == 0) {
                throw new IllegalArgumentException("the starting times are not distinct");
            }
            pivot[k] = p;
            double[] swap = a[k];
            a[k] = a[p];
            a[p] = swap;
            for (int i = k + 1; i < m; i++) {
                double factor = a[i][k] / a[k][k];
                a[i][k] = factor;
                for (int j = k + 1; j < m; j++) {
                    a[i][j] -= factor * a[k][j];
                }
            }
        }
    }

    /** Solves {@code A x = b} with the factors of {@link #factor}, {@code b} replaced by {@code x}. */
    private static void solve(double[][] lu, int[] pivot, double[] b) {
        final int m = lu.length;
        // the rows were swapped whole (multipliers included): all interchanges first, as LAPACK's getrs
        for (int k = 0; k < m; k++) {
            double swap = b[k];
            b[k] = b[pivot[k]];
            b[pivot[k]] = swap;
        }
        for (int k = 0; k < m; k++) {
            for (int i = k + 1; i < m; i++) {
                b[i] -= lu[i][k] * b[k];
            }
        }
        for (int k = m - 1; k >= 0; k--) {
            double sum = b[k];
            for (int j = k + 1; j < m; j++) {
                sum -= lu[k][j] * b[j];
            }
            b[k] = sum / lu[k][k];
        }
    }
}
