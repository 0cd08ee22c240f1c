package org.lcnflow.core.risk.engine;

import java.util.Arrays;

/**
 * A second layout of the data of small problems (blocks of {@value #LANES} lanes), in which every loop of a
 * pass over the data runs over {@value #WIDTH} values instead of {@value #LANES}, and touches at most seven
 * arrays: what HotSpot's C2 (JDK 17) needs to vectorize a loop at all. Its superword pass gives up on a
 * loop that reads nine arrays, on a loop whose array indices differ by a loop-invariant but not constant
 * amount, and on some tree-shaped sums; short loops pay their fixed cost (alignment pre-loop, scalar
 * post-loop) every {@value #LANES} values.
 *
 * <p><b>Row groups.</b> The output rows {@code j} of a block are taken {@value #ROWS} at a time: group
 * {@code c} holds rows {@code 4c .. 4c+3}, value {@code (j, i)} (sample {@code i} of the block) at position
 * {@code w = (j - 4c) 64 + i}. The last group may have fewer rows.
 *
 * <p><b>Tap groups and windows.</b> The taps {@code n} of the final filter are grouped by phase
 * {@code p = n mod s_v} and then up to four at a time: a tap group is {@code n = n0 + s_v c'},
 * {@code c' = 0 .. size-1}. For row group {@code c} and tap group {@code (n0, size)} the window holds the
 * input rows {@code t = (4c + rho) s_v + n0}, {@code rho = 0 .. 6}, one after the other (zero beyond
 * {@code d_0}); since {@code n0 = p + 4 a s_v}, it is also the window of row group {@code c + a} and the
 * phase's first tap group, and is stored once. Output row {@code j = 4c + r} at tap {@code n0 + s_v c'} reads input row
 * {@code j s_v + n0 + s_v c' = (4c + r + c') s_v + n0}, which is window position {@code w + 64 c'}: every tap
 * of a group is the same window at a constant offset, so a loop over {@code w} reads one array per tap
 * group, for any stride.
 *
 * <p>The windows of a phase hold its input rows about 7/4 times (seven rows per four output rows), so the
 * layout takes about twice the memory of the data, which is small: it is built for blocks of
 * {@value #LANES} lanes only, i.e. fewer than {@value SampleBlocks#WIDE_FROM} samples. Immutable once
 * built; shared read-only by every fork of a risk; used by {@link DataPass} for separable losses.
 */
final class RowGroups {

    /** Samples per block: the kernels' tap offsets are multiples of it, compile-time constants. */
    static final int LANES = SampleBlocks.LANES;
    /** Output rows per group. */
    static final int ROWS = 4;
    /** Values per group: the length of the kernels' loops. */
    static final int WIDTH = ROWS * LANES;
    /** The most taps in one tap group (one window read at four offsets). */
    static final int GROUP_TAPS = 4;

    final int groupCount;
    /** Rows of the last group, 1 to 4. */
    final int lastRows;
    final int tapGroupCount;
    /** Per tap group: its first tap {@code n0}. */
    final int[] firstTap;
    /** Per tap group: its number of taps, 1 to 4; they are {@code n0 + s_v c'}. */
    final int[] tapCount;
    final int step;
    /** Per tap {@code n} of the final filter: its tap group. */
    final int[] groupOfTap;
    /** Per tap {@code n}: its place {@code c'} in its tap group, {@code n = n0 + s_v c'}: it reads the window at {@code 64 c'}. */
    final int[] placeOfTap;
    /**
     * {@code windows[b][c][g]}: block, row group, tap group; {@code (ROWS - 1 + GROUP_TAPS) LANES} long, the rows
     * {@code (4c + rho) s_v + n0}. Windows are shared: that of {@code (c, g)} is the one of {@code (c + 1, g')}
     * when {@code g'} is the tap group of the same phase before {@code g}.
     */
    final double[][][][] windows;
    /** {@code targets[b][c]}, length {@link #WIDTH} (zero in the rows the last group does not have). */
    final double[][][] targets;

