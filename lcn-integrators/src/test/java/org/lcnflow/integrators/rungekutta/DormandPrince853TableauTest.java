package org.lcnflow.integrators.rungekutta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 8(5,3) tableau against Butcher's order conditions for every rooted tree up to order 9, generated
 * here (Hairer, Norsett and Wanner, Solving ODEs I, II.2): a tree {@code t = [t_1, ..., t_m]} has order
 * {@code |t| = 1 + sum |t_k|}, density {@code gamma(t) = |t| prod gamma(t_k)} and elementary weight
 * {@code Phi_i(t) = prod_k (A Phi(t_k))_i}, and weights {@code b} have order {@code p} when
 * {@code b . Phi(t) = 1 / gamma(t)} for all trees with {@code |t| <= p}. The generator is checked against
 * the number of trees of each order (1, 1, 2, 4, 9, 20, 48, 115, 286: OEIS A000081) and against the
 * methods of known order.
 */
class DormandPrince853TableauTest {

    private static final int MAX_ORDER = 9;
    private static final ButcherTableau DP853 = ButcherTableau.DORMAND_PRINCE_853;

    /** A rooted tree: its order, density, and canonical index in {@link #TREES}. */
    private record Tree(int order, double gamma, int[] children) {
    }

    /** All trees up to {@link #MAX_ORDER}, by increasing order; children as indices into this list. */
    private static final List<Tree> TREES = trees(MAX_ORDER);

    @Test
    void generatesEveryRootedTreeOnce() {
        int[] count = new int[MAX_ORDER + 1];
        for (Tree tree : TREES) {
            count[tree.order()]++;
        }
        assertArrayEquals(new int[] {0, 1, 1, 2, 4, 9, 20, 48, 115, 286}, count);
    }

    @Test
    void theGeneratorConfirmsTheKnownOrdersOfTheOtherTableaux() {
        assertEquals(1, orderOf(ButcherTableau.EULER, ButcherTableau.EULER.b()));
        assertEquals(4, orderOf(ButcherTableau.CLASSICAL_RK4, ButcherTableau.CLASSICAL_RK4.b()));
        assertEquals(5, orderOf(ButcherTableau.DORMAND_PRINCE_54, ButcherTableau.DORMAND_PRINCE_54.b()));
        assertEquals(4, orderOf(ButcherTableau.DORMAND_PRINCE_54, ButcherTableau.DORMAND_PRINCE_54.bHat()));
    }

    @Test
    void propagatedWeightsHaveOrderEightExactly() {
        assertEquals(8, DP853.order());
        assertEquals(8, orderOf(DP853, DP853.b()));
    }

    @Test
    void estimatorsHaveOrdersFiveAndThreeExactly() {
        assertEquals(5, DP853.embeddedOrder());
        assertEquals(5, orderOf(DP853, DP853.bHat()));
        assertEquals(3, DP853.secondEmbeddedOrder());
        assertEquals(3, orderOf(DP853, DP853.bTilde()));
    }

    @Test
    void nodesAreTheRowSumsOfA() {
        double[] c = DP853.c();
        double[][] a = DP853.a();
        for (int i = 0; i < DP853.stages(); i++) {
            double sum = 0;
            double magnitude = 0;
            for (double aij : a[i]) {
                sum += aij;
                magnitude += Math.abs(aij);
            }
            // the 30-digit coefficients, each rounded to a double: a few ulps of the largest terms
            assertEquals(c[i], sum, 4 * Math.ulp(Math.max(magnitude, 1)), "row " + i);
        }
    }

    @Test
    void hasTwelveStagesTheLastAtTheEndButNotFsal() {
        assertEquals(12, DP853.stages());
        assertEquals(1.0, DP853.c()[11]);
        assertFalse(DP853.isFsal(), "b[11] != 0: the new point needs one more evaluation");
        assertTrue(DP853.b()[11] != 0);
        assertTrue(DP853.hasSecondEstimator());
        assertFalse(ButcherTableau.DORMAND_PRINCE_54.hasSecondEstimator());
        assertEquals("ButcherTableau(dormand-prince-853, stages=12, order=8(5,3))", DP853.toString());
    }

    @Test
    void errorWeightsAreTheDifferencesOfTheSolutions() {
        double[] b = DP853.b();
        double[] e = DP853.errorWeights();
        double[] bHat = DP853.bHat();
        for (int i = 0; i < b.length; i++) {
            assertEquals(e[i], b[i] - bHat[i], Math.ulp(b[i]) * 2, "stage " + i);
        }
        // the estimators use the first, sixth to twelfth stages (order 5) and the first, ninth, twelfth (order 3)
        double[] bTilde = DP853.bTilde();
        for (int i : new int[] {1, 2, 3, 4}) {
            assertEquals(0.0, e[i]);
            assertEquals(0.0, b[i]);
        }
        assertEquals(3, Arrays.stream(bTilde).filter(x -> x != 0).count());
        ButcherTableau dp54 = ButcherTableau.DORMAND_PRINCE_54;
        double[] e54 = dp54.errorWeights();
        for (int i = 0; i < e54.length; i++) {
            assertEquals(dp54.b()[i] - dp54.bHat()[i], e54[i], 0.0, "dormand-prince-54 stage " + i);
        }
    }

