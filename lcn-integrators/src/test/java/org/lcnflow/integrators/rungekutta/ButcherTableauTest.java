package org.lcnflow.integrators.rungekutta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tableaux satisfy Butcher's order conditions, one per rooted tree up to order 5 (Hairer, Norsett
 * and Wanner, Solving ODEs I, II.2): {@code sum_i b_i Phi_i(tree) = 1 / tree!}.
 */
class ButcherTableauTest {

    private static final double EXACT = 1e-14;

    /** One order condition: the elementary weight of a tree and its required value {@code 1/gamma}. */
    private record Condition(String tree, int order, double[] phi, double value) {
    }

    static Stream<ButcherTableau> tableaux() {
        return Stream.of(ButcherTableau.EULER, ButcherTableau.CLASSICAL_RK4, ButcherTableau.DORMAND_PRINCE_54);
    }

    @ParameterizedTest
    @MethodSource("tableaux")
    void nodesAreTheRowSumsOfA(ButcherTableau tableau) {
        double[] c = tableau.c();
        double[][] a = tableau.a();
        for (int i = 0; i < tableau.stages(); i++) {
            double sum = 0;
            for (double aij : a[i]) {
                sum += aij;
            }
            assertEquals(c[i], sum, EXACT, tableau + " row " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("tableaux")
    void weightsSatisfyTheOrderConditionsOfTheirOrder(ButcherTableau tableau) {
        for (Condition condition : conditions(tableau)) {
            if (condition.order() <= tableau.order()) {
                assertEquals(condition.value(), dot(tableau.b(), condition.phi()), EXACT,
                        tableau + " order condition for tree " + condition.tree());
            }
        }
    }

    static Stream<ButcherTableau> tableauxBelowOrderFive() {
        return Stream.of(ButcherTableau.EULER, ButcherTableau.CLASSICAL_RK4);
    }

    @ParameterizedTest
    @MethodSource("tableauxBelowOrderFive")
    void weightsViolateSomeConditionOfTheNextOrder(ButcherTableau tableau) {
        // the checks above discriminate: these methods are not of higher order than they claim
        int next = tableau.order() + 1;
        boolean violated = false;
        for (Condition condition : conditions(tableau)) {
            if (condition.order() == next) {
                violated |= Math.abs(dot(tableau.b(), condition.phi()) - condition.value()) > 1e-6;
            }
        }
        assertTrue(violated, tableau + " is not of order " + next);
    }

    @Test
    void dormandPrinceEmbeddedWeightsHaveOrderFourButNotFive() {
        ButcherTableau dp = ButcherTableau.DORMAND_PRINCE_54;
        boolean violatesFive = false;
        for (Condition condition : conditions(dp)) {
            double residual = dot(dp.bHat(), condition.phi()) - condition.value();
            if (condition.order() <= 4) {
                assertEquals(0, residual, EXACT, "bHat, tree " + condition.tree());
            } else {
                violatesFive |= Math.abs(residual) > 1e-6;
            }
        }
        assertTrue(violatesFive, "the embedded solution is of order 4 exactly");
    }

    @Test
    void dormandPrinceIsFirstSameAsLast() {
        ButcherTableau dp = ButcherTableau.DORMAND_PRINCE_54;
        int last = dp.stages() - 1;
        assertTrue(dp.isFsal());
        assertEquals(1.0, dp.c()[last]);
        assertArrayEquals(java.util.Arrays.copyOf(dp.b(), last), dp.a()[last], 0.0);
        assertEquals(0.0, dp.b()[last]);
        assertFalse(ButcherTableau.CLASSICAL_RK4.isFsal());
        assertFalse(ButcherTableau.EULER.isFsal());
    }

    @Test
    void isAnImmutableValue() {
        ButcherTableau rk4 = ButcherTableau.CLASSICAL_RK4;
        rk4.b()[0] = 99;
        rk4.a()[1][0] = 99;
        rk4.c()[1] = 99;
        assertEquals(1.0 / 6, rk4.b()[0]);
        assertEquals(0.5, rk4.a()[1][0]);
        assertEquals(0.5, rk4.c()[1]);
        ButcherTableau copy = ButcherTableau.of("rk4", rk4.c(), rk4.a(), rk4.b(), 4);
        assertEquals(rk4, copy);
        assertEquals(rk4.hashCode(), copy.hashCode());
        assertNotEquals(rk4, ButcherTableau.EULER);
        assertThrows(IllegalStateException.class, rk4::bHat);
    }

    @Test
    void rejectsTableauxThatAreNotExplicitMethods() {
        double[] c = {0, 1};
        double[] b = {0.5, 0.5};
        assertThrows(IllegalArgumentException.class,
                () -> ButcherTableau.of("implicit", c, new double[][] {{0.5}, {0.5}}, b, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ButcherTableau.of("short", c, new double[][] {{}, {1}}, new double[] {1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ButcherTableau.of("c0", new double[] {0.1, 1}, new double[][] {{}, {1}}, b, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ButcherTableau.of("nan", c, new double[][] {{}, {Double.NaN}}, b, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ButcherTableau.embedded("same", c, new double[][] {{}, {1}}, b, new double[] {1, 0}, 2, 2));
        assertTrue(ButcherTableau.of("heun", c, new double[][] {{}, {1}}, b, 2).toString().contains("heun"));
    }

    /** The conditions for all rooted trees up to order 5, with elementary weights from this tableau. */
    private static List<Condition> conditions(ButcherTableau tableau) {
        int s = tableau.stages();
        double[][] a = square(tableau.a(), s);
        double[] c = tableau.c();
        double[] c2 = times(c, c);
        double[] c3 = times(c2, c);
        double[] ac = apply(a, c);
        double[] ac2 = apply(a, c2);
        double[] aac = apply(a, ac);
        List<Condition> list = new ArrayList<>();
        list.add(new Condition("t", 1, ones(s), 1.0));
        list.add(new Condition("[t]", 2, c, 1.0 / 2));
        list.add(new Condition("[t,t]", 3, c2, 1.0 / 3));
        list.add(new Condition("[[t]]", 3, ac, 1.0 / 6));
        list.add(new Condition("[t,t,t]", 4, c3, 1.0 / 4));
        list.add(new Condition("[t,[t]]", 4, times(c, ac), 1.0 / 8));
        list.add(new Condition("[[t,t]]", 4, ac2, 1.0 / 12));
        list.add(new Condition("[[[t]]]", 4, aac, 1.0 / 24));
        list.add(new Condition("[t,t,t,t]", 5, times(c3, c), 1.0 / 5));
        list.add(new Condition("[t,t,[t]]", 5, times(c2, ac), 1.0 / 10));
        list.add(new Condition("[[t],[t]]", 5, times(ac, ac), 1.0 / 20));
        list.add(new Condition("[t,[t,t]]", 5, times(c, ac2), 1.0 / 15));
        list.add(new Condition("[t,[[t]]]", 5, times(c, aac), 1.0 / 30));
        list.add(new Condition("[[t,t,t]]", 5, apply(a, c3), 1.0 / 20));
        list.add(new Condition("[[t,[t]]]", 5, apply(a, times(c, ac)), 1.0 / 40));
        list.add(new Condition("[[[t,t]]]", 5, apply(a, ac2), 1.0 / 60));
        list.add(new Condition("[[[[t]]]]", 5, apply(a, aac), 1.0 / 120));
        return list;
    }

    private static double[][] square(double[][] rows, int s) {
        double[][] a = new double[s][s];
        for (int i = 0; i < s; i++) {
            System.arraycopy(rows[i], 0, a[i], 0, rows[i].length);
        }
        return a;
    }

    private static double[] apply(double[][] a, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    private static double[] times(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] * y[i];
        }
        return z;
    }

    private static double[] ones(int s) {
        double[] x = new double[s];
        java.util.Arrays.fill(x, 1);
        return x;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
