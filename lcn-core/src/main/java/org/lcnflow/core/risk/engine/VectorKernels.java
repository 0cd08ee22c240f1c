package org.lcnflow.core.risk.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The data pass's two kernels for a block of a separable loss and one or many final filters, with explicit SIMD
 * through the JDK's Vector API ({@code jdk.incubator.vector}, an incubator module of JDK 17): lanes of
 * {@link DoubleVector#SPECIES_PREFERRED} (8 doubles where the CPU has AVX-512) and fused multiply-adds (the plain Java
 * loops cannot fuse: each product is rounded before its sum). Every sum has a fixed order, the same for a filter
 * alone and in a batch: a residual is {@code -y} and then one fused multiply-add per tap, the taps by phase
 * ({@code 0, s_v, 2 s_v, ..., 1, 1 + s_v, ...}), an accumulator
 * {@code dL/dv_n} of a lane one fused multiply-add per output row in order. So a block gives the same bits on any
 * thread and in any batch. Only {@link VectorSupport} loads this class, and only when the module is present.
 *
 * <p><b>Panels.</b> The residuals, then their derivatives, of {@code rows} output rows of one filter are one array in
 * which each vector of lanes keeps its rows together: lane {@code i} of row {@code r} is at
 * {@code (i / L) rows L + r L + i mod L} ({@code L} doubles per vector), i.e. the vector of lanes {@code i .. i + L - 1}
 * of row {@code r} starts at {@code i rows + r L}. The correlation reads the rows of a vector of lanes one after the
 * other from one array; from the blocks' row arrays (1 KB apart for 128 lanes) its loads ran at half the speed.
 *
 * <p><b>Taps by phase.</b> The correlation takes the taps of the final filter by phase {@code p = n mod s_v}, up to
 * four of a phase at a time ({@code n0, n0 + s_v, n0 + 2 s_v, n0 + 3 s_v}): output row {@code r} at tap
 * {@code n0 + c s_v} reads input row {@code (r + c) s_v + n0}, so consecutive rows share three of their four input
 * vectors and each row loads one new one (a window of four in registers), where four consecutive taps would load four.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** @return the doubles per vector */
    static int length() {
        return SPECIES.length();
    }

    /**
     * For the {@code count} filters {@code v[from]}, ..., the residuals of the rows {@code j0 <= j < j0 + rows} into the
     * panels {@code z[f - from]} (see the class comment): {@code -y}, then one fused multiply-add per tap by phase; four
     * filters and four vectors of lanes at a time share each input vector they load (the blocks' 64 or 128 lanes are
     * whole multiples of four vectors for every vector length).
     */
    static void residualsBatch(double[][] z, double[][] y, double[][] x, int j0, int rows, int stride, double[][] v,
                               int from, int count, int width, int lanes) {
        final int step = SPECIES.length();
        final int fours = lanes % (4 * step) == 0 ? count / 4 * 4 : 0;
        for (int r = 0; r < rows; r++) {
            final double[] yj = y[j0 + r];
            final int t0 = (j0 + r) * stride;
            for (int f = 0; f < fours; f += 4) {
                residualsFourFilters(z[f], z[f + 1], z[f + 2], z[f + 3], yj, x, t0, v[from + f], v[from + f + 1],
                        v[from + f + 2], v[from + f + 3], stride, width, lanes, r, rows);
            }
        }
        for (int f = fours; f < count; f++) {
            int r = 0;
            for (; r + 3 < rows; r += 4) {
                residualsFourRows(z[f], y, x, j0, r, rows, stride, v[from + f], width, lanes);
            }
            for (; r < rows; r++) {
                residualsOneRow(z[f], y[j0 + r], x, (j0 + r) * stride, r, rows, v[from + f], stride, width, lanes);
            }
        }
    }

    /**
     * One filter's residuals of the rows {@code r .. r + 3} of a panel of {@code rows} (output rows from {@code j0 + r}
     * on), two vectors of lanes at a time: eight independent chains, each tap's broadcast serving all eight, the taps by
     * phase so that each tap loads one new input row (two vectors) of a window of four.
     */
    private static void residualsFourRows(double[] zf, double[][] y, double[][] x, int j0, int r, int rows, int stride,
                                          double[] vf, int width, int lanes) {
        final int step = SPECIES.length();
        final int j = j0 + r;
        for (int row = 0; row < 4; row++) {
            final double[] yj = y[j + row];
            for (int i = 0; i < lanes; i += step) {
                DoubleVector.fromArray(SPECIES, yj, i).neg().intoArray(zf, i * rows + (r + row) * step);
            }
        }
        final int t0 = j * stride;
        final int phases = Math.min(stride, width);
        // phase by phase, the partial sums through the panel: the vectors of a loop are carried by one loop only
        for (int phase = 0; phase < phases; phase++) {
            final int base = t0 + phase;
            for (int i = 0; i < lanes; i += 2 * step) {
                final int k = i + step;
                final int o = i * rows + r * step;
                final int e = k * rows + r * step;
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, zf, o);
                DoubleVector b0 = DoubleVector.fromArray(SPECIES, zf, e);
                DoubleVector a1 = DoubleVector.fromArray(SPECIES, zf, o + step);
                DoubleVector b1 = DoubleVector.fromArray(SPECIES, zf, e + step);
                DoubleVector a2 = DoubleVector.fromArray(SPECIES, zf, o + 2 * step);
                DoubleVector b2 = DoubleVector.fromArray(SPECIES, zf, e + 2 * step);
                DoubleVector a3 = DoubleVector.fromArray(SPECIES, zf, o + 3 * step);
                DoubleVector b3 = DoubleVector.fromArray(SPECIES, zf, e + 3 * step);
                // output row r at tap phase + c s reads input row t0 + (r + c) s + phase: a window of four rows
                DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
                DoubleVector za = DoubleVector.fromArray(SPECIES, x[base], k);
                DoubleVector xb = DoubleVector.fromArray(SPECIES, x[base + stride], i);
                DoubleVector zb = DoubleVector.fromArray(SPECIES, x[base + stride], k);
                DoubleVector xc = DoubleVector.fromArray(SPECIES, x[base + 2 * stride], i);
                DoubleVector zc = DoubleVector.fromArray(SPECIES, x[base + 2 * stride], k);
                for (int n = phase, t = base + 3 * stride; n < width; n += stride, t += stride) {
                    final DoubleVector c = DoubleVector.broadcast(SPECIES, vf[n]);
                    final double[] xt = x[t];
                    final DoubleVector xd = DoubleVector.fromArray(SPECIES, xt, i);
                    final DoubleVector zd = DoubleVector.fromArray(SPECIES, xt, k);
                    a0 = xa.fma(c, a0);
                    b0 = za.fma(c, b0);
                    a1 = xb.fma(c, a1);
                    b1 = zb.fma(c, b1);
                    a2 = xc.fma(c, a2);
                    b2 = zc.fma(c, b2);
                    a3 = xd.fma(c, a3);
                    b3 = zd.fma(c, b3);
                    xa = xb;
                    za = zb;
                    xb = xc;
                    zb = zc;
                    xc = xd;
                    zc = zd;
                }
                a0.intoArray(zf, o);
                b0.intoArray(zf, e);
                a1.intoArray(zf, o + step);
                b1.intoArray(zf, e + step);
                a2.intoArray(zf, o + 2 * step);
                b2.intoArray(zf, e + 2 * step);
                a3.intoArray(zf, o + 3 * step);
                b3.intoArray(zf, e + 3 * step);
            }
        }
    }

    /** One filter's residuals of row {@code r} of a panel of {@code rows}, four vectors of lanes at a time. */
    private static void residualsOneRow(double[] zf, double[] yj, double[][] x, int t0, int r, int rows,
                                        double[] vf, int stride, int width, int lanes) {
        final int step = SPECIES.length();
        for (int i = 0; i < lanes; i += 4 * step) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, yj, i).neg();
            DoubleVector b = DoubleVector.fromArray(SPECIES, yj, i + step).neg();
            DoubleVector c = DoubleVector.fromArray(SPECIES, yj, i + 2 * step).neg();
            DoubleVector d = DoubleVector.fromArray(SPECIES, yj, i + 3 * step).neg();
            for (int m = 0, n = 0, phase = 0; m < width; m++) {
                final DoubleVector t = DoubleVector.broadcast(SPECIES, vf[n]);
                final double[] xt = x[t0 + n];
                a = DoubleVector.fromArray(SPECIES, xt, i).fma(t, a);
                b = DoubleVector.fromArray(SPECIES, xt, i + step).fma(t, b);
                c = DoubleVector.fromArray(SPECIES, xt, i + 2 * step).fma(t, c);
                d = DoubleVector.fromArray(SPECIES, xt, i + 3 * step).fma(t, d);
                n += stride;
                if (n >= width) {
                    n = ++phase;
                }
            }
            final int o = i * rows + r * step;
            a.intoArray(zf, o);
            b.intoArray(zf, o + step * rows);
            c.intoArray(zf, o + 2 * step * rows);
            d.intoArray(zf, o + 3 * step * rows);
        }
    }

    /**
     * {@code sums[i] += phi[i-th lane of row r]} for the rows {@code r < rows} of a panel in order: each lane's loss
     * values added row after row, as a pass adds them.
     */
    static void addRows(double[] sums, double[] phi, int rows, int lanes) {
        final int step = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < lanes; i += step) {
                DoubleVector.fromArray(SPECIES, sums, i).add(DoubleVector.fromArray(SPECIES, phi, i * rows + r * step))
                        .intoArray(sums, i);
            }
        }
    }

    /** Zeroes the lanes {@code valid} and on of the {@code rows} rows of a panel: padding carries no gradient. */
    static void clearPadding(double[] panel, int rows, int valid, int lanes) {
        final int step = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < lanes; i++) {
                if (i >= valid) {
                    panel[(i / step) * rows * step + r * step + i % step] = 0.0;
                }
            }
        }
    }

    /**
     * For {@code count} filters, {@code acc[f][n][i] += g[f][j - j0][i] x[j s + n][i]} for the rows {@code j0 <= j < j0
     * + rows} in order, {@code g[f]} a panel of the filter's residual derivatives: four filters at a time share each
     * input vector and each residual derivative serves up to four taps of a phase; one filter's tiles take two vectors
     * of lanes at once.
     */
    static void accumulateBatch(double[][][] acc, double[][] g, double[][] x, int j0, int rows, int stride,
                                int count, int width, int lanes) {
        final int t0 = j0 * stride;
        int f = 0;
        for (; f + 3 < count; f += 4) {
            fourFilters(acc[f], acc[f + 1], acc[f + 2], acc[f + 3], g[f], g[f + 1], g[f + 2], g[f + 3], x, t0, rows,
                    stride, width, lanes, 0);
        }
        for (; f < count; f++) {
            oneFilter(acc[f], g[f], x, t0, rows, stride, width, lanes, 0);
        }
    }

    /**
     * The curvature's terms of the rows {@code j0 <= j < j0 + rows}: with the weights {@code w = phi''(r)} as a panel,
     * {@code acc[n][q][i] += w[j][i] x[j s + n][i] x[j s + q][i]} for every tap {@code n} and every {@code q >= n}
     * (and a few {@code q < n} of the tiles on the diagonal, which the caller ignores), the rows in order: tap
     * {@code n}'s scaled panel {@code w x_n} is a filter's residual derivatives, four taps' at a time in
     * {@code scaled}.
     */
    static void curvatureTile(double[][][] acc, double[] w, double[][] scaled, double[][] x, int j0, int rows,
                              int stride, int width, int lanes) {
        final int t0 = j0 * stride;
        int n = 0;
        for (; n + 3 < width; n += 4) {
            for (int m = 0; m < 4; m++) {
                scale(scaled[m], w, x, t0 + n + m, rows, stride, lanes);
            }
            fourFilters(acc[n], acc[n + 1], acc[n + 2], acc[n + 3], scaled[0], scaled[1], scaled[2], scaled[3], x, t0,
                    rows, stride, width, lanes, n);
        }
        for (; n < width; n++) {
            scale(scaled[0], w, x, t0 + n, rows, stride, lanes);
            oneFilter(acc[n], scaled[0], x, t0, rows, stride, width, lanes, n);
        }
    }

    /** {@code out = w x}, a panel of {@code rows}: row {@code r} of {@code w} times input row {@code t + r s}. */
    private static void scale(double[] out, double[] w, double[][] x, int t, int rows, int stride, int lanes) {
        final int step = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            final double[] xr = x[t + r * stride];
            for (int i = 0; i < lanes; i += step) {
                final int o = i * rows + r * step;
                DoubleVector.fromArray(SPECIES, w, o).mul(DoubleVector.fromArray(SPECIES, xr, i)).intoArray(out, o);
            }
        }
    }

    /** @return the place {@code c} of the first tap {@code phase + c s >= first} of a phase */
    private static int firstPlace(int phase, int first, int stride) {
        return first > phase ? (first - phase + stride - 1) / stride : 0;
    }

    /** Four filters' taps from {@code first} on, by phase: tiles of four taps, then two, then one. */
    private static void fourFilters(double[][] p, double[][] q, double[][] u, double[][] w, double[] gp, double[] gq,
                                    double[] gu, double[] gw, double[][] x, int t0, int rows, int stride, int width,
                                    int lanes, int first) {
        final int phases = Math.min(stride, width);
        int pair = -1; // the first tap of a phase's last two, waiting for another phase's two
        for (int phase = 0; phase < phases; phase++) {
            final int taps = (width - 1 - phase) / stride + 1;
            int c = firstPlace(phase, first, stride);
            for (; c + 3 < taps; c += 4) {
                fourFiltersFourTaps(p, q, u, w, gp, gq, gu, gw, x, t0, rows, stride, phase + c * stride, lanes);
            }
            if (c + 1 < taps) {
                if (pair < 0) {
                    pair = phase + c * stride;
                } else {
                    fourFiltersTwoPairs(p, q, u, w, gp, gq, gu, gw, x, t0, rows, stride, pair, phase + c * stride,
                            lanes);
                    pair = -1;
                }
                c += 2;
            }
            if (c < taps) {
                fourFiltersOneTap(p, q, u, w, gp, gq, gu, gw, x, t0, rows, stride, phase + c * stride, lanes);
            }
        }
        if (pair >= 0) {
            fourFiltersTwoTaps(p, q, u, w, gp, gq, gu, gw, x, t0, rows, stride, pair, lanes);
        }
    }

    /** One filter's taps from {@code first} on, by phase: tiles of four taps, then two, then one. */
    private static void oneFilter(double[][] a, double[] g, double[][] x, int t0, int rows, int stride, int width,
                                  int lanes, int first) {
        final int phases = Math.min(stride, width);
        int pair = -1;
        for (int phase = 0; phase < phases; phase++) {
            final int taps = (width - 1 - phase) / stride + 1;
            int c = firstPlace(phase, first, stride);
            for (; c + 3 < taps; c += 4) {
                oneFilterFourTaps(a, g, x, t0, rows, stride, phase + c * stride, lanes);
            }
            if (c + 1 < taps) {
                if (pair < 0) {
                    pair = phase + c * stride;
                } else {
                    oneFilterTwoPairs(a, g, x, t0, rows, stride, pair, phase + c * stride, lanes);
                    pair = -1;
                }
                c += 2;
            }
            if (c < taps) {
                oneFilterOneTap(a, g, x, t0, rows, stride, phase + c * stride, lanes);
            }
        }
        if (pair >= 0) {
            oneFilterTwoTaps(a, g, x, t0, rows, stride, pair, lanes);
        }
    }

    // ---- the correlation's tiles: accumulators in registers across the rows, a window of input vectors per phase ----

    private static void fourFiltersFourTaps(double[][] p, double[][] q, double[][] u, double[][] w,
            double[] gp, double[] gq, double[] gu, double[] gw, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int n1 = n0 + stride;
        final int n2 = n0 + 2 * stride;
        final int n3 = n0 + 3 * stride;
        for (int i = 0; i < lanes; i += step) {
            final int o = i * rows;
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p[n0], i);
            DoubleVector p1 = DoubleVector.fromArray(SPECIES, p[n1], i);
            DoubleVector p2 = DoubleVector.fromArray(SPECIES, p[n2], i);
            DoubleVector p3 = DoubleVector.fromArray(SPECIES, p[n3], i);
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, q[n0], i);
            DoubleVector q1 = DoubleVector.fromArray(SPECIES, q[n1], i);
            DoubleVector q2 = DoubleVector.fromArray(SPECIES, q[n2], i);
            DoubleVector q3 = DoubleVector.fromArray(SPECIES, q[n3], i);
            DoubleVector u0 = DoubleVector.fromArray(SPECIES, u[n0], i);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, u[n1], i);
            DoubleVector u2 = DoubleVector.fromArray(SPECIES, u[n2], i);
            DoubleVector u3 = DoubleVector.fromArray(SPECIES, u[n3], i);
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w[n0], i);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w[n1], i);
            DoubleVector w2 = DoubleVector.fromArray(SPECIES, w[n2], i);
            DoubleVector w3 = DoubleVector.fromArray(SPECIES, w[n3], i);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            DoubleVector xb = DoubleVector.fromArray(SPECIES, x[base + stride], i);
            DoubleVector xc = DoubleVector.fromArray(SPECIES, x[base + 2 * stride], i);
            for (int r = 0; r < rows; r++) {
                final DoubleVector xd = DoubleVector.fromArray(SPECIES, x[base + (r + 3) * stride], i);
                final int at = o + r * step;
                final DoubleVector dp = DoubleVector.fromArray(SPECIES, gp, at);
                final DoubleVector dq = DoubleVector.fromArray(SPECIES, gq, at);
                final DoubleVector du = DoubleVector.fromArray(SPECIES, gu, at);
                final DoubleVector dw = DoubleVector.fromArray(SPECIES, gw, at);
                p0 = xa.fma(dp, p0);
                p1 = xb.fma(dp, p1);
                p2 = xc.fma(dp, p2);
                p3 = xd.fma(dp, p3);
                q0 = xa.fma(dq, q0);
                q1 = xb.fma(dq, q1);
                q2 = xc.fma(dq, q2);
                q3 = xd.fma(dq, q3);
                u0 = xa.fma(du, u0);
                u1 = xb.fma(du, u1);
                u2 = xc.fma(du, u2);
                u3 = xd.fma(du, u3);
                w0 = xa.fma(dw, w0);
                w1 = xb.fma(dw, w1);
                w2 = xc.fma(dw, w2);
                w3 = xd.fma(dw, w3);
                xa = xb;
                xb = xc;
                xc = xd;
            }
            p0.intoArray(p[n0], i);
            p1.intoArray(p[n1], i);
            p2.intoArray(p[n2], i);
            p3.intoArray(p[n3], i);
            q0.intoArray(q[n0], i);
            q1.intoArray(q[n1], i);
            q2.intoArray(q[n2], i);
            q3.intoArray(q[n3], i);
            u0.intoArray(u[n0], i);
            u1.intoArray(u[n1], i);
            u2.intoArray(u[n2], i);
            u3.intoArray(u[n3], i);
            w0.intoArray(w[n0], i);
            w1.intoArray(w[n1], i);
            w2.intoArray(w[n2], i);
            w3.intoArray(w[n3], i);
        }
    }

    private static void fourFiltersTwoTaps(double[][] p, double[][] q, double[][] u, double[][] w,
            double[] gp, double[] gq, double[] gu, double[] gw, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int n1 = n0 + stride;
        for (int i = 0; i < lanes; i += step) {
            final int o = i * rows;
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p[n0], i);
            DoubleVector p1 = DoubleVector.fromArray(SPECIES, p[n1], i);
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, q[n0], i);
            DoubleVector q1 = DoubleVector.fromArray(SPECIES, q[n1], i);
            DoubleVector u0 = DoubleVector.fromArray(SPECIES, u[n0], i);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, u[n1], i);
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w[n0], i);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w[n1], i);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            for (int r = 0; r < rows; r++) {
                final DoubleVector xb = DoubleVector.fromArray(SPECIES, x[base + (r + 1) * stride], i);
                final int at = o + r * step;
                final DoubleVector dp = DoubleVector.fromArray(SPECIES, gp, at);
                final DoubleVector dq = DoubleVector.fromArray(SPECIES, gq, at);
                final DoubleVector du = DoubleVector.fromArray(SPECIES, gu, at);
                final DoubleVector dw = DoubleVector.fromArray(SPECIES, gw, at);
                p0 = xa.fma(dp, p0);
                p1 = xb.fma(dp, p1);
                q0 = xa.fma(dq, q0);
                q1 = xb.fma(dq, q1);
                u0 = xa.fma(du, u0);
                u1 = xb.fma(du, u1);
                w0 = xa.fma(dw, w0);
                w1 = xb.fma(dw, w1);
                xa = xb;
            }
            p0.intoArray(p[n0], i);
            p1.intoArray(p[n1], i);
            q0.intoArray(q[n0], i);
            q1.intoArray(q[n1], i);
            u0.intoArray(u[n0], i);
            u1.intoArray(u[n1], i);
            w0.intoArray(w[n0], i);
            w1.intoArray(w[n1], i);
        }
    }

    private static void fourFiltersOneTap(double[][] p, double[][] q, double[][] u, double[][] w,
            double[] gp, double[] gq, double[] gu, double[] gw, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        for (int i = 0; i < lanes; i += step) {
            final int o = i * rows;
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p[n0], i);
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, q[n0], i);
            DoubleVector u0 = DoubleVector.fromArray(SPECIES, u[n0], i);
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w[n0], i);
            for (int r = 0; r < rows; r++) {
                final DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base + r * stride], i);
                final int at = o + r * step;
                final DoubleVector dp = DoubleVector.fromArray(SPECIES, gp, at);
                final DoubleVector dq = DoubleVector.fromArray(SPECIES, gq, at);
                final DoubleVector du = DoubleVector.fromArray(SPECIES, gu, at);
                final DoubleVector dw = DoubleVector.fromArray(SPECIES, gw, at);
                p0 = xa.fma(dp, p0);
                q0 = xa.fma(dq, q0);
                u0 = xa.fma(du, u0);
                w0 = xa.fma(dw, w0);
            }
            p0.intoArray(p[n0], i);
            q0.intoArray(q[n0], i);
            u0.intoArray(u[n0], i);
            w0.intoArray(w[n0], i);
        }
    }

    private static void fourFiltersTwoPairs(double[][] p, double[][] q, double[][] u, double[][] w,
            double[] gp, double[] gq, double[] gu, double[] gw, double[][] x, int t0, int rows, int stride, int n0,
            int m0, int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int other = t0 + m0;
        final int n1 = n0 + stride;
        final int m1 = m0 + stride;
        for (int i = 0; i < lanes; i += step) {
            final int o = i * rows;
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p[n0], i);
            DoubleVector p1 = DoubleVector.fromArray(SPECIES, p[n1], i);
            DoubleVector p2 = DoubleVector.fromArray(SPECIES, p[m0], i);
            DoubleVector p3 = DoubleVector.fromArray(SPECIES, p[m1], i);
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, q[n0], i);
            DoubleVector q1 = DoubleVector.fromArray(SPECIES, q[n1], i);
            DoubleVector q2 = DoubleVector.fromArray(SPECIES, q[m0], i);
            DoubleVector q3 = DoubleVector.fromArray(SPECIES, q[m1], i);
            DoubleVector u0 = DoubleVector.fromArray(SPECIES, u[n0], i);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, u[n1], i);
            DoubleVector u2 = DoubleVector.fromArray(SPECIES, u[m0], i);
            DoubleVector u3 = DoubleVector.fromArray(SPECIES, u[m1], i);
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w[n0], i);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w[n1], i);
            DoubleVector w2 = DoubleVector.fromArray(SPECIES, w[m0], i);
            DoubleVector w3 = DoubleVector.fromArray(SPECIES, w[m1], i);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            DoubleVector ya = DoubleVector.fromArray(SPECIES, x[other], i);
            for (int r = 0; r < rows; r++) {
                final DoubleVector xb = DoubleVector.fromArray(SPECIES, x[base + (r + 1) * stride], i);
                final DoubleVector yb = DoubleVector.fromArray(SPECIES, x[other + (r + 1) * stride], i);
                final int at = o + r * step;
                final DoubleVector dp = DoubleVector.fromArray(SPECIES, gp, at);
                final DoubleVector dq = DoubleVector.fromArray(SPECIES, gq, at);
                final DoubleVector du = DoubleVector.fromArray(SPECIES, gu, at);
                final DoubleVector dw = DoubleVector.fromArray(SPECIES, gw, at);
                p0 = xa.fma(dp, p0);
                p1 = xb.fma(dp, p1);
                p2 = ya.fma(dp, p2);
                p3 = yb.fma(dp, p3);
                q0 = xa.fma(dq, q0);
                q1 = xb.fma(dq, q1);
                q2 = ya.fma(dq, q2);
                q3 = yb.fma(dq, q3);
                u0 = xa.fma(du, u0);
                u1 = xb.fma(du, u1);
                u2 = ya.fma(du, u2);
                u3 = yb.fma(du, u3);
                w0 = xa.fma(dw, w0);
                w1 = xb.fma(dw, w1);
                w2 = ya.fma(dw, w2);
                w3 = yb.fma(dw, w3);
                xa = xb;
                ya = yb;
            }
            p0.intoArray(p[n0], i);
            p1.intoArray(p[n1], i);
            p2.intoArray(p[m0], i);
            p3.intoArray(p[m1], i);
            q0.intoArray(q[n0], i);
            q1.intoArray(q[n1], i);
            q2.intoArray(q[m0], i);
            q3.intoArray(q[m1], i);
            u0.intoArray(u[n0], i);
            u1.intoArray(u[n1], i);
            u2.intoArray(u[m0], i);
            u3.intoArray(u[m1], i);
            w0.intoArray(w[n0], i);
            w1.intoArray(w[n1], i);
            w2.intoArray(w[m0], i);
            w3.intoArray(w[m1], i);
        }
    }

    private static void oneFilterFourTaps(double[][] a, double[] g, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int n1 = n0 + stride;
        final int n2 = n0 + 2 * stride;
        final int n3 = n0 + 3 * stride;
        for (int i = 0; i < lanes; i += 2 * step) {
            final int j = i + step;
            final int o = i * rows;
            final int e = j * rows;
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a[n0], i);
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, a[n0], j);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a[n1], i);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, a[n1], j);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, a[n2], i);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, a[n2], j);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, a[n3], i);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, a[n3], j);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            DoubleVector ya = DoubleVector.fromArray(SPECIES, x[base], j);
            DoubleVector xb = DoubleVector.fromArray(SPECIES, x[base + stride], i);
            DoubleVector yb = DoubleVector.fromArray(SPECIES, x[base + stride], j);
            DoubleVector xc = DoubleVector.fromArray(SPECIES, x[base + 2 * stride], i);
            DoubleVector yc = DoubleVector.fromArray(SPECIES, x[base + 2 * stride], j);
            for (int r = 0; r < rows; r++) {
                final double[] xr = x[base + (r + 3) * stride];
                final DoubleVector xd = DoubleVector.fromArray(SPECIES, xr, i);
                final DoubleVector yd = DoubleVector.fromArray(SPECIES, xr, j);
                final DoubleVector d = DoubleVector.fromArray(SPECIES, g, o + r * step);
                final DoubleVector c = DoubleVector.fromArray(SPECIES, g, e + r * step);
                a0 = xa.fma(d, a0);
                a1 = xb.fma(d, a1);
                a2 = xc.fma(d, a2);
                a3 = xd.fma(d, a3);
                b0 = ya.fma(c, b0);
                b1 = yb.fma(c, b1);
                b2 = yc.fma(c, b2);
                b3 = yd.fma(c, b3);
                xa = xb;
                ya = yb;
                xb = xc;
                yb = yc;
                xc = xd;
                yc = yd;
            }
            a0.intoArray(a[n0], i);
            a1.intoArray(a[n1], i);
            a2.intoArray(a[n2], i);
            a3.intoArray(a[n3], i);
            b0.intoArray(a[n0], j);
            b1.intoArray(a[n1], j);
            b2.intoArray(a[n2], j);
            b3.intoArray(a[n3], j);
        }
    }

    private static void oneFilterTwoTaps(double[][] a, double[] g, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int n1 = n0 + stride;
        for (int i = 0; i < lanes; i += 2 * step) {
            final int j = i + step;
            final int o = i * rows;
            final int e = j * rows;
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a[n0], i);
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, a[n0], j);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a[n1], i);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, a[n1], j);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            DoubleVector ya = DoubleVector.fromArray(SPECIES, x[base], j);
            for (int r = 0; r < rows; r++) {
                final double[] xr = x[base + (r + 1) * stride];
                final DoubleVector xb = DoubleVector.fromArray(SPECIES, xr, i);
                final DoubleVector yb = DoubleVector.fromArray(SPECIES, xr, j);
                final DoubleVector d = DoubleVector.fromArray(SPECIES, g, o + r * step);
                final DoubleVector c = DoubleVector.fromArray(SPECIES, g, e + r * step);
                a0 = xa.fma(d, a0);
                a1 = xb.fma(d, a1);
                b0 = ya.fma(c, b0);
                b1 = yb.fma(c, b1);
                xa = xb;
                ya = yb;
            }
            a0.intoArray(a[n0], i);
            a1.intoArray(a[n1], i);
            b0.intoArray(a[n0], j);
            b1.intoArray(a[n1], j);
        }
    }

    private static void oneFilterOneTap(double[][] a, double[] g, double[][] x, int t0, int rows, int stride, int n0,
            int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        for (int i = 0; i < lanes; i += 2 * step) {
            final int j = i + step;
            final int o = i * rows;
            final int e = j * rows;
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a[n0], i);
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, a[n0], j);
            for (int r = 0; r < rows; r++) {
                final double[] xr = x[base + r * stride];
                final DoubleVector xa = DoubleVector.fromArray(SPECIES, xr, i);
                final DoubleVector ya = DoubleVector.fromArray(SPECIES, xr, j);
                final DoubleVector d = DoubleVector.fromArray(SPECIES, g, o + r * step);
                final DoubleVector c = DoubleVector.fromArray(SPECIES, g, e + r * step);
                a0 = xa.fma(d, a0);
                b0 = ya.fma(c, b0);
            }
            a0.intoArray(a[n0], i);
            b0.intoArray(a[n0], j);
        }
    }

    private static void oneFilterTwoPairs(double[][] a, double[] g, double[][] x, int t0, int rows, int stride,
            int n0, int m0, int lanes) {
        final int step = SPECIES.length();
        final int base = t0 + n0;
        final int other = t0 + m0;
        final int n1 = n0 + stride;
        final int m1 = m0 + stride;
        for (int i = 0; i < lanes; i += 2 * step) {
            final int j = i + step;
            final int o = i * rows;
            final int e = j * rows;
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a[n0], i);
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, a[n0], j);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a[n1], i);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, a[n1], j);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, a[m0], i);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, a[m0], j);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, a[m1], i);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, a[m1], j);
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x[base], i);
            DoubleVector za = DoubleVector.fromArray(SPECIES, x[base], j);
            DoubleVector ya = DoubleVector.fromArray(SPECIES, x[other], i);
            DoubleVector wa = DoubleVector.fromArray(SPECIES, x[other], j);
            for (int r = 0; r < rows; r++) {
                final double[] xr = x[base + (r + 1) * stride];
                final double[] yr = x[other + (r + 1) * stride];
                final DoubleVector xb = DoubleVector.fromArray(SPECIES, xr, i);
                final DoubleVector zb = DoubleVector.fromArray(SPECIES, xr, j);
                final DoubleVector yb = DoubleVector.fromArray(SPECIES, yr, i);
                final DoubleVector wb = DoubleVector.fromArray(SPECIES, yr, j);
                final DoubleVector d = DoubleVector.fromArray(SPECIES, g, o + r * step);
                final DoubleVector c = DoubleVector.fromArray(SPECIES, g, e + r * step);
                a0 = xa.fma(d, a0);
                a1 = xb.fma(d, a1);
                a2 = ya.fma(d, a2);
                a3 = yb.fma(d, a3);
                b0 = za.fma(c, b0);
                b1 = zb.fma(c, b1);
                b2 = wa.fma(c, b2);
                b3 = wb.fma(c, b3);
                xa = xb;
                za = zb;
                ya = yb;
                wa = wb;
            }
            a0.intoArray(a[n0], i);
            a1.intoArray(a[n1], i);
            a2.intoArray(a[m0], i);
            a3.intoArray(a[m1], i);
            b0.intoArray(a[n0], j);
            b1.intoArray(a[n1], j);
            b2.intoArray(a[m0], j);
            b3.intoArray(a[m1], j);
        }
    }

    /**
     * Row {@code r} of {@code rows} of four filters' residual panels, four vectors of lanes at a time: sixteen chains,
     * each input vector loaded serves the four filters and each broadcast tap four vectors of lanes.
     */
    private static void residualsFourFilters(double[] zp, double[] zq, double[] zu, double[] zw, double[] yj,
                                             double[][] x, int t0, double[] vp, double[] vq, double[] vu, double[] vw,
                                             int stride, int width, int lanes, int r, int rows) {
        final int step = SPECIES.length();
        for (int i0 = 0; i0 < lanes; i0 += 4 * step) {
            final int i1 = i0 + step;
            final int i2 = i1 + step;
            final int i3 = i2 + step;
            final int o0 = i0 * rows + r * step;
            final int o1 = i1 * rows + r * step;
            final int o2 = i2 * rows + r * step;
            final int o3 = i3 * rows + r * step;
            final DoubleVector y0 = DoubleVector.fromArray(SPECIES, yj, i0).neg();
            final DoubleVector y1 = DoubleVector.fromArray(SPECIES, yj, i1).neg();
            final DoubleVector y2 = DoubleVector.fromArray(SPECIES, yj, i2).neg();
            final DoubleVector y3 = DoubleVector.fromArray(SPECIES, yj, i3).neg();
            DoubleVector p0 = y0;
            DoubleVector p1 = y1;
            DoubleVector p2 = y2;
            DoubleVector p3 = y3;
            DoubleVector q0 = y0;
            DoubleVector q1 = y1;
            DoubleVector q2 = y2;
            DoubleVector q3 = y3;
            DoubleVector u0 = y0;
            DoubleVector u1 = y1;
            DoubleVector u2 = y2;
            DoubleVector u3 = y3;
            DoubleVector w0 = y0;
            DoubleVector w1 = y1;
            DoubleVector w2 = y2;
            DoubleVector w3 = y3;
            for (int m = 0, n = 0, phase = 0; m < width; m++) {
                final double[] xt = x[t0 + n];
                final DoubleVector x0 = DoubleVector.fromArray(SPECIES, xt, i0);
                final DoubleVector x1 = DoubleVector.fromArray(SPECIES, xt, i1);
                final DoubleVector x2 = DoubleVector.fromArray(SPECIES, xt, i2);
                final DoubleVector x3 = DoubleVector.fromArray(SPECIES, xt, i3);
                final DoubleVector cp = DoubleVector.broadcast(SPECIES, vp[n]);
                final DoubleVector cq = DoubleVector.broadcast(SPECIES, vq[n]);
                final DoubleVector cu = DoubleVector.broadcast(SPECIES, vu[n]);
                final DoubleVector cw = DoubleVector.broadcast(SPECIES, vw[n]);
                p0 = x0.fma(cp, p0);
                p1 = x1.fma(cp, p1);
                p2 = x2.fma(cp, p2);
                p3 = x3.fma(cp, p3);
                q0 = x0.fma(cq, q0);
                q1 = x1.fma(cq, q1);
                q2 = x2.fma(cq, q2);
                q3 = x3.fma(cq, q3);
                u0 = x0.fma(cu, u0);
                u1 = x1.fma(cu, u1);
                u2 = x2.fma(cu, u2);
                u3 = x3.fma(cu, u3);
                w0 = x0.fma(cw, w0);
                w1 = x1.fma(cw, w1);
                w2 = x2.fma(cw, w2);
                w3 = x3.fma(cw, w3);
                n += stride;
                if (n >= width) {
                    n = ++phase;
                }
            }
            p0.intoArray(zp, o0);
            p1.intoArray(zp, o1);
            p2.intoArray(zp, o2);
            p3.intoArray(zp, o3);
            q0.intoArray(zq, o0);
            q1.intoArray(zq, o1);
            q2.intoArray(zq, o2);
            q3.intoArray(zq, o3);
            u0.intoArray(zu, o0);
            u1.intoArray(zu, o1);
            u2.intoArray(zu, o2);
            u3.intoArray(zu, o3);
            w0.intoArray(zw, o0);
            w1.intoArray(zw, o1);
            w2.intoArray(zw, o2);
            w3.intoArray(zw, o3);
        }
    }
}
