package org.lcnflow.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.SeparableLoss;

/**
 * The contract every {@link SeparableLoss} must meet, built-in or a user's: extend this class, return
 * the instances to check from {@link #losses()}, and override the hooks where the defaults do not fit.
 * Each check runs as one dynamic test per loss, named after the loss's {@code toString()}.
 *
 * <p>What is checked, on a residual grid scaled by {@link #residualScale} (0, {@code +-s 10^(k/4)} for
 * {@code |k| <= 32}, and seeded random residuals in {@code [-10 s, 10 s]}):
 * <ul>
 *   <li>{@code phi'} against fourth-order central differences of {@code phi}, and {@code phi''} against
 *       those of {@code phi'} (tolerance {@link #derivativeTolerance()} relative to the local size of the
 *       derivative, plus the rounding noise of the difference quotient), wherever {@link #isSmoothAt}
 *       and {@link #isRepresentable} allow; where {@code phi''} returns
 *       {@code +Infinity} (a kink or cusp, e.g. {@code |r|^p} with {@code p < 2} at 0), the difference
 *       quotients of {@code phi'} must grow without bound as the step shrinks;</li>
 *   <li>symmetry {@code phi(-r) = phi(r)}, {@code phi'(-r) = -phi'(r)}, {@code phi''(-r) = phi''(r)} for
 *       the losses {@link #isSymmetric claimed symmetric};</li>
 *   <li>at extreme residuals (subnormal to {@link Double#MAX_VALUE}, and {@code 1e6 s}): never NaN, and
 *       finite wherever {@link #isRepresentable} says the true values are doubles; elsewhere only an
 *       overflow to {@code +-Infinity} is allowed, and {@code phi} never becomes {@code -Infinity};</li>
 *   <li>for losses claiming {@link SeparableLoss#isConvex()}: {@code phi'' >= 0} on the grid and midpoint
 *       convexity on random pairs;</li>
 *   <li>{@code value} and {@code gradient} on random vectors agree with {@code phi} and {@code phi'}, and
 *       {@code gradient} writes every entry of its output;</li>
 *   <li>the bound of Lemma 3.6, eq. (3.8): {@code ||Z - Y||_1 <= l1Bound(sum_i l(z_i, y_i), d_N, m)} on
 *       seeded random {@code d_N x m} matrices (spread over six decades, and the equal-magnitude and
 *       single-entry cases where the paper's bounds are tight), and {@code l1Bound} non-decreasing in the
 *       risk;</li>
 *   <li>for a {@link QuadraticLoss}: a finite positive {@code coefficient()} with {@code phi(r) = c r^2},
 *       {@code phi'(r) = 2 c r} and {@code phi''(r) = 2 c}, since the risk's quadratic form trusts the
 *       declaration.</li>
 * </ul>
 *
 * <p>A subclass is an ordinary JUnit 5 test class; the contract needs only junit-jupiter-api.
 */
public abstract class LossContract {

    private static final double EPS = Math.ulp(1.0);

    /** @return the loss instances to check (typically several parameter choices) */
    protected abstract List<SeparableLoss> losses();

    /**
     * @param loss one of {@link #losses()}
     * @return whether {@code phi} is even; default true (every loss of the paper is); return false for an
     *         asymmetric loss, which then skips the symmetry check
     */
    protected boolean isSymmetric(SeparableLoss loss) {
        return true;
    }

    /**
     * @param loss one of {@link #losses()}
     * @return the residual scale on which the loss changes from its small- to its large-residual
     *         behaviour (e.g. {@code delta}, or {@code 1/alpha}); the grids are multiples of it; default 1
     */
    protected double residualScale(SeparableLoss loss) {
        return 1.0;
    }

    /**
     * Whether the true {@code phi(r)}, {@code phi'(r)} and {@code phi''(r)} are all finite doubles, so
     * that the loss must return finite values there. The default, {@code |r| <= 1e150}, is the range
     * the platform's losses guarantee; a loss that grows faster than {@code r^2} (e.g. {@code |r|^p}) or
     * has a cusp (infinite {@code phi''}) overrides it.
     *
     * @param loss one of {@link #losses()}
     * @param r    a finite residual
     * @return whether finite results are required at {@code r}
     */
    protected boolean isRepresentable(SeparableLoss loss, double r) {
        return Math.abs(r) <= 1e150;
    }

