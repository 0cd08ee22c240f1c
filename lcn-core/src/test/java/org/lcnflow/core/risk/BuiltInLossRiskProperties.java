package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.network.ConvolutionMatrices;
import org.lcnflow.core.network.LayerPolynomials;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;

/**
 * The empirical risk of every built-in loss against an independent computation: the forward pass through
 * the dense layer matrices and reverse-mode differentiation of it by hand
 * ({@code dL/dW_i = delta_i a_{i-1}^T}, {@code delta_{i-1} = W_i^T delta_i}), collected back onto the
 * filters along the convolution pattern of eq. (1.1). Random architectures with strides up to 3.
 */
class BuiltInLossRiskProperties {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<SeparableLoss> LOSSES = List.of(
            (SeparableLoss) REGISTRY.loss("square", Parameters.empty()),
            (SeparableLoss) REGISTRY.loss("lp", Parameters.of(Map.of("p", 3))),
            (SeparableLoss) REGISTRY.loss("lp", Parameters.of(Map.of("p", 4))),
            (SeparableLoss) REGISTRY.loss("lp", Parameters.of(Map.of("p", 1.5))),
            (SeparableLoss) REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.7))),
            (SeparableLoss) REGISTRY.loss("generalized-huber", Parameters.of(Map.of("alpha", 2, "beta", -1.5))),
            (SeparableLoss) REGISTRY.loss("generalized-huber", Parameters.of(Map.of("alpha", 0.5, "beta", 3))),
            (SeparableLoss) REGISTRY.loss("log-cosh", Parameters.of(Map.of("alpha", 2))));

    @Property(tries = 60)
    void valueAndGradientAgreeWithReverseModeThroughTheLayerMatrices(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 3);
        if (a.finalStride() == 1 && a.depth() > 1) {
            int[] strides = a.strides();
            strides[0] = 2;
            int d = a.outputDimension();
            for (int i = a.depth() - 1; i >= 0; i--) {
                d = (d - 1) * strides[i] + a.width(i);
            }
            a = Architecture.of(d, a.widths(), strides);
        }
        Dataset data = RandomLcn.data(a, 2 + random.nextInt(5), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.9, random);
        for (SeparableLoss loss : LOSSES) {
            double[] gradient = new double[w.length];
            double value = EmpiricalRisk.of(a, data, loss).valueAndGradient(w, gradient);
            double[] expectedGradient = new double[w.length];
            double[] magnitude = new double[1];
            double expected = reverseMode(a, data, w, loss, expectedGradient, magnitude);
            // relative to the sum of the terms' sizes: generalized Huber with beta < -1 has negative terms
            assertEquals(expected, value, 1e-10 * magnitude[0], loss + " on " + a);
            double scale = 0;
            double error = 0;
            for (int i = 0; i < w.length; i++) {
                scale += expectedGradient[i] * expectedGradient[i];
                error += (gradient[i] - expectedGradient[i]) * (gradient[i] - expectedGradient[i]);
            }
            assertTrue(Math.sqrt(error) <= 1e-10 * Math.sqrt(scale), loss + " on " + a + ": relative gradient error "
                    + Math.sqrt(error / scale));
        }
    }

    private static double reverseMode(Architecture a, Dataset data, double[] w, SeparableLoss loss, double[] out,
                                      double[] magnitude) {
        int n = a.depth();
        DMatrixRMaj[] layers = new DMatrixRMaj[n];
        DMatrixRMaj[] activations = new DMatrixRMaj[n + 1];
        activations[0] = CommonOps_DDRM.transpose(new DMatrixRMaj(data.inputs()), null); // X: d0 x m
        for (int i = 0; i < n; i++) {
            layers[i] = ConvolutionMatrices.layer(a.dimension(i), a.width(i), a.stride(i),
                    LayerPolynomials.layerFilter(a, w, i));
            activations[i + 1] = new DMatrixRMaj(layers[i].numRows, activations[i].numCols);
            CommonOps_DDRM.mult(layers[i], activations[i], activations[i + 1]);
        }
        DMatrixRMaj z = activations[n];
        DMatrixRMaj delta = new DMatrixRMaj(z.numRows, z.numCols);
        double value = 0;
        for (int r = 0; r < z.numRows; r++) {
            for (int c = 0; c < z.numCols; c++) {
                double residual = z.get(r, c) - data.target(c, r);
                value += loss.phi(residual);
                magnitude[0] += Math.abs(loss.phi(residual));
                delta.set(r, c, loss.phiPrime(residual));
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            DMatrixRMaj dW = new DMatrixRMaj(layers[i].numRows, layers[i].numCols);
            CommonOps_DDRM.multTransB(delta, activations[i], dW);
            for (int k = 0; k < a.width(i); k++) {
                double sum = 0;
                for (int j = 0; j < layers[i].numRows; j++) {
                    sum += dW.get(j, j * a.stride(i) + k);
                }
                out[a.offset(i) + k] = sum;
            }
            DMatrixRMaj previous = new DMatrixRMaj(layers[i].numCols, delta.numCols);
            CommonOps_DDRM.multTransA(layers[i], delta, previous);
            delta = previous;
        }
        return value;
    }
}