    private RowGroups(SampleBlocks data, int[] firstTap, int[] tapCount, int[] phase, int[] shift, int[] bases) {
        this.groupCount = groupCount(data.outputDimension);
        this.lastRows = data.outputDimension - (groupCount - 1) * ROWS;
        this.tapGroupCount = firstTap.length;
        this.firstTap = firstTap;
        this.tapCount = tapCount;
        this.step = data.stride;
        this.groupOfTap = new int[data.width];
        this.placeOfTap = new int[data.width];
        for (int g = 0; g < tapGroupCount; g++) {
            for (int c = 0; c < tapCount[g]; c++) {
                groupOfTap[firstTap[g] + c * step] = g;
                placeOfTap[firstTap[g] + c * step] = c;
            }
        }
        this.windows = new double[data.blockCount][groupCount][tapGroupCount][];
        this.targets = new double[data.blockCount][groupCount][WIDTH];
        int phases = bases.length;
        for (int b = 0; b < data.blockCount; b++) {
            double[][] x = data.inputs[b];
            // the window of phase p starting at group u: input rows (4u + rho) s + p, rho < 7; the window of
            // (row group c, tap group g) is the one of g's phase starting at c + shift[g]
            double[][][] base = new double[phases][][];
            for (int p = 0; p < phases; p++) {
                base[p] = new double[bases[p]][(ROWS - 1 + GROUP_TAPS) * LANES];
                for (int u = 0; u < bases[p]; u++) {
                    for (int rho = 0; rho < ROWS - 1 + GROUP_TAPS; rho++) {
                        long t = (long) (ROWS * u + rho) * step + p;
                        if (t < data.inputDimension) {
                            System.arraycopy(x[(int) t], 0, base[p][u], rho * LANES, LANES);
                        }
                    }
                }
            }
            for (int c = 0; c < groupCount; c++) {
                for (int g = 0; g < tapGroupCount; g++) {
                    windows[b][c][g] = base[phase[g]][c + shift[g]];
                }
                for (int r = 0; r < ROWS && ROWS * c + r < data.outputDimension; r++) {
                    System.arraycopy(data.targets[b][ROWS * c + r], 0, targets[b][c], r * LANES, LANES);
                }
            }
        }
    }

    /**
     * @param data the data in blocks
     * @return the row-group layout of the data, or null when its blocks are not of {@value #LANES} lanes
     */
    static RowGroups of(SampleBlocks data) {
        if (data.lanes != LANES) {
            return null;
        }
        int k = data.width;
        int s = data.stride;
        int phases = Math.min(s, k);
        int groups = 0;
        for (int p = 0; p < phases; p++) {
            groups += (tapsOfPhase(k, s, p) + GROUP_TAPS - 1) / GROUP_TAPS;
        }
        int[] firstTap = new int[groups];
        int[] tapCount = new int[groups];
        int[] phase = new int[groups];
        int[] shift = new int[groups];
        int[] bases = new int[phases];
        int count = groupCount(data.outputDimension);
        int g = 0;
        for (int p = 0; p < phases; p++) {
            int taps = tapsOfPhase(k, s, p);
            for (int a = 0; a < taps; a += GROUP_TAPS) {
                firstTap[g] = p + a * s;
                tapCount[g] = Math.min(GROUP_TAPS, taps - a);
                phase[g] = p;
                shift[g] = a / GROUP_TAPS; // taps p + s (a + c') read rows (4 (c + a / 4) + r + c') s + p
                bases[p] = count + shift[g];
                g++;
            }
        }
        return new RowGroups(data, firstTap, tapCount, phase, shift, bases);
    }

    private static int tapsOfPhase(int width, int stride, int phase) {
        return (width - 1 - phase) / stride + 1;
    }

    private static int groupCount(int outputDimension) {
        return (outputDimension + ROWS - 1) / ROWS;
    }

    /** @return the values in group {@code c}: {@code 64} times its rows */
    int length(int c) {
        return (c == groupCount - 1 ? lastRows : ROWS) * LANES;
    }