    /**
     * Whether {@code phi} is smooth (infinitely differentiable) near {@code r}, so that finite differences
     * at {@code r} converge at their nominal order. The default assumes an analytic loss is smooth
     * everywhere and any other loss possibly not at 0, the usual place of a kink ({@code |r|^p}); the
     * derivative checks skip the residuals where this is false (their neighbours on the grid are still
     * checked). Override for a loss with other singular points.
     *
     * @param loss one of {@link #losses()}
     * @param r    a residual
     * @return whether the derivative checks apply at {@code r}
     */
    protected boolean isSmoothAt(SeparableLoss loss, double r) {
        return loss.isAnalytic() || r != 0;
    }

    /** @return relative tolerance of derivatives against finite differences; default 1e-6 */
    protected double derivativeTolerance() {
        return 1e-6;
    }

    /** @return relative tolerance of identities that hold up to rounding (symmetry, sums, the bound); default 1e-12 */
    protected double roundingTolerance() {
        return 1e-12;
    }

    /** @return the seed of every random case; default fixed, so that runs are reproducible */
    protected long seed() {
        return 20240611L;
    }

    /** @return how many random residuals, vectors or matrices each check draws; default 200 */
    protected int randomCases() {
        return 200;
    }

    /**
     * @param loss one of {@link #losses()}
     * @return the residual grid of the derivative, symmetry and convexity checks (see the class comment)
     */
    protected double[] residualGrid(SeparableLoss loss) {
        double s = residualScale(loss);
        List<Double> grid = new ArrayList<>();
        grid.add(0.0);
        for (int k = -32; k <= 32; k++) {
            double r = s * Math.pow(10.0, k / 4.0);
            grid.add(r);
            grid.add(-r);
        }
        Random random = new Random(seed());
        for (int i = 0; i < randomCases(); i++) {
            grid.add(s * (20.0 * random.nextDouble() - 10.0));
        }
        return grid.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * @param loss one of {@link #losses()}
     * @return the extreme residuals of the finiteness check, both signs
     */
    protected double[] extremeResiduals(SeparableLoss loss) {
        double s = residualScale(loss);
        double[] magnitudes = {0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-150, 1e-20, 1e6 * s, 1e20, 1e150,
            1e300, Double.MAX_VALUE};
        double[] both = new double[2 * magnitudes.length];
        for (int i = 0; i < magnitudes.length; i++) {
            both[2 * i] = magnitudes[i];
            both[2 * i + 1] = -magnitudes[i];
        }
        return both;
    }

    // ------------------------------------------------------------------------------------------------

    @TestFactory
    public Stream<DynamicTest> phiPrimeMatchesCentralDifferencesOfPhi() {
        return perLoss("phi' matches central differences of phi", loss -> {
            for (double r : residualGrid(loss)) {
                checkDerivative(loss, r, loss::phi, loss::phiPrime, "phi'");
            }
        });
    }

    @TestFactory
    public Stream<DynamicTest> phiSecondMatchesCentralDifferencesOfPhiPrime() {
        return perLoss("phi'' matches central differences of phi'", loss -> {
            double s = residualScale(loss);
            for (double r : residualGrid(loss)) {
                if (loss.phiSecond(r) == Double.POSITIVE_INFINITY && !isRepresentable(loss, r)) {
                    // a cusp: the slopes of phi' across r must grow without bound
                    double coarse = symmetricQuotient(loss::phiPrime, r, 1e-4 * s);
                    double fine = symmetricQuotient(loss::phiPrime, r, 1e-8 * s);
                    assertTrue(coarse > 0 && fine > coarse, () -> loss + ": phi''(" + r + ") = +Infinity but the "
                            + "difference quotients of phi' do not grow: " + coarse + " at step 1e-4 s, " + fine
                            + " at step 1e-8 s");
                    continue;
                }
                checkDerivative(loss, r, loss::phiPrime, loss::phiSecond, "phi''");
            }
        });
    }

    @TestFactory
    public Stream<DynamicTest> symmetricWhereClaimed() {
        return losses().stream().filter(this::isSymmetric).map(loss -> DynamicTest.dynamicTest(
                "phi is even: " + loss, () -> {
                    List<Double> residuals = new ArrayList<>();
                    for (double r : residualGrid(loss)) {
                        residuals.add(r);
                    }
                    for (double r : extremeResiduals(loss)) {
                        residuals.add(r);
                    }
                    for (double r : residuals) {
                        assertClose(loss.phi(r), loss.phi(-r), loss + ": phi(r) != phi(-r) at r=" + r);
                        assertClose(loss.phiPrime(r), -loss.phiPrime(-r), loss + ": phi'(r) != -phi'(-r) at r=" + r);
                        assertClose(loss.phiSecond(r), loss.phiSecond(-r), loss + ": phi''(r) != phi''(-r) at r=" + r);
                    }
                }));
    }

    @TestFactory
    public Stream<DynamicTest> finiteAtExtremeResiduals() {
        return perLoss("finite at extreme residuals where the true values are", loss -> {
            for (double r : extremeResiduals(loss)) {
                double[] values = {loss.phi(r), loss.phiPrime(r), loss.phiSecond(r)};
                String[] names = {"phi", "phi'", "phi''"};
                for (int k = 0; k < 3; k++) {
                    String where = loss + ": " + names[k] + "(" + r + ") = " + values[k];
                    assertFalse(Double.isNaN(values[k]), where);
                    if (isRepresentable(loss, r)) {
                        assertTrue(Double.isFinite(values[k]), where + ", but the true value is a finite double");
                    }
                }
                assertNotEquals(Double.NEGATIVE_INFINITY, values[0], loss + ": phi(" + r + ") = -Infinity");
            }
        });
    }

    @TestFactory
    public Stream<DynamicTest> convexWhereClaimed() {
        return losses().stream().filter(SeparableLoss::isConvex).map(loss -> DynamicTest.dynamicTest(
                "convex as claimed: " + loss, () -> {
                    double[] grid = residualGrid(loss);
                    for (double r : grid) {
                        double second = loss.phiSecond(r);
                        assertTrue(second >= 0, () -> loss + " claims convexity but phi''(" + r + ") = " + second);
                    }
                    Random random = new Random(seed());
                    for (int i = 0; i < 5 * randomCases(); i++) {
                        double a = grid[random.nextInt(grid.length)];
                        double b = grid[random.nextInt(grid.length)];
                        if (!isRepresentable(loss, a) || !isRepresentable(loss, b)) {
                            continue;
                        }
                        double mid = 0.5 * a + 0.5 * b;
                        double fa = loss.phi(a);
                        double fb = loss.phi(b);
                        double fm = loss.phi(mid);
                        double slack = roundingTolerance() * Math.max(Math.abs(fm), Math.max(Math.abs(fa), Math.abs(fb)));
                        assertTrue(fm <= 0.5 * fa + 0.5 * fb + slack, () -> loss + " claims convexity but phi(" + mid
                                + ") = " + fm + " > (phi(" + a + ") + phi(" + b + "))/2 = " + (0.5 * fa + 0.5 * fb));
                    }
                }));
    }

    /**
     * A {@link QuadraticLoss} really is {@code coefficient() * r^2}: its coefficient is finite and positive,
     * and {@code phi(r) = c r^2}, {@code phi'(r) = 2 c r}, {@code phi''(r) = 2 c} within
     * {@link #roundingTolerance()} on the residual grid and at random residuals. The empirical risk trusts
     * the declaration (it never evaluates {@code phi} on the quadratic path), so a wrong one would give wrong
     * gradients without this check. Losses that are not quadratic are not checked.
     */
    @TestFactory
    public Stream<DynamicTest> quadraticLossesAreTheirCoefficientTimesTheSquare() {
        return losses().stream().filter(QuadraticLoss.class::isInstance).map(QuadraticLoss.class::cast)
                .map(loss -> DynamicTest.dynamicTest("phi(r) = coefficient() * r^2: " + loss, () -> {
                    double c = loss.coefficient();
                    assertTrue(c > 0 && Double.isFinite(c), () -> loss + ": coefficient() must be finite and > 0, got "
                            + c);
                    List<Double> residuals = new ArrayList<>();
                    for (double r : residualGrid(loss)) {
                        residuals.add(r);
                    }
                    Random random = new Random(seed());
                    for (int i = 0; i < randomCases(); i++) {
                        residuals.add(spread(random, residualScale(loss)));
                    }
                    residuals.removeIf(r -> !isRepresentable(loss, r));
                    for (double r : residuals) {
                        checkQuadratic(loss, r, "phi", loss.phi(r), c * (r * r));
                    }
                    for (double r : residuals) {
                        checkQuadratic(loss, r, "phi'", loss.phiPrime(r), 2 * c * r);
                    }
                    for (double r : residuals) {
                        checkQuadratic(loss, r, "phi''", loss.phiSecond(r), 2 * c);
                    }
                }));
    }

    private void checkQuadratic(QuadraticLoss loss, double r, String name, double actual, double expected) {
        double slack = roundingTolerance() * Math.abs(expected) + Double.MIN_NORMAL;
        assertTrue(Math.abs(actual - expected) <= slack, () -> loss + " declares coefficient() = " + loss.coefficient()
                + " but at residual r = " + r + " " + name + "(r) = " + actual + ", while coefficient() gives "
                + expected);
    }

    @TestFactory
    public Stream<DynamicTest> valueAndGradientAgreeWithPhiAndPhiPrime() {
        return perLoss("value and gradient agree with phi and phi'", loss -> {
            Random random = new Random(seed());
            double s = residualScale(loss);
            for (int i = 0; i < randomCases(); i++) {
                int n = 1 + random.nextInt(6);
                double[] z = new double[n];
                double[] y = new double[n];
                for (int j = 0; j < n; j++) {
                    z[j] = spread(random, s);
                    y[j] = spread(random, s);
                }
                double[] zCopy = z.clone();
                double[] yCopy = y.clone();
                double sum = 0;
                double abs = 0;
                double[] expected = new double[n];
                for (int j = 0; j < n; j++) {
                    double phi = loss.phi(z[j] - y[j]);
                    sum += phi;
                    abs += Math.abs(phi);
                    expected[j] = loss.phiPrime(z[j] - y[j]);
                }
                double value = loss.value(z, y);
                double expectedSum = sum;
                double slack = roundingTolerance() * abs;
                assertTrue(Math.abs(value - expectedSum) <= slack, () -> loss + ": value = " + value
                        + " but the sum of phi(z_j - y_j) is " + expectedSum);
                double[] out = new double[n];
                Arrays.fill(out, Double.NaN);
                loss.gradient(z, y, out);
                for (int j = 0; j < n; j++) {
                    int jj = j;
                    assertTrue(Math.abs(out[j] - expected[j]) <= roundingTolerance() * Math.abs(expected[j]),
                            () -> loss + ": gradient[" + jj + "] = " + out[jj] + " but phi'(z_j - y_j) = " + expected[jj]);
                }
                assertArrayEquals(zCopy, z, loss + ": value/gradient modified z");
                assertArrayEquals(yCopy, y, loss + ": value/gradient modified y");
            }
        });
    }

    @TestFactory
    public Stream<DynamicTest> l1BoundHoldsOnRandomResidualMatrices() {
        return perLoss("||Z - Y||_1 <= h(L), eq. (3.8)", loss -> {
            Random random = new Random(seed());
            double s = residualScale(loss);
            for (int i = 0; i < randomCases(); i++) {
                int outputDimension = 1 + random.nextInt(4);
                int samples = 1 + random.nextInt(8);
                int pattern = i % 3;                   // 0 spread, 1 equal magnitudes, 2 one entry (d_N = m = 1)
                if (pattern == 2) {
                    outputDimension = 1;
                    samples = 1;
                }
                double magnitude = s * Math.pow(10.0, 6.0 * random.nextDouble() - 3.0);
                double norm1 = 0;
                double risk = 0;
                double[] y = new double[outputDimension];
                double[] z = new double[outputDimension];
                for (int col = 0; col < samples; col++) {
                    for (int j = 0; j < outputDimension; j++) {
                        y[j] = spread(random, s);
                        double r = pattern == 0 ? spread(random, s) : (random.nextBoolean() ? magnitude : -magnitude);
                        z[j] = y[j] + r;
                        norm1 += Math.abs(z[j] - y[j]);
                    }
                    risk += loss.value(z, y);
                }
                double bound = loss.l1Bound(risk, outputDimension, samples);
                double l1 = norm1;
                double l = risk;
                int d = outputDimension;
                int m = samples;
                assertFalse(Double.isNaN(bound), () -> loss + ": l1Bound(" + l + ", " + d + ", " + m + ") is NaN");
                assertTrue(l1 <= bound + roundingTolerance() * Math.max(l1, Math.abs(bound)), () -> loss
                        + ": ||Z - Y||_1 = " + l1 + " > h(L) = l1Bound(" + l + ", " + d + ", " + m + ") = " + bound);
            }
        });
    }

    @TestFactory
    public Stream<DynamicTest> l1BoundIsNonDecreasingInTheRisk() {
        return perLoss("l1Bound is non-decreasing in the risk (Lemma 3.6)", loss -> {
            Random random = new Random(seed());
            double s = residualScale(loss);
            for (int i = 0; i < randomCases(); i++) {
                int outputDimension = 1 + random.nextInt(4);
                int samples = 1 + random.nextInt(8);
                double[] risks = new double[2];
                for (int k = 0; k < 2; k++) {
                    double[] z = new double[outputDimension];
                    double[] y = new double[outputDimension];
                    for (int col = 0; col < samples; col++) {
                        for (int j = 0; j < outputDimension; j++) {
                            z[j] = spread(random, s);
                        }
                        risks[k] += loss.value(z, y);
                    }
                }
                double low = Math.min(risks[0], risks[1]);
                double high = Math.max(risks[0], risks[1]);
                double hLow = loss.l1Bound(low, outputDimension, samples);
                double hHigh = loss.l1Bound(high, outputDimension, samples);
                int d = outputDimension;
                int m = samples;
                assertTrue(hLow <= hHigh, () -> loss + ": h(" + low + ") = " + hLow + " > h(" + high + ") = " + hHigh
                        + " for d_N = " + d + ", m = " + m);
            }
        });
    }

    /**
     * The bulk evaluation a pass over the data uses ({@link SeparableLoss#phiAndPrime}) agrees with
     * {@code phi} and {@code phi'} to 8 ulps (of the value, or of {@code 1e-300} near zero) for residuals within the
     * bound it is given, for bounds from {@code 1e-3 s} to {@code 1e3 s} and an unknown (infinite) one; it adds
     * to the sums it is handed and leaves the entries beyond {@code length} alone.
     */
    @TestFactory
    public Stream<DynamicTest> bulkEvaluationAgreesWithPhiAndPhiPrime() {
        return perLoss("phiAndPrime agrees with phi and phi'", loss -> {
            Random random = new Random(seed());
            double s = residualScale(loss);
            for (double bound : new double[] {1e-3 * s, 0.1 * s, 0.5 * s, s, 3 * s, 1e3 * s,
                Double.POSITIVE_INFINITY}) {
                int length = 1 + random.nextInt(300);
                double[] residuals = new double[length + 3];
                double[] sums = new double[length + 3];
                double[] r = new double[length];
                for (int i = 0; i < length; i++) {
                    double limit = Double.isInfinite(bound) ? 1e4 * s : bound;
                    r[i] = i == 0 ? 0.0 : i == 1 ? limit : i == 2 ? -limit : limit * (2 * random.nextDouble() - 1);
                    residuals[i] = r[i];
                    sums[i] = i % 2; // odd entries check that phi is added to what is there
                }
                residuals[length] = 7;
                sums[length] = 7;
                loss.phiAndPrime(residuals, sums, length, bound);
                for (int i = 0; i < length; i++) {
                    double phi = loss.phi(r[i]);
                    double prime = loss.phiPrime(r[i]);
                    double ri = r[i];
                    double b = bound;
                    double offset = i % 2;
                    double added = sums[i] - offset;
                    assertTrue(closeInUlps(added, phi, offset), () -> loss + ": phiAndPrime with bound " + b
                            + " gives phi(" + ri + ") = " + added + ", phi gives " + phi);
                    double bulkPrime = residuals[i];
                    assertTrue(closeInUlps(bulkPrime, prime, 0), () -> loss + ": phiAndPrime with bound " + b
                            + " gives phi'(" + ri + ") = " + bulkPrime + ", phiPrime gives " + prime);
                }
                assertEquals(7, residuals[length], 0.0, () -> loss + ": phiAndPrime wrote beyond length");
                assertEquals(7, sums[length], 0.0, () -> loss + ": phiAndPrime wrote beyond length");
            }
        });
    }

    /**
     * The bulk {@code phi''} of a curvature pass ({@link SeparableLoss#phiSeconds}) agrees with {@code phiSecond} to 8
     * ulps over residuals from 0 to {@code 1e4 s}, and leaves the entries beyond {@code length} alone.
     */
    @TestFactory
    public Stream<DynamicTest> bulkSecondDerivativeAgreesWithPhiSecond() {
        return perLoss("phiSeconds agrees with phiSecond", loss -> {
            Random random = new Random(seed());
            double s = residualScale(loss);
            for (double limit : new double[] {1e-3 * s, s, 1e4 * s}) {
                int length = 1 + random.nextInt(300);
                double[] residuals = new double[length + 1];
                double[] r = new double[length];
                for (int i = 0; i < length; i++) {
                    r[i] = i == 0 ? 0.0 : i == 1 ? limit : i == 2 ? -limit : limit * (2 * random.nextDouble() - 1);
                    residuals[i] = r[i];
                }
                residuals[length] = 7;
                loss.phiSeconds(residuals, length);
                for (int i = 0; i < length; i++) {
                    double expected = loss.phiSecond(r[i]);
                    double bulk = residuals[i];
                    double ri = r[i];
                    assertTrue(Double.doubleToLongBits(bulk) == Double.doubleToLongBits(expected)
                            || closeInUlps(bulk, expected, 0), () -> loss + ": phiSeconds gives phi''(" + ri + ") = "
                            + bulk + ", phiSecond gives " + expected);
                }
                assertEquals(7, residuals[length], 0.0, () -> loss + ": phiSeconds wrote beyond length");
            }
        });
    }

    /** Within 8 ulps of the larger of the two (and of {@code offset}, the sum's initial value). */
    private static boolean closeInUlps(double a, double b, double offset) {
        double scale = Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(offset), 1e-300));
        return Math.abs(a - b) <= 8 * Math.ulp(scale);
    }

