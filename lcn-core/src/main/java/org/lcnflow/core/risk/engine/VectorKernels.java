package org.lcnflow.core.risk.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The data pass's two kernels for a block of a separable loss, with explicit SIMD through the JDK's Vector API
 * ({@code jdk.incubator.vector}, an incubator module of JDK 17): lanes of {@link DoubleVector#SPECIES_PREFERRED}
 * (8 doubles where the CPU has AVX-512), fused multiply-adds (the plain Java loops cannot fuse: each product is
 * rounded before its sum, which halves their arithmetic), four output rows at a time so that each filter tap's
 * broadcast serves four rows and each residual derivative stays in a register across the taps. Every sum has a fixed
 * order (taps in order, rows in order), so a block gives the same bits on any thread. Only {@link VectorSupport}
 * loads this class, and only when the module is present.
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
     * {@code z[j][i] = sum_n v_n x[j s + n][i] - y[j][i]} for the rows {@code j0 <= j < j0 + rows}, taps in order, each
     * as one fused multiply-add onto {@code -y}.
     */
    static void residuals(double[][] z, double[][] y, double[][] x, int j0, int rows, int stride, double[] v,
                          int width, int lanes) {
        final int step = SPECIES.length();
        if (rows == 4 && lanes % (2 * step) == 0) {
            final double[] z0 = z[j0];
            final double[] z1 = z[j0 + 1];
            final double[] z2 = z[j0 + 2];
            final double[] z3 = z[j0 + 3];
            final double[] y0 = y[j0];
            final double[] y1 = y[j0 + 1];
            final double[] y2 = y[j0 + 2];
            final double[] y3 = y[j0 + 3];
            final int t0 = j0 * stride;
            // two vectors of lanes at once: eight independent chains of fused multiply-adds keep both FMA pipes busy
            for (int i = 0; i < lanes; i += 2 * step) {
                final int k = i + step;
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, y0, i).neg();
                DoubleVector b0 = DoubleVector.fromArray(SPECIES, y0, k).neg();
                DoubleVector a1 = DoubleVector.fromArray(SPECIES, y1, i).neg();
                DoubleVector b1 = DoubleVector.fromArray(SPECIES, y1, k).neg();
                DoubleVector a2 = DoubleVector.fromArray(SPECIES, y2, i).neg();
                DoubleVector b2 = DoubleVector.fromArray(SPECIES, y2, k).neg();
                DoubleVector a3 = DoubleVector.fromArray(SPECIES, y3, i).neg();
                DoubleVector b3 = DoubleVector.fromArray(SPECIES, y3, k).neg();
                for (int n = 0; n < width; n++) {
                    final DoubleVector vn = DoubleVector.broadcast(SPECIES, v[n]);
                    final int t = t0 + n;
                    final double[] x0 = x[t];
                    final double[] x1 = x[t + stride];
                    final double[] x2 = x[t + 2 * stride];
                    final double[] x3 = x[t + 3 * stride];
                    a0 = DoubleVector.fromArray(SPECIES, x0, i).fma(vn, a0);
                    b0 = DoubleVector.fromArray(SPECIES, x0, k).fma(vn, b0);
                    a1 = DoubleVector.fromArray(SPECIES, x1, i).fma(vn, a1);
                    b1 = DoubleVector.fromArray(SPECIES, x1, k).fma(vn, b1);
                    a2 = DoubleVector.fromArray(SPECIES, x2, i).fma(vn, a2);
                    b2 = DoubleVector.fromArray(SPECIES, x2, k).fma(vn, b2);
                    a3 = DoubleVector.fromArray(SPECIES, x3, i).fma(vn, a3);
                    b3 = DoubleVector.fromArray(SPECIES, x3, k).fma(vn, b3);
                }
                a0.intoArray(z0, i);
                b0.intoArray(z0, k);
                a1.intoArray(z1, i);
                b1.intoArray(z1, k);
                a2.intoArray(z2, i);
                b2.intoArray(z2, k);
                a3.intoArray(z3, i);
                b3.intoArray(z3, k);
            }
            return;
        }
        for (int j = j0; j < j0 + rows; j++) {
            final double[] zj = z[j];
            final double[] yj = y[j];
            final int t0 = j * stride;
            for (int i = 0; i < lanes; i += step) {
                DoubleVector a = DoubleVector.fromArray(SPECIES, yj, i).neg();
                for (int n = 0; n < width; n++) {
                    a = DoubleVector.fromArray(SPECIES, x[t0 + n], i).fma(DoubleVector.broadcast(SPECIES, v[n]), a);
                }
                a.intoArray(zj, i);
            }
        }
    }

    /** {@code acc[n][i] += g[j][i] x[j s + n][i]} for the rows {@code j0 <= j < j0 + rows} in order, every tap. */
    static void accumulate(double[][] acc, double[][] g, double[][] x, int j0, int rows, int stride, int width,
                           int lanes) {
        if (rows == 4 && lanes % (2 * SPECIES.length()) == 0) {
            accumulateFour(acc, g[j0], g[j0 + 1], g[j0 + 2], g[j0 + 3], x, j0 * stride, stride, width, lanes);
            return;
        }
        for (int r = 0; r < rows; r++) {
            accumulateRow(acc, g[j0 + r], x, (j0 + r) * stride, width, lanes);
        }
    }

    /**
     * Four rows (inputs from row {@code t0} on, {@code stride} apart) into every tap's accumulators, two vectors of lanes
     * at a time: per tap and lane the chain {@code acc + g0 x0 + g1 x1 + g2 x2 + g3 x3}, each term a fused multiply-add.
     */
    private static void accumulateFour(double[][] acc, double[] g0, double[] g1, double[] g2, double[] g3,
                                       double[][] x, int t0, int stride, int width, int lanes) {
        final int step = SPECIES.length();
        for (int i = 0; i < lanes; i += 2 * step) {
            final int k = i + step;
            final DoubleVector d0 = DoubleVector.fromArray(SPECIES, g0, i);
            final DoubleVector e0 = DoubleVector.fromArray(SPECIES, g0, k);
            final DoubleVector d1 = DoubleVector.fromArray(SPECIES, g1, i);
            final DoubleVector e1 = DoubleVector.fromArray(SPECIES, g1, k);
            final DoubleVector d2 = DoubleVector.fromArray(SPECIES, g2, i);
            final DoubleVector e2 = DoubleVector.fromArray(SPECIES, g2, k);
            final DoubleVector d3 = DoubleVector.fromArray(SPECIES, g3, i);
            final DoubleVector e3 = DoubleVector.fromArray(SPECIES, g3, k);
            for (int n = 0; n < width; n++) {
                final double[] an = acc[n];
                final int t = t0 + n;
                final double[] x0 = x[t];
                final double[] x1 = x[t + stride];
                final double[] x2 = x[t + 2 * stride];
                final double[] x3 = x[t + 3 * stride];
                DoubleVector a = DoubleVector.fromArray(SPECIES, an, i);
                DoubleVector b = DoubleVector.fromArray(SPECIES, an, k);
                a = DoubleVector.fromArray(SPECIES, x0, i).fma(d0, a);
                b = DoubleVector.fromArray(SPECIES, x0, k).fma(e0, b);
                a = DoubleVector.fromArray(SPECIES, x1, i).fma(d1, a);
                b = DoubleVector.fromArray(SPECIES, x1, k).fma(e1, b);
                a = DoubleVector.fromArray(SPECIES, x2, i).fma(d2, a);
                b = DoubleVector.fromArray(SPECIES, x2, k).fma(e2, b);
                a = DoubleVector.fromArray(SPECIES, x3, i).fma(d3, a);
                b = DoubleVector.fromArray(SPECIES, x3, k).fma(e3, b);
                a.intoArray(an, i);
                b.intoArray(an, k);
            }
        }
    }

    /** One row (inputs from row {@code t0} on) into every tap's accumulators: one fused multiply-add per tap and lane. */
    private static void accumulateRow(double[][] acc, double[] gj, double[][] x, int t0, int width, int lanes) {
        final int step = SPECIES.length();
        for (int i = 0; i < lanes; i += step) {
            final DoubleVector d = DoubleVector.fromArray(SPECIES, gj, i);
            for (int n = 0; n < width; n++) {
                final double[] an = acc[n];
                DoubleVector.fromArray(SPECIES, x[t0 + n], i).fma(d, DoubleVector.fromArray(SPECIES, an, i))
                        .intoArray(an, i);
            }
        }
    }

    // ---- many filters in one pass: the same chains as above for every filter, the inputs loaded once for several ----

    /**
     * For the {@code count} filters {@code v[from]}, ..., the residuals of the rows {@code j0 <= j < j0 + rows} into
     * {@code z[f - from][j - j0]}:
     * for every filter exactly the chains of {@link #residuals} ({@code -y}, then one fused multiply-add per tap in
     * order), so each filter's residuals are the bits {@link #residuals} gives it alone; four filters and four vectors
     * of lanes at a time share each input vector they load (the blocks' 64 or 128 lanes are whole multiples of four
     * vectors for every vector length).
     */
    static void residualsBatch(double[][][] z, double[][] y, double[][] x, int j0, int rows, int stride, double[][] v,
                               int from, int count, int width, int lanes) {
        final int step = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            final double[] yj = y[j0 + r];
            final int t0 = (j0 + r) * stride;
            int f = 0;
            for (; f + 3 < count && lanes % (4 * step) == 0; f += 4) {
                residualsFourFilters(z[f][r], z[f + 1][r], z[f + 2][r], z[f + 3][r], yj, x, t0, v[from + f],
                        v[from + f + 1], v[from + f + 2], v[from + f + 3], width, lanes);
            }
            for (; f < count; f++) {
                final double[] vf = v[from + f];
                final double[] zf = z[f][r];
                for (int i = 0; i < lanes; i += step) {
                    DoubleVector a = DoubleVector.fromArray(SPECIES, yj, i).neg();
                    for (int n = 0; n < width; n++) {
                        a = DoubleVector.fromArray(SPECIES, x[t0 + n], i).fma(DoubleVector.broadcast(SPECIES, vf[n]), a);
                    }
                    a.intoArray(zf, i);
                }
            }
        }
    }

    /**
     * For {@code count} filters, {@code acc[f][n][i] += g[f][j - j0][i] x[j s + n][i]} for the rows {@code j0 <= j < j0
     * + rows} in order: every filter's chains exactly as {@link #accumulate} makes them alone.
     */
    static void accumulateBatch(double[][][] acc, double[][][] g, double[][] x, int j0, int rows, int stride,
                                int count, int width, int lanes) {
        final int step = SPECIES.length();
        int f = 0;
        if (lanes % step == 0) {
            for (; f + 3 < count; f += 4) {
                accumulateFourFilters(acc[f], acc[f + 1], acc[f + 2], acc[f + 3], g[f], g[f + 1], g[f + 2], g[f + 3], x,
                        j0 * stride, rows, stride, width, lanes);
            }
        }
        for (; f < count; f++) {
            final double[][] gf = g[f];
            int r = 0;
            if (lanes % (2 * step) == 0) {
                for (; r + 3 < rows; r += 4) {
                    accumulateFour(acc[f], gf[r], gf[r + 1], gf[r + 2], gf[r + 3], x, (j0 + r) * stride, stride, width,
                            lanes);
                }
            }
            for (; r < rows; r++) {
                accumulateRow(acc[f], gf[r], x, (j0 + r) * stride, width, lanes);
            }
        }
    }

    /**
     * The rows {@code 0 <= r < rows} (inputs from row {@code t0} on) of four filters into their accumulators, one vector
     * of lanes and four taps at a time: the sixteen accumulators stay in registers across all the rows, each input
     * vector loaded serves the four filters and each residual derivative the four taps; per filter, tap and lane the
     * chain of {@link #accumulateFour}, the rows in order.
     */
    private static void accumulateFourFilters(double[][] p, double[][] q, double[][] u, double[][] w,
                                              double[][] gp, double[][] gq, double[][] gu, double[][] gw,
                                              double[][] x, int t0, int rows, int stride, int width, int lanes) {
        final int step = SPECIES.length();
        for (int i = 0; i < lanes; i += step) {
            int n = 0;
            for (; n + 3 < width; n += 4) {
                DoubleVector p0 = DoubleVector.fromArray(SPECIES, p[n], i);
                DoubleVector p1 = DoubleVector.fromArray(SPECIES, p[n + 1], i);
                DoubleVector p2 = DoubleVector.fromArray(SPECIES, p[n + 2], i);
                DoubleVector p3 = DoubleVector.fromArray(SPECIES, p[n + 3], i);
                DoubleVector q0 = DoubleVector.fromArray(SPECIES, q[n], i);
                DoubleVector q1 = DoubleVector.fromArray(SPECIES, q[n + 1], i);
                DoubleVector q2 = DoubleVector.fromArray(SPECIES, q[n + 2], i);
                DoubleVector q3 = DoubleVector.fromArray(SPECIES, q[n + 3], i);
                DoubleVector u0 = DoubleVector.fromArray(SPECIES, u[n], i);
                DoubleVector u1 = DoubleVector.fromArray(SPECIES, u[n + 1], i);
                DoubleVector u2 = DoubleVector.fromArray(SPECIES, u[n + 2], i);
                DoubleVector u3 = DoubleVector.fromArray(SPECIES, u[n + 3], i);
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, w[n], i);
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, w[n + 1], i);
                DoubleVector w2 = DoubleVector.fromArray(SPECIES, w[n + 2], i);
                DoubleVector w3 = DoubleVector.fromArray(SPECIES, w[n + 3], i);
                for (int r = 0; r < rows; r++) {
                    final int t = t0 + r * stride + n;
                    final DoubleVector x0 = DoubleVector.fromArray(SPECIES, x[t], i);
                    final DoubleVector x1 = DoubleVector.fromArray(SPECIES, x[t + 1], i);
                    final DoubleVector x2 = DoubleVector.fromArray(SPECIES, x[t + 2], i);
                    final DoubleVector x3 = DoubleVector.fromArray(SPECIES, x[t + 3], i);
                    final DoubleVector dp = DoubleVector.fromArray(SPECIES, gp[r], i);
                    final DoubleVector dq = DoubleVector.fromArray(SPECIES, gq[r], i);
                    final DoubleVector du = DoubleVector.fromArray(SPECIES, gu[r], i);
                    final DoubleVector dw = DoubleVector.fromArray(SPECIES, gw[r], i);
                    p0 = x0.fma(dp, p0);
                    p1 = x1.fma(dp, p1);
                    p2 = x2.fma(dp, p2);
                    p3 = x3.fma(dp, p3);
                    q0 = x0.fma(dq, q0);
                    q1 = x1.fma(dq, q1);
                    q2 = x2.fma(dq, q2);
                    q3 = x3.fma(dq, q3);
                    u0 = x0.fma(du, u0);
                    u1 = x1.fma(du, u1);
                    u2 = x2.fma(du, u2);
                    u3 = x3.fma(du, u3);
                    w0 = x0.fma(dw, w0);
                    w1 = x1.fma(dw, w1);
                    w2 = x2.fma(dw, w2);
                    w3 = x3.fma(dw, w3);
                }
                p0.intoArray(p[n], i);
                p1.intoArray(p[n + 1], i);
                p2.intoArray(p[n + 2], i);
                p3.intoArray(p[n + 3], i);
                q0.intoArray(q[n], i);
                q1.intoArray(q[n + 1], i);
                q2.intoArray(q[n + 2], i);
                q3.intoArray(q[n + 3], i);
                u0.intoArray(u[n], i);
                u1.intoArray(u[n + 1], i);
                u2.intoArray(u[n + 2], i);
                u3.intoArray(u[n + 3], i);
                w0.intoArray(w[n], i);
                w1.intoArray(w[n + 1], i);
                w2.intoArray(w[n + 2], i);
                w3.intoArray(w[n + 3], i);
            }
            for (; n < width; n++) {
                DoubleVector a = DoubleVector.fromArray(SPECIES, p[n], i);
                DoubleVector b = DoubleVector.fromArray(SPECIES, q[n], i);
                DoubleVector c = DoubleVector.fromArray(SPECIES, u[n], i);
                DoubleVector d = DoubleVector.fromArray(SPECIES, w[n], i);
                for (int r = 0; r < rows; r++) {
                    final DoubleVector xt = DoubleVector.fromArray(SPECIES, x[t0 + r * stride + n], i);
                    a = xt.fma(DoubleVector.fromArray(SPECIES, gp[r], i), a);
                    b = xt.fma(DoubleVector.fromArray(SPECIES, gq[r], i), b);
                    c = xt.fma(DoubleVector.fromArray(SPECIES, gu[r], i), c);
                    d = xt.fma(DoubleVector.fromArray(SPECIES, gw[r], i), d);
                }
                a.intoArray(p[n], i);
                b.intoArray(q[n], i);
                c.intoArray(u[n], i);
                d.intoArray(w[n], i);
            }
        }
    }

    /**
     * One row's residuals for four filters, four vectors of lanes at a time: sixteen chains, each input vector loaded
     * serves the four filters and each broadcast tap four vectors of lanes; per filter and lane the chain of
     * {@link #residuals}.
     */
    private static void residualsFourFilters(double[] zp, double[] zq, double[] zu, double[] zw, double[] yj,
                                             double[][] x, int t0, double[] vp, double[] vq, double[] vu, double[] vw,
                                             int width, int lanes) {
        final int step = SPECIES.length();
        for (int i0 = 0; i0 < lanes; i0 += 4 * step) {
            final int i1 = i0 + step;
            final int i2 = i1 + step;
            final int i3 = i2 + step;
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
            for (int n = 0; n < width; n++) {
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
            }
            p0.intoArray(zp, i0);
            p1.intoArray(zp, i1);
            p2.intoArray(zp, i2);
            p3.intoArray(zp, i3);
            q0.intoArray(zq, i0);
            q1.intoArray(zq, i1);
            q2.intoArray(zq, i2);
            q3.intoArray(zq, i3);
            u0.intoArray(zu, i0);
            u1.intoArray(zu, i1);
            u2.intoArray(zu, i2);
            u3.intoArray(zu, i3);
            w0.intoArray(zw, i0);
            w1.intoArray(zw, i1);
            w2.intoArray(zw, i2);
            w3.intoArray(zw, i3);
        }
    }
}