    /**
     * The residuals {@code z[w] = sum_n v_n x_n[w] - y[w]} over the first {@code n} positions of row group
     * {@code c} of block {@code b} (the target subtracted after the first tap group's sum).
     */
    void residuals(double[] z, double[] y, int b, int c, double[] v, int n) {
        double[][] win = windows[b][c];
        for (int g = 0; g < tapGroupCount; g++) {
            double[] x = win[g];
            int n0 = firstTap[g];
            int size = tapCount[g];
            double v0 = v[n0];
            double v1 = size > 1 ? v[n0 + step] : 0.0;
            double v2 = size > 2 ? v[n0 + 2 * step] : 0.0;
            double v3 = size > 3 ? v[n0 + 3 * step] : 0.0;
            if (g == 0) {
                set(z, x, y, size, v0, v1, v2, v3, n);
            } else {
                add(z, x, size, v0, v1, v2, v3, n);
            }
        }
    }

    /**
     * The residuals of row groups {@code c} and {@code c + 1} of block {@code b}, all {@value #WIDTH} positions
     * of each (group {@code c + 1} from {@code z[256]} on; the rows it does not have hold values that are not
     * residuals), each value computed exactly as {@link #residuals} does: one loop per tap group for both.
     */
    void residualsPair(double[] z, int b, int c, double[] v) {
        double[][] win0 = windows[b][c];
        double[][] win1 = windows[b][c + 1];
        for (int g = 0; g < tapGroupCount; g++) {
            int n0 = firstTap[g];
            int size = tapCount[g];
            double v0 = v[n0];
            double v1 = size > 1 ? v[n0 + step] : 0.0;
            double v2 = size > 2 ? v[n0 + 2 * step] : 0.0;
            double v3 = size > 3 ? v[n0 + 3 * step] : 0.0;
            if (g == 0) {
                setPair(z, win0[g], win1[g], targets[b][c], targets[b][c + 1], size, v0, v1, v2, v3);
            } else {
                addPair(z, win0[g], win1[g], size, v0, v1, v2, v3);
            }
        }
    }

    /**
     * {@code acc[n][w] += g[w] x_{c, n}[w]} for {@code w < n} and every tap {@code n}: the correlation of one
     * row group's residual derivatives {@code g} with its windows.
     */
    void correlate(double[][] acc, double[] g, int b, int c, int length) {
        double[][] win = windows[b][c];
        for (int t = 0; t < tapGroupCount; t++) {
            double[] x = win[t];
            int n0 = firstTap[t];
            int size = tapCount[t];
            int tap = 0;
            for (; tap + 1 < size; tap += 2) {
                correlate2(acc[n0 + tap * step], acc[n0 + (tap + 1) * step], g, x, tap, length);
            }
            if (tap < size) {
                correlate1(acc[n0 + tap * step], g, x, tap, length);
            }
        }
    }

    /**
     * {@code acc[n][w] += g[w] x_{c, n}[w] + g[w + 256] x_{c + 1, n}[w]} for {@code w < }{@value #WIDTH} and
     * every tap {@code n}: the correlation of two consecutive row groups at once (half the accumulator loads
     * and stores of two {@link #correlate} calls), {@code g} laid out as by {@link #residualsPair}. {@code g}
     * must be zero wherever the row groups have no values (beyond {@code 256 + length(c + 1)}).
     */
    void correlatePair(double[][] acc, double[] g, int b, int c) {
        double[][] win0 = windows[b][c];
        double[][] win1 = windows[b][c + 1];
        for (int t = 0; t < tapGroupCount; t++) {
            double[] x0 = win0[t];
            double[] x1 = win1[t];
            int n0 = firstTap[t];
            int size = tapCount[t];
            int tap = 0;
            for (; tap + 1 < size; tap += 2) {
                pair2(acc[n0 + tap * step], acc[n0 + (tap + 1) * step], g, x0, x1, tap);
            }
            if (tap < size) {
                pair1(acc[n0 + tap * step], g, x0, x1, tap);
            }
        }
    }

    /**
     * @param a     {@link #WIDTH} lane values
     * @param lanes the lanes that count, from the first
     * @param fold  work space of {@value #LANES}
     * @return {@code sum_{r < 4, i < lanes} a[64 r + i]}, in a fixed order
     */
    static double sum(double[] a, int lanes, double[] fold) {
        return sum(a, 0, lanes, fold);
    }