    // ------------------------------------------------------------------------------------------------

    private Stream<DynamicTest> perLoss(String what, Consumer<SeparableLoss> check) {
        List<SeparableLoss> losses = losses();
        assertFalse(losses.isEmpty(), "losses() is empty: the contract has nothing to check");
        return losses.stream().map(loss -> DynamicTest.dynamicTest(what + ": " + loss, () -> check.accept(loss)));
    }

    /** A residual of random sign and a magnitude spread log-uniformly over {@code s [1e-2, 1e2]}. */
    private static double spread(Random random, double s) {
        return s * Math.pow(10.0, 4.0 * random.nextDouble() - 2.0) * (random.nextBoolean() ? 1 : -1);
    }

    private void checkDerivative(SeparableLoss loss, double r, DoubleUnaryOperator f, DoubleUnaryOperator derivative,
            String name) {
        if (!isSmoothAt(loss, r)) {
            return;
        }
        double s = residualScale(loss);
        double step = r == 0 ? 1e-4 * s : 1e-4 * Math.abs(r);
        double h = (r + step) - r;                      // a step exactly representable from r
        double[] at = {r - 2 * h, r - h, r, r + h, r + 2 * h};
        for (double x : at) {
            if (!isRepresentable(loss, x)) {
                return;
            }
        }
        double[] fx = new double[5];
        double size = 0;                                // the local size of the derivative
        double height = 0;                              // the local size of f, for the rounding noise
        for (int i = 0; i < 5; i++) {
            fx[i] = f.applyAsDouble(at[i]);
            double d = derivative.applyAsDouble(at[i]);
            if (!Double.isFinite(fx[i]) || !Double.isFinite(d)) {
                fail(loss + ": " + name + " check at " + at[i] + " (next to r=" + r + "): not finite ("
                        + fx[i] + ", " + d + ") where the true values are finite doubles");
            }
            size = Math.max(size, Math.abs(d));
            height = Math.max(height, Math.abs(fx[i]));
        }
        double difference = (fx[0] - 8 * fx[1] + 8 * fx[3] - fx[4]) / (12 * h);
        double exact = derivative.applyAsDouble(r);
        double tolerance = derivativeTolerance() * size + 32 * EPS * height / h;
        if (!(Math.abs(difference - exact) <= tolerance)) {
            fail(loss + ": " + name + "(" + r + ") = " + exact + " but the central difference with step " + h
                    + " gives " + difference + " (tolerance " + tolerance + ")");
        }
    }

    private static double symmetricQuotient(DoubleUnaryOperator f, double r, double h) {
        return (f.applyAsDouble(r + h) - f.applyAsDouble(r - h)) / (2 * h);
    }

    private void assertClose(double a, double b, String message) {
        assertFalse(Double.isNaN(a) || Double.isNaN(b), () -> message + ": NaN (" + a + " vs " + b + ")");
        if (a == b) {
            return;
        }
        double slack = roundingTolerance() * Math.max(Math.abs(a), Math.abs(b));
        assertTrue(Math.abs(a - b) <= slack, () -> message + ": " + a + " vs " + b);
    }
}