    @Test
    void carriesDop853sStepControlAndDormandPrince54Dopri5s() {
        ButcherTableau.StepControl dop853 = DP853.stepControl();
        assertEquals(ButcherTableau.StepControl.DOP853, dop853);
        assertEquals(1.0 / 8, dop853.exponent());
        assertEquals(0.0, dop853.beta());
        assertEquals(0.9, dop853.safety());
        assertEquals(1.0 / 3, dop853.minFactor());
        assertEquals(6.0, dop853.maxFactor());
        ButcherTableau.StepControl dopri5 = ButcherTableau.DORMAND_PRINCE_54.stepControl();
        assertEquals(ButcherTableau.StepControl.DOPRI5, dopri5);
        assertEquals(0.2, dopri5.exponent());
        assertEquals(0.2 - 0.75 * 0.04, dopri5.alpha());
        assertEquals(0.04, dopri5.beta());
        assertEquals(0.2, dopri5.minFactor());
        assertEquals(10.0, dopri5.maxFactor());
        assertThrows(IllegalStateException.class, ButcherTableau.CLASSICAL_RK4::stepControl);
        assertThrows(IllegalStateException.class, ButcherTableau.DORMAND_PRINCE_54::bTilde);
        assertThrows(IllegalArgumentException.class, () -> new ButcherTableau.StepControl(0.2, 0.2, 0, 0.9, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> new ButcherTableau.StepControl(0, 0.2, 0, 0.9, 0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> new ButcherTableau.StepControl(0.2, 0.2, 0.3, 0.9, 0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> ButcherTableau.StepControl.proportionalIntegral(0));
    }

    /**
     * @return the largest {@code p} for which {@code weights} satisfy all conditions up to order {@code p}
     *         (to {@code 1e-11} relative: DOP853's decimals rounded to doubles reach {@code 2e-13}), checked
     *         to fail clearly at {@code p + 1}
     */
    private static int orderOf(ButcherTableau tableau, double[] weights) {
        double[][] phi = elementaryWeights(tableau);
        int order = 0;
        for (int p = 1; p <= MAX_ORDER; p++) {
            double worst = 0;
            for (int t = 0; t < TREES.size(); t++) {
                Tree tree = TREES.get(t);
                if (tree.order() == p) {
                    double residual = (dot(weights, phi[t]) - 1 / tree.gamma()) * tree.gamma();
                    worst = Math.max(worst, Math.abs(residual));
                }
            }
            // satisfied to rounding (relative to 1/gamma), or violated clearly
            if (worst <= 1e-11) {
                order = p;
            } else {
                assertTrue(worst > 1e-6, "order " + p + " neither holds nor fails clearly: " + worst);
                break;
            }
        }
        assertTrue(order < MAX_ORDER, "the weights must fail at some order below " + MAX_ORDER);
        return order;
    }

    private static double[][] elementaryWeights(ButcherTableau tableau) {
        int s = tableau.stages();
        double[][] a = tableau.a();
        double[][] phi = new double[TREES.size()][];
        for (int t = 0; t < TREES.size(); t++) {
            double[] p = new double[s];
            Arrays.fill(p, 1);
            for (int child : TREES.get(t).children()) {
                for (int i = 0; i < s; i++) {
                    p[i] *= dot(a[i], phi[child]);
                }
            }
            phi[t] = p;
        }
        return phi;
    }

    /**
     * Trees of order n are a root with a multiset of subtrees of total order n - 1; a multiset is a
     * non-decreasing sequence of tree indices, so each tree is generated once.
     */
    private static List<Tree> trees(int maxOrder) {
        List<Tree> trees = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            addForests(trees, n, n - 1, 0, new ArrayList<>());
        }
        return trees;
    }

    private static void addForests(List<Tree> trees, int order, int remaining, int from, List<Integer> children) {
        if (remaining == 0) {
            double gamma = order;
            for (int child : children) {
                gamma *= trees.get(child).gamma();
            }
            trees.add(new Tree(order, gamma, children.stream().mapToInt(Integer::intValue).toArray()));
            return;
        }
        int size = trees.size();
        for (int t = from; t < size; t++) {
            int childOrder = trees.get(t).order();
            if (childOrder <= remaining && childOrder < order) {
                children.add(t);
                addForests(trees, order, remaining - childOrder, t, children);
                children.remove(children.size() - 1);
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
