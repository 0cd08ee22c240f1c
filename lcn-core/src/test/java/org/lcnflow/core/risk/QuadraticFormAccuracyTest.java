package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.PolynomialChain;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.engine.DataPass;
import org.lcnflow.core.risk.engine.QuadraticForm;
import org.lcnflow.core.risk.engine.SampleBlocks;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.Vectors;

/**
 * The cancellation caveat of DESIGN.md: the quadratic form's error bound holds against exact arithmetic;
 * the textbook form {@code v.Av - 2 b.v + ||Y||^2} loses the gradient at an interpolating filter while the
 * centred form keeps it; and a gradient tolerance below what the form can deliver is met by gradients
 * computed over the data, so a stop is never decided on a cancelled gradient.
 */
class QuadraticFormAccuracyTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Loss SQUARE = REGISTRY.loss("square", Parameters.empty());

    @Property(tries = 60)
    void theGradientErrorBoundHoldsAgainstExactArithmetic(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 4, 3, 6);
        Dataset data = RandomLcn.data(a, 1 + random.nextInt(100), random);
        double scale = random.nextBoolean() ? 1.0 : 0.5;
        QuadraticForm form = QuadraticForm.of(SampleBlocks.of(a, data), scale, 1);
        int k = a.finalWidth();
        double[] centre = form.center();
        double[] atCentre = exactFilterGradient(a, data, scale, centre);
        double[] g0 = form.centerGradient();
        double[][] points = new double[3][k];
        for (int n = 0; n < k; n++) {
            points[0][n] = random.nextGaussian();
            points[1][n] = centre[n] + 1e-7 * random.nextGaussian();
            points[2][n] = 30 * random.nextGaussian();
        }
        double[] gradient = new double[k];
        double[] e = new double[k];
        double[] product = new double[k];
        double[] bound = new double[k];
        for (double[] v : points) {
            form.evaluate(v, gradient, e, product);
            form.gradientErrorBound(e, bound);
            double[] exact = exactFilterGradient(a, data, scale, v);
            for (int n = 0; n < k; n++) {
                // what the data pass at the centre got wrong is not the form's: it is the data pass's own error
                double dataPassError = Math.abs(2 * scale * g0[n] - atCentre[n]);
                double allowed = bound[n] + dataPassError + 0x1p-52 * (Math.abs(exact[n]) + Math.abs(gradient[n]));
                assertTrue(Math.abs(gradient[n] - exact[n]) <= allowed, "dL/dv_" + n + " on " + a + ": error "
                        + Math.abs(gradient[n] - exact[n]) + " > bound " + allowed);
            }
        }
    }

    @Test
    void theTextbookFormCancelsAtAnInterpolatingFilterAndTheCentredFormDoesNot() {
        Architecture a = Architecture.of(30, new int[] {3, 3}, new int[] {1, 1});
        SyntheticDataSource source = new SyntheticDataSource(2000, 5, 0.0, 0.0, 1, 1.0);
        Dataset data = source.load(a);
        double[] v = FinalFilter.of(a, source.teacherFilters(a)).coefficients();
        SampleBlocks blocks = SampleBlocks.of(a, data);
        double[] exact = exactFilterGradient(a, data, 1.0, v);
        double[] dataPass = new double[v.length];
        new DataPass(blocks, SQUARE, 1).evaluate(v, dataPass);
        double[] textbook = filterGradient(QuadraticForm.about(blocks, 1.0, 1, new double[v.length]), v);
        double[] centred = filterGradient(QuadraticForm.of(blocks, 1.0, 1), v);
        double dataPassError = Vectors.distance(dataPass, exact);
        double textbookError = Vectors.distance(textbook, exact);
        double centredError = Vectors.distance(centred, exact);
        assertTrue(textbookError > 10 * Vectors.norm(exact), "the textbook form's gradient is rounding");
        assertTrue(textbookError > 100 * dataPassError);
        assertTrue(centredError <= 4 * dataPassError + 1e-3 * textbookError);
    }

    /**
     * Noise-free teacher data, a filling architecture: the flow runs to an interpolating filter, where the
     * textbook form's gradient is rounding (previous test). Asked for a gradient norm below what the textbook
     * form could deliver, the run stops by the tolerance, and the exact gradient there is below it too.
     */
    @Test
    void aFlowToAnInterpolatingFilterStopsOnAnAccurateGradient() {
        Architecture a = Architecture.of(30, new int[] {3, 3}, new int[] {1, 1});
        double[] teacher = {1.0, 0.4, -0.3, 1.0, -0.6, 0.2}; // well separated roots: a well-conditioned flow
        Dataset data = teacherData(a, teacher, 2000, new Random(5));
        double[] start = teacher.clone();
        Random random = new Random(1);
        for (int i = 0; i < start.length; i++) {
            start[i] *= 1 + 0.01 * random.nextGaussian();
        }
        double tolerance = 1e-10;
        // gradient descent (Euler) with a step below 2 / (largest curvature): the gradient goes to zero
        GradientFlow flow = GradientFlow.builder().architecture(a).data(data).loss(SQUARE)
                .integrator(REGISTRY.integrator("euler", Parameters.of(Map.of("step", 2e-6))))
                .initialFilters(start).stop(new StopCondition(Double.POSITIVE_INFINITY, tolerance, 1_000_000))
                .recordEvery(1).build();
        assertEquals(GradientPath.QUADRATIC_FORM, flow.risk().path());
        FlowResult result = flow.run().result();
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), result.toString());
        double[] w = result.parameters();
        assertTrue(Vectors.norm(exactGradient(a, data, w)) <= 1.1 * tolerance,
                "exact gradient norm " + Vectors.norm(exactGradient(a, data, w)));
        // the textbook form could not have been trusted there, the centred one is
        assertTrue(textbookBound(a, data, w) > 10 * tolerance, "textbook bound " + textbookBound(a, data, w));
        assertTrue(EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic()).quadraticGradientErrorBound(w)
                <= RiskOptions.TRUSTED_FRACTION * tolerance);
    }

    /**
     * A strided (non-filling) architecture with noisy data has critical points away from the least-squares
     * filter, where {@code dL/dv} is large and only its pull-back vanishes: the form's error bound is then
     * far from zero. A gradient tolerance below it makes the guard recompute the gradient over the data.
     */
    @Test
    void nearACriticalPointOfANonFillingArchitectureTheGuardUsesThePassOverTheData() {
        Architecture a = Architecture.of(40, new int[] {2, 2}, new int[] {2, 1});
        Dataset data = new SyntheticDataSource(2000, 8, 0.5, 0.0, 1, 1.0).load(a);
        double[] w = newton(EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic().withPath(GradientPath.DATA_PASS)),
                alternatingLeastSquares(a, data, new double[] {0.3, -0.2, 0.5, 0.4}));
        EmpiricalRisk unguarded = EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic());
        double bound = unguarded.quadraticGradientErrorBound(w);
        double[] exact = exactGradient(a, data, w);
        assertTrue(Vectors.norm(exact) < bound * 4, "a critical point up to rounding: "
                + Vectors.norm(exact) + " vs the form's bound " + bound);
        double tolerance = 8 * bound; // the form's error may be an eighth of it: more than the tenth trusted

        EmpiricalRisk guarded = EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic()
                .withGradientTolerance(tolerance));
        EmpiricalRisk dataPass = EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic()
                .withPath(GradientPath.DATA_PASS));
        double[] g = new double[w.length];
        double[] expected = new double[w.length];
        double value = guarded.valueAndGradient(w, g);
        assertEquals(1, guarded.recomputedGradients());
        assertEquals(dataPass.valueAndGradient(w, expected), value, 0.0);
        assertArrayEquals(expected, g, 0.0, "the gradient near the critical point came from the data pass");
        double[] far = {0.3, -0.2, 0.5, 0.4};
        guarded.valueAndGradient(far, g);
        unguarded.valueAndGradient(far, expected);
        assertEquals(1, guarded.recomputedGradients(), "a large gradient is left to the form");
        assertArrayEquals(expected, g, 0.0);
    }

    /** Gaussian inputs, targets {@code y = V x} of the teacher's network without noise. */
    private static Dataset teacherData(Architecture a, double[] teacher, int m, Random random) {
        FinalFilter v = FinalFilter.of(a, teacher);
        double[][] x = new double[m][a.inputDimension()];
        double[][] y = new double[m][a.outputDimension()];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < x[i].length; t++) {
                x[i][t] = random.nextGaussian();
            }
            for (int j = 0; j < y[i].length; j++) {
                for (int n = 0; n < v.width(); n++) {
                    y[i][j] += v.get(n) * x[i][j * v.stride() + n];
                }
            }
        }
        return new Dataset(x, y);
    }

    /** A few Newton steps on the data-pass gradient, Hessian by central differences, lightly damped. */
    private static double[] newton(EmpiricalRisk risk, double[] w0) {
        int n = w0.length;
        double[] w = w0.clone();
        double[] g = new double[n];
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int it = 0; it < 8; it++) {
            risk.valueAndGradient(w, g);
            double[][] h = new double[n][n + 1];
            double largest = 0;
            for (int j = 0; j < n; j++) {
                double[] wp = w.clone();
                double[] wm = w.clone();
                double step = 1e-5 * Math.max(1, Math.abs(w[j]));
                wp[j] += step;
                wm[j] -= step;
                risk.valueAndGradient(wp, gp);
                risk.valueAndGradient(wm, gm);
                for (int i = 0; i < n; i++) {
                    h[i][j] = (gp[i] - gm[i]) / (2 * step);
                    largest = Math.max(largest, Math.abs(h[i][j]));
                }
            }
            for (int i = 0; i < n; i++) {
                h[i][i] += 1e-9 * largest;
                h[i][n] = -g[i];
            }
            double[] delta = solve(h);
            for (int i = 0; i < n; i++) {
                w[i] += delta[i];
            }
        }
        return w;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** Alternating least squares on {@code v = (a0 b0, a1 b0, a0 b1, a1 b1)}: each half-step is exact. */
    private static double[] alternatingLeastSquares(Architecture a, Dataset data, double[] w) {
        QuadraticForm form = QuadraticForm.of(SampleBlocks.of(a, data), 1.0, 1);
        double[] gram = form.gram();
        double[] centre = form.center();
        double[] cross = new double[4];
        for (int n = 0; n < 4; n++) {
            for (int p = 0; p < 4; p++) {
                cross[n] += gram[n * 4 + p] * centre[p];
            }
        }
        double[] x = w.clone();
        for (int it = 0; it < 2000; it++) {
            for (int half = 0; half < 2; half++) {
                // v = M u with u the free layer; M^T A M u = M^T cross
                double[][] m = new double[4][2];
                if (half == 0) {
                    m[0][0] = x[2];
                    m[1][1] = x[2];
                    m[2][0] = x[3];
                    m[3][1] = x[3];
                } else {
                    m[0][0] = x[0];
                    m[1][0] = x[1];
                    m[2][1] = x[0];
                    m[3][1] = x[1];
                }
                double[][] h = new double[2][2];
                double[] r = new double[2];
                for (int i = 0; i < 2; i++) {
                    for (int n = 0; n < 4; n++) {
                        r[i] += m[n][i] * cross[n];
                        for (int p = 0; p < 4; p++) {
                            for (int j = 0; j < 2; j++) {
                                h[i][j] += m[n][i] * gram[n * 4 + p] * m[p][j];
                            }
                        }
                    }
                }
                double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
                double u0 = (r[0] * h[1][1] - r[1] * h[0][1]) / det;
                double u1 = (h[0][0] * r[1] - h[1][0] * r[0]) / det;
                x[2 * half] = u0;
                x[2 * half + 1] = u1;
            }
        }
        return x;
    }

    private static double textbookBound(Architecture a, Dataset data, double[] w) {
        QuadraticForm textbook = QuadraticForm.about(SampleBlocks.of(a, data), 1.0, 1, new double[a.finalWidth()]);
        int k = a.finalWidth();
        double[] e = new double[k];
        double[] bound = new double[k];
        textbook.evaluate(FinalFilter.of(a, w).coefficients(), new double[k], e, new double[k]);
        textbook.gradientErrorBound(e, bound);
        return Vectors.norm(bound);
    }

    /** {@code dL/dw} from the exact {@code dL/dv} at the computed final filter. */
    private static double[] exactGradient(Architecture a, Dataset data, double[] w) {
        PolynomialChain chain = new PolynomialChain(a);
        double[] v = chain.forward(w).clone();
        double[] gradient = new double[w.length];
        chain.backward(w, exactFilterGradient(a, data, 1.0, v), gradient);
        return gradient;
    }

    private static double[] filterGradient(QuadraticForm form, double[] v) {
        int k = v.length;
        double[] gradient = new double[k];
        form.evaluate(v, gradient, new double[k], new double[k]);
        return gradient;
    }

    /** {@code 2c sum_p x_p (x_p . v - y_p)} in exact arithmetic, rounded once. */
    static double[] exactFilterGradient(Architecture a, Dataset data, double scale, double[] v) {
        int k = a.finalWidth();
        int s = a.finalStride();
        BigDecimal[] sum = new BigDecimal[k];
        java.util.Arrays.fill(sum, BigDecimal.ZERO);
        BigDecimal[] bv = new BigDecimal[k];
        for (int n = 0; n < k; n++) {
            bv[n] = new BigDecimal(v[n]);
        }
        for (int i = 0; i < data.sampleCount(); i++) {
            for (int j = 0; j < a.outputDimension(); j++) {
                BigDecimal r = new BigDecimal(-data.target(i, j));
                BigDecimal[] x = new BigDecimal[k];
                for (int n = 0; n < k; n++) {
                    x[n] = new BigDecimal(data.input(i, j * s + n));
                    r = r.add(x[n].multiply(bv[n]));
                }
                for (int n = 0; n < k; n++) {
                    sum[n] = sum[n].add(x[n].multiply(r));
                }
            }
        }
        double[] out = new double[k];
        for (int n = 0; n < k; n++) {
            out[n] = sum[n].multiply(new BigDecimal(2 * scale)).doubleValue();
        }
        return out;
    }
}
