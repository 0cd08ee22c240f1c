package org.lcnflow.integrators.hipparchus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.testkit.QuadraticField;

/** {@link HipparchusIntegrators}: any Hipparchus integrator behind the interface, and its parameter checks. */
class HipparchusWrappingTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    @Test
    void aWrappedClassicalRungeKuttaTakesTheStepsOfOurOwnRk4() {
        FlowIntegrator hipparchus = HipparchusIntegrators.wrap("hipparchus-rk4",
                () -> new ClassicalRungeKuttaIntegrator(0.01));
        FlowResult theirs = hipparchus.integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
        FlowResult ours = Integrators.create("rk4", Parameters.of(Map.of("step", 0.01)))
                .integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
        assertEquals(ours.steps(), theirs.steps());
        assertEquals(1.0, theirs.time(), 0.0);
        double[] a = ours.parameters();
        double[] b = theirs.parameters();
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], b[j], 1e-14 * Math.abs(a[j]), "component " + j);
        }
        assertEquals("hipparchus-rk4", hipparchus.name());
        assertFalse(hipparchus.isResumable());
    }

    @Test
    void theNamedFactoriesAreNotResumableAndNameThemselves() {
        for (FlowIntegrator integrator : new FlowIntegrator[] {
            HipparchusIntegrators.dormandPrince853(Parameters.empty()),
            HipparchusIntegrators.graggBulirschStoer(Parameters.empty()),
            HipparchusIntegrators.adamsBashforth(Parameters.empty()),
            HipparchusIntegrators.adamsMoulton(Parameters.of(Map.of("steps", 3)))}) {
            assertTrue(integrator.name().startsWith("hipparchus-"), integrator.name());
            assertTrue(integrator.toString().startsWith(integrator.name() + "("), integrator.toString());
            assertFalse(integrator.isResumable(), integrator.name());
        }
        assertEquals("hipparchus-adams-moulton(steps=3, rtol=1.0E-6, atol=1.0E-9)",
                HipparchusIntegrators.adamsMoulton(Parameters.of(Map.of("steps", 3))).toString());
    }

    @Test
    void badParametersAreNamedWithWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HipparchusIntegrators.dormandPrince853(Parameters.of(Map.of("rtol", 2.0))));
        assertTrue(e.getMessage().contains("hipparchus-dormand-prince-853") && e.getMessage().contains("rtol")
                && e.getMessage().contains("2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HipparchusIntegrators.adamsBashforth(Parameters.of(Map.of("steps", 9))));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HipparchusIntegrators.graggBulirschStoer(Parameters.of(Map.of("step", 0.1))));
        assertTrue(e.getMessage().contains("step"), e.getMessage());
    }

    @Test
    void aSupplierReturningNothingIsNamed() {
        FlowIntegrator broken = HipparchusIntegrators.wrap("hipparchus-broken", () -> null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> broken.integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE));
        assertTrue(e.getMessage().contains("hipparchus-broken"), e.getMessage());
    }
}
