package org.lcnflow.examples.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.plugin.Component;

/**
 * The comparison run as a user runs it ({@code main}), and the facts its table must show: exact
 * evaluation counts of the Runge-Kutta methods, convergence orders, tolerance proportionality and
 * balancedness drift shrinking with accuracy.
 */
class IntegratorComparisonTest {

    private static String output;
    private static Comparison comparison;

    @BeforeAll
    static void runMainAndCompare() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            IntegratorComparison.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        output = captured.toString(StandardCharsets.UTF_8);
        comparison = IntegratorComparison.compare();
    }

    private static Comparison.Row row(String name, String parameter, double value) {
        Parameters parameters = Parameters.empty().with(parameter, value);
        if (parameter.equals("rtol")) {
            parameters = parameters.with("atol", value / 100);
        }
        return comparison.row(new Component(name, parameters));
    }

    @Test
    void mainPrintsOneLinePerConfigurationWithTheReturnedNumbers() {
        List<String> lines = Arrays.asList(output.split("\n"));
        int header = lines.indexOf(Comparison.HEADER);
        assertTrue(header > 0, "the table header is printed:\n" + output);
        List<String> table = lines.subList(header + 1, lines.size());
        assertEquals(IntegratorComparison.configurations().size(), table.size(), output);
        for (int i = 0; i < table.size(); i++) {
            Comparison.Row expected = comparison.rows().get(i);
            String[] columns = table.get(i).substring(52).trim().split(" +");
            assertTrue(table.get(i).startsWith(expected.integrator().toString() + " "), table.get(i));
            assertEquals(expected.evaluations(), Long.parseLong(columns[0]), table.get(i));
            assertEquals(expected.steps(), Long.parseLong(columns[1]), table.get(i));
            assertEquals(expected.rejectedSteps(), Long.parseLong(columns[2]), table.get(i));
            assertEquals(expected.finalLoss(), Double.parseDouble(columns[4]), 1e-9 * expected.finalLoss(), table.get(i));
            assertEquals(expected.balancednessDrift(), Double.parseDouble(columns[5]),
                    1e-3 * expected.balancednessDrift(), table.get(i));
            assertEquals(expected.referenceDistance(), Double.parseDouble(columns[6]),
                    1e-3 * expected.referenceDistance(), table.get(i));
        }
        assertTrue(output.contains("reference   " + IntegratorComparison.REFERENCE + ": L = "), output);
    }

    @Test
    void everyRunReachesTheEndTimeAndLowersTheLoss() {
        assertEquals(StopReason.TIME_LIMIT, comparison.referenceResult().stopReason());
        assertEquals(IntegratorComparison.T_MAX, comparison.referenceResult().time());
        for (Comparison.Row row : comparison.rows()) {
            assertEquals(StopReason.TIME_LIMIT, row.stopReason(), row.toString());
            assertTrue(row.finalLoss() < comparison.initialLoss(), row.toString());
            assertEquals(comparison.referenceResult().value(), row.finalLoss(), 1e-6 * row.finalLoss(), row.toString());
        }
    }

    @Test
    void fixedStepMethodsCostStepsTimesStagesPlusOneEvaluations() {
        for (double h : new double[] {1e-3, 5e-4}) {
            Comparison.Row euler = row("euler", "step", h);
            assertEquals(Math.round(IntegratorComparison.T_MAX / h), euler.steps());
            assertEquals(euler.steps() * 1 + 1, euler.evaluations());
            assertEquals(0, euler.rejectedSteps());
        }
        for (double h : new double[] {2e-3, 1e-3}) {
            Comparison.Row rk4 = row("rk4", "step", h);
            assertEquals(Math.round(IntegratorComparison.T_MAX / h), rk4.steps());
            assertEquals(rk4.steps() * 4 + 1, rk4.evaluations());
            assertEquals(0, rk4.rejectedSteps());
        }
    }

    @Test
    void dormandPrince54CostsSixEvaluationsPerAttemptPlusTwo() {
        for (double rtol : new double[] {1e-4, 1e-6, 1e-8}) {
            Comparison.Row dp = row("dormand-prince-54", "rtol", rtol);
            assertEquals(2 + 6 * (dp.steps() + dp.rejectedSteps()), dp.evaluations(),
                    "1 at w0, 1 for the automatic initial step, 6 per attempted step: " + dp);
        }
    }

    @Test
    void halvingTheStepShowsEulersFirstOrderAndRk4sFourthOrder() {
        double euler = row("euler", "step", 1e-3).referenceDistance() / row("euler", "step", 5e-4).referenceDistance();
        double rk4 = row("rk4", "step", 2e-3).referenceDistance() / row("rk4", "step", 1e-3).referenceDistance();
        assertTrue(euler > 1.8 && euler < 2.2, "Euler's error ratio " + euler + ", 2 expected");
        assertTrue(rk4 > 12 && rk4 < 24, "RK4's error ratio " + rk4 + ", 16 expected");
    }

    @Test
    void theDistanceToTheReferenceShrinksWithTheToleranceOfDormandPrince54() {
        double previous = Double.POSITIVE_INFINITY;
        for (double rtol : new double[] {1e-4, 1e-6, 1e-8}) {
            Comparison.Row dp = row("dormand-prince-54", "rtol", rtol);
            assertTrue(dp.referenceDistance() < previous / 10, dp + " after " + previous);
            assertTrue(dp.referenceDistance() < 10 * rtol, "within the tolerance's order: " + dp);
            previous = dp.referenceDistance();
        }
        assertTrue(row("dormand-prince-853", "rtol", 1e-8).referenceDistance() < 1e-7);
        assertTrue(row("adams-moulton", "rtol", 1e-8).referenceDistance() < 1e-7);
    }

    @Test
    void balancednessDriftShrinksWithAccuracy() {
        double euler = row("euler", "step", 5e-4).balancednessDrift();
        double rk4 = row("rk4", "step", 1e-3).balancednessDrift();
        double dp54 = row("dormand-prince-54", "rtol", 1e-8).balancednessDrift();
        double dp853 = row("dormand-prince-853", "rtol", 1e-8).balancednessDrift();
        assertTrue(euler > rk4 && rk4 > dp54, "drift " + euler + " > " + rk4 + " > " + dp54);
        assertTrue(dp54 < 1e-8 && dp853 < 1e-8, "drift " + dp54 + ", " + dp853);
    }

    @Test
    void askingForARowThatWasNotRunListsTheRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> comparison.row(Component.of("midpoint")));
        assertTrue(e.getMessage().startsWith("no row for midpoint(); rows: [euler(step=0.001), "), e.getMessage());
    }
}
