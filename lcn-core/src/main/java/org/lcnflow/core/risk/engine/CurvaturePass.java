package org.lcnflow.core.risk.engine;

import java.util.Arrays;
import org.lcnflow.api.SeparableLoss;

/**
 * The function-space Hessian of a separable loss, {@code H_v = sum_{i, j} phi''(r_ij) p_ij p_ij^T}, with
 * {@code p_ij} the stride-{@code s_v} input patch of width {@code k_v} behind output {@code j} of sample
 * {@code i} and {@code r_ij = v . p_ij - y_ij}: one pass over the {@link SampleBlocks}, lane by lane, in a
 * fixed order (so the result does not depend on anything but the data and {@code v}). Costs
 * {@code O(m d_N k_v^2)}; allocates nothing. Stateless.
 */
public final class CurvaturePass {

    private CurvaturePass() {
    }

    /**
     * @param data the data in blocks
     * @param loss the loss, with {@code phi''}
     * @param v    the final filter, length {@code k_v}
     * @param hv   receives {@code H_v}, row-major {@code k_v x k_v} (symmetric)
     */
    public static void curvature(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv) {
        int width = data.width;
        int stride = data.stride;
        Arrays.fill(hv, 0, width * width, 0.0);
        for (int b = 0; b < data.blockCount; b++) {
            double[][] x = data.inputs[b];
            double[][] y = data.targets[b];
            int lanes = data.lanes(b);
            for (int j = 0; j < data.outputDimension; j++) {
                int start = j * stride;
                for (int lane = 0; lane < lanes; lane++) {
                    double z = 0.0;
                    for (int n = 0; n < width; n++) {
                        z += v[n] * x[start + n][lane];
                    }
                    double weight = loss.phiSecond(z - y[j][lane]);
                    if (weight == 0.0) {
                        continue;
                    }
                    for (int n = 0; n < width; n++) {
                        double wx = weight * x[start + n][lane];
                        int row = n * width;
                        for (int q = n; q < width; q++) {
                            hv[row + q] += wx * x[start + q][lane];
                        }
                    }
                }
            }
        }
        for (int n = 0; n < width; n++) {
            for (int q = 0; q < n; q++) {
                hv[n * width + q] = hv[q * width + n];
            }
        }
    }
}
