package org.lcnflow.core.network;

import java.util.Arrays;
import org.lcnflow.api.Architecture;

/**
 * The Hessian of {@code L(w) = l(v(w))} from the function-space derivatives {@code g_v = dl/dv} and
 * {@code H_v = d^2 l / dv dv}, through the polynomial product {@code v = prod_i p~_i} of Prop. 2.1:
 *
 * <pre>
 *   d^2 L / dw dw = J^T H_v J + sum_n (g_v)_n d^2 v_n / dw dw,      J = dv/dw,
 * </pre>
 *
 * with column {@code (i, a)} of {@code J} the coefficients of {@code x^(a S_i) Q_i},
 * {@code Q_i = prod_{l != i} p~_l}, and, since {@code v} is linear in each layer, second derivatives only
 * between layers {@code i != l}: {@code d^2 v / dw^(i)_a dw^(l)_b = x^(a S_i + b S_l) R_il},
 * {@code R_il = prod_{m != i, l} p~_m}. On preallocated work space: allocates nothing after construction.
 * Not thread-safe (one per thread).
 */
public final class ChainHessian {

    private final Architecture architecture;
    private final int depth;
    private final int kv;
    private final int kbar;
    /** Layer polynomials {@code p~_i} with their zero coefficients (eq. (2.1)). */
    private final double[][] layers;
    private final double[] product;
    private final double[] scratch;
    /** {@code J}, row-major {@code k_v x kbar}. */
    private final double[] jacobian;
    /** {@code H_v J}, row-major {@code k_v x kbar}. */
    private final double[] hj;

    /** @param architecture the network */
    public ChainHessian(Architecture architecture) {
        this.architecture = architecture;
        this.depth = architecture.depth();
        this.kv = architecture.finalWidth();
        this.kbar = architecture.parameterCount();
        this.layers = new double[depth][];
        for (int i = 0; i < depth; i++) {
            layers[i] = new double[(architecture.width(i) - 1) * architecture.cumulativeStride(i) + 1];
        }
        this.product = new double[kv];
        this.scratch = new double[kv];
        this.jacobian = new double[kv * kbar];
        this.hj = new double[kv * kbar];
    }

    /**
     * @param w       the concatenated layer filters
     * @param gv      {@code dl/dv} at {@code v(w)}, length {@code k_v}
     * @param hv      {@code d^2 l / dv dv} at {@code v(w)}, row-major {@code k_v x k_v}, symmetric
     * @param hessian receives {@code d^2 L / dw dw}, row-major {@code kbar x kbar}, symmetric
     */
    public void hessian(double[] w, double[] gv, double[] hv, double[] hessian) {
        for (int i = 0; i < depth; i++) {
            double[] p = layers[i];
            Arrays.fill(p, 0.0);
            int spacing = architecture.cumulativeStride(i);
            for (int a = 0; a < architecture.width(i); a++) {
                p[a * spacing] = w[architecture.offset(i) + a];
            }
        }
        Arrays.fill(jacobian, 0.0);
        for (int i = 0; i < depth; i++) {
            int length = productWithout(i, -1);
            int spacing = architecture.cumulativeStride(i);
            for (int a = 0; a < architecture.width(i); a++) {
                int column = architecture.offset(i) + a;
                for (int c = 0; c < length; c++) {
                    jacobian[(c + a * spacing) * kbar + column] = product[c];
                }
            }
        }
        // H_v J, then J^T (H_v J) on the upper triangle
        Arrays.fill(hj, 0.0);
        for (int n = 0; n < kv; n++) {
            int row = n * kbar;
            for (int q = 0; q < kv; q++) {
                double h = hv[n * kv + q];
                if (h == 0.0) {
                    continue;
                }
                int from = q * kbar;
                for (int c = 0; c < kbar; c++) {
                    hj[row + c] += h * jacobian[from + c];
                }
            }
        }
        for (int r = 0; r < kbar; r++) {
            for (int c = r; c < kbar; c++) {
                double sum = 0.0;
                for (int n = 0; n < kv; n++) {
                    sum += jacobian[n * kbar + r] * hj[n * kbar + c];
                }
                hessian[r * kbar + c] = sum;
            }
        }
        for (int i = 0; i < depth; i++) {
            for (int l = i + 1; l < depth; l++) {
                int length = productWithout(i, l);
                int si = architecture.cumulativeStride(i);
                int sl = architecture.cumulativeStride(l);
                for (int a = 0; a < architecture.width(i); a++) {
                    for (int b = 0; b < architecture.width(l); b++) {
                        int shift = a * si + b * sl;
                        double sum = 0.0;
                        for (int c = 0; c < length; c++) {
                            sum += gv[c + shift] * product[c];
                        }
                        hessian[(architecture.offset(i) + a) * kbar + architecture.offset(l) + b] += sum;
                    }
                }
            }
        }
        for (int r = 0; r < kbar; r++) {
            for (int c = 0; c < r; c++) {
                hessian[r * kbar + c] = hessian[c * kbar + r];
            }
        }
    }

    /** Writes the product of all layer polynomials but {@code skip1} and {@code skip2} into {@code product}. */
    private int productWithout(int skip1, int skip2) {
        product[0] = 1.0;
        int length = 1;
        for (int i = 0; i < depth; i++) {
            if (i == skip1 || i == skip2) {
                continue;
            }
            double[] p = layers[i];
            int next = length + p.length - 1;
            Arrays.fill(scratch, 0, next, 0.0);
            for (int a = 0; a < length; a++) {
                double ra = product[a];
                if (ra == 0.0) {
                    continue;
                }
                for (int b = 0; b < p.length; b++) {
                    scratch[a + b] += ra * p[b];
                }
            }
            System.arraycopy(scratch, 0, product, 0, next);
            length = next;
        }
        return length;
    }
}