    /** @return {@link #sum(double[], int, double[])} of the {@value #WIDTH} values of {@code a} from {@code offset} */
    static double sum(double[] a, int offset, int lanes, double[] fold) {
        for (int i = 0; i < LANES; i++) {
            int p = offset + i;
            fold[i] = a[p] + a[p + LANES] + a[p + 2 * LANES] + a[p + 3 * LANES];
        }
        if (lanes < LANES) {
            Arrays.fill(fold, lanes, LANES, 0.0);
        }
        return inOrder(fold, LANES);
    }

    /** @return {@code sum_{q < count} a[q]} in a fixed order: eight running sums over {@code q mod 8}, then added */
    static double inOrder(double[] a, int count) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        int q = 0;
        for (; q + 8 <= count; q += 8) {
            s0 += a[q];
            s1 += a[q + 1];
            s2 += a[q + 2];
            s3 += a[q + 3];
            s4 += a[q + 4];
            s5 += a[q + 5];
            s6 += a[q + 6];
            s7 += a[q + 7];
        }
        for (; q < count; q++) {
            s0 += a[q];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    // The kernels. Sums are written left to right (a tree-shaped sum of four products is not vectorized by
    // C2 in JDK 17), tap offsets are compile-time constants, and no loop reads more than seven arrays.

    private static void set(double[] z, double[] x, double[] y, int size, double v0, double v1, double v2,
                            double v3, int n) {
        switch (size) {
            case 1:
                for (int w = 0; w < n; w++) {
                    z[w] = v0 * x[w] - y[w];
                }
                break;
            case 2:
                for (int w = 0; w < n; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] - y[w];
                }
                break;
            case 3:
                for (int w = 0; w < n; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] - y[w];
                }
                break;
            default:
                for (int w = 0; w < n; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] + v3 * x[w + 3 * LANES] - y[w];
                }
        }
    }

    private static void add(double[] z, double[] x, int size, double v0, double v1, double v2, double v3, int n) {
        switch (size) {
            case 1:
                for (int w = 0; w < n; w++) {
                    z[w] += v0 * x[w];
                }
                break;
            case 2:
                for (int w = 0; w < n; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES];
                }
                break;
            case 3:
                for (int w = 0; w < n; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES];
                }
                break;
            default:
                for (int w = 0; w < n; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] + v3 * x[w + 3 * LANES];
                }
        }
    }

    /** {@code s[w] = g[w] x[w + 64 tap]} for {@code w < n}. */
    static void scale(double[] s, double[] g, double[] x, int tap, int n) {
        switch (tap) {
            case 0:
                for (int w = 0; w < n; w++) {
                    s[w] = g[w] * x[w];
                }
                break;
            case 1:
                for (int w = 0; w < n; w++) {
                    s[w] = g[w] * x[w + LANES];
                }
                break;
            case 2:
                for (int w = 0; w < n; w++) {
                    s[w] = g[w] * x[w + 2 * LANES];
                }
                break;
            default:
                for (int w = 0; w < n; w++) {
                    s[w] = g[w] * x[w + 3 * LANES];
                }
        }
    }

    /** {@code a[w] += g[w] x[w + 64 tap]} for {@code w < n}. */
    static void correlate1(double[] a, double[] g, double[] x, int tap, int n) {
        switch (tap) {
            case 0:
                for (int w = 0; w < n; w++) {
                    a[w] += g[w] * x[w];
                }
                break;
            case 1:
                for (int w = 0; w < n; w++) {
                    a[w] += g[w] * x[w + LANES];
                }
                break;
            case 2:
                for (int w = 0; w < n; w++) {
                    a[w] += g[w] * x[w + 2 * LANES];
                }
                break;
            default:
                for (int w = 0; w < n; w++) {
                    a[w] += g[w] * x[w + 3 * LANES];
                }
        }
    }

    /** {@code a0[w] += g[w] x[w + 64 tap]}, {@code a1[w] += g[w] x[w + 64 (tap + 1)]} for {@code w < n}; tap 0 or 2. */
    static void correlate2(double[] a0, double[] a1, double[] g, double[] x, int tap, int n) {
        if (tap == 0) {
            for (int w = 0; w < n; w++) {
                double gw = g[w];
                a0[w] += gw * x[w];
                a1[w] += gw * x[w + LANES];
            }
        } else {
            for (int w = 0; w < n; w++) {
                double gw = g[w];
                a0[w] += gw * x[w + 2 * LANES];
                a1[w] += gw * x[w + 3 * LANES];
            }
        }
    }

    /** {@code a[w] += g[w] x0[w + 64 tap] + g[w + 256] x1[w + 64 tap]} for {@code w < }{@value #WIDTH}. */
    private static void pair1(double[] a, double[] g, double[] x0, double[] x1, int tap) {
        switch (tap) {
            case 0:
                for (int w = 0; w < WIDTH; w++) {
                    a[w] += g[w] * x0[w] + g[w + WIDTH] * x1[w];
                }
                break;
            case 1:
                for (int w = 0; w < WIDTH; w++) {
                    a[w] += g[w] * x0[w + LANES] + g[w + WIDTH] * x1[w + LANES];
                }
                break;
            case 2:
                for (int w = 0; w < WIDTH; w++) {
                    a[w] += g[w] * x0[w + 2 * LANES] + g[w + WIDTH] * x1[w + 2 * LANES];
                }
                break;
            default:
                for (int w = 0; w < WIDTH; w++) {
                    a[w] += g[w] * x0[w + 3 * LANES] + g[w + WIDTH] * x1[w + 3 * LANES];
                }
        }
    }

    /**
     * {@code a0[w] += g[w] x0[w + 64 tap] + g[w + 256] x1[w + 64 tap]}, {@code a1} the same at {@code tap + 1}, for
     * {@code w < }{@value #WIDTH}; tap 0 or 2. Five arrays: C2 vectorizes it.
     */
    private static void pair2(double[] a0, double[] a1, double[] g, double[] x0, double[] x1, int tap) {
        if (tap == 0) {
            for (int w = 0; w < WIDTH; w++) {
                double u = g[w];
                double v = g[w + WIDTH];
                a0[w] += u * x0[w] + v * x1[w];
                a1[w] += u * x0[w + LANES] + v * x1[w + LANES];
            }
        } else {
            for (int w = 0; w < WIDTH; w++) {
                double u = g[w];
                double v = g[w + WIDTH];
                a0[w] += u * x0[w + 2 * LANES] + v * x1[w + 2 * LANES];
                a1[w] += u * x0[w + 3 * LANES] + v * x1[w + 3 * LANES];
            }
        }
    }

    private static void setPair(double[] z, double[] x, double[] x1, double[] y, double[] y1, int size, double v0,
                                double v1, double v2, double v3) {
        switch (size) {
            case 1:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] = v0 * x[w] - y[w];
                    z[w + WIDTH] = v0 * x1[w] - y1[w];
                }
                break;
            case 2:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] - y[w];
                    z[w + WIDTH] = v0 * x1[w] + v1 * x1[w + LANES] - y1[w];
                }
                break;
            case 3:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] - y[w];
                    z[w + WIDTH] = v0 * x1[w] + v1 * x1[w + LANES] + v2 * x1[w + 2 * LANES] - y1[w];
                }
                break;
            default:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] = v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] + v3 * x[w + 3 * LANES] - y[w];
                    z[w + WIDTH] = v0 * x1[w] + v1 * x1[w + LANES] + v2 * x1[w + 2 * LANES] + v3 * x1[w + 3 * LANES]
                            - y1[w];
                }
        }
    }

    private static void addPair(double[] z, double[] x, double[] x1, int size, double v0, double v1, double v2,
                                double v3) {
        switch (size) {
            case 1:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] += v0 * x[w];
                    z[w + WIDTH] += v0 * x1[w];
                }
                break;
            case 2:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES];
                    z[w + WIDTH] += v0 * x1[w] + v1 * x1[w + LANES];
                }
                break;
            case 3:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES];
                    z[w + WIDTH] += v0 * x1[w] + v1 * x1[w + LANES] + v2 * x1[w + 2 * LANES];
                }
                break;
            default:
                for (int w = 0; w < WIDTH; w++) {
                    z[w] += v0 * x[w] + v1 * x[w + LANES] + v2 * x[w + 2 * LANES] + v3 * x[w + 3 * LANES];
                    z[w + WIDTH] += v0 * x1[w] + v1 * x1[w + LANES] + v2 * x1[w + 2 * LANES] + v3 * x1[w + 3 * LANES];
                }
        }
    }
}
