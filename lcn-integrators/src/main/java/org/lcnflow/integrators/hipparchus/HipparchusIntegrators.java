package org.lcnflow.integrators.hipparchus;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.multistep.AdamsSteps;

/**
 * Hipparchus's own integrators behind {@link FlowIntegrator}, for programs that want them next to
 * lcn-flow's: as the reference implementation of a method (lcn-flow's {@code dormand-prince-853},
 * {@code gragg-bulirsch-stoer} and {@code adams-*} are its own, checked against these in its tests), or
 * any other Hipparchus {@link ODEIntegrator} through {@link #wrap}.
 *
 * <p>The flow runs through the same stop rules as every built-in integrator (exact end at {@code tMax},
 * gradient tolerance, step budget, cancellation, DIVERGED with the last finite state); evaluations are
 * counted at the field. They are <b>not resumable</b>: Hipparchus 4.0.2 keeps a run's step size, order and
 * Nordsieck vector inside its {@code integrate} method, so no checkpoint can hold them
 * ({@link FlowIntegrator#isResumable()} is false; {@code lcn train --checkpoint-every} refuses them). For
 * that reason they are not registered by name; the integrators a configuration names are all resumable.
 *
 * <p>The parameters are those of the built-in integrator of the same method, read and checked the same
 * way (e.g. {@code hipparchus-dormand-prince-853: rtol must be > 0 and < 1, got 2.0}).
 */
public final class HipparchusIntegrators {

    private HipparchusIntegrators() {
    }

    /**
     * Hipparchus's {@code DormandPrince853Integrator} (15 evaluations per attempted step, 12 stages and 3 for
     * its dense output, 2 at the start), counting its rejected steps.
     *
     * @param parameters {@code rtol} (1e-6), {@code atol} (1e-9), {@code minStep} (0), {@code maxStep}
     *                   (Infinity)
     * @return the integrator, named {@code hipparchus-dormand-prince-853}
     * @throws IllegalArgumentException for an unknown parameter or a value out of range
     */
    public static FlowIntegrator dormandPrince853(Parameters parameters) {
        String name = "hipparchus-dormand-prince-853";
        ParameterReader reader = new ParameterReader(name, parameters, Set.of("rtol", "atol", "minStep", "maxStep"));
        double rtol = reader.rtol();
        double atol = reader.atol();
        double minStep = reader.minStep();
        double maxStep = reader.maxStep(minStep);
        return new HipparchusFlowIntegrator(name,
                "rtol=" + rtol + ", atol=" + atol + ", minStep=" + minStep + ", maxStep=" + maxStep,
                (tMax, rejections) -> new CountingIntegrators.DormandPrince853(minStep, maxStep, atol, rtol,
                        rejections));
    }

    /**
     * Hipparchus's {@code GraggBulirschStoerIntegrator}; its rejected steps are not reported (always 0):
     * Hipparchus decides them inside one method with no hook to count them.
     *
     * @param parameters {@code rtol} (1e-6), {@code atol} (1e-9)
     * @return the integrator, named {@code hipparchus-gragg-bulirsch-stoer}
     * @throws IllegalArgumentException for an unknown parameter or a value out of range
     */
    public static FlowIntegrator graggBulirschStoer(Parameters parameters) {
        String name = "hipparchus-gragg-bulirsch-stoer";
        ParameterReader reader = new ParameterReader(name, parameters, Set.of("rtol", "atol"));
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(name, "rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> new GraggBulirschStoerIntegrator(0.0, Double.POSITIVE_INFINITY, atol, rtol));
    }

    /**
     * Hipparchus's {@code AdamsBashforthIntegrator}, started by a Dormand-Prince 8(5,3) integration whose steps
     * the observer does not see (their evaluations and rejections are counted).
     *
     * @param parameters {@code steps} (4, an integer in [2, 7]), {@code rtol} (1e-6), {@code atol} (1e-9)
     * @return the integrator, named {@code hipparchus-adams-bashforth}
     * @throws IllegalArgumentException for an unknown parameter or a value out of range
     */
    public static FlowIntegrator adamsBashforth(Parameters parameters) {
        return adams("hipparchus-adams-bashforth", parameters, false);
    }

    /**
     * Hipparchus's {@code AdamsMoultonIntegrator}, started like {@link #adamsBashforth}.
     *
     * @param parameters {@code steps} (4, an integer in [2, 7]), {@code rtol} (1e-6), {@code atol} (1e-9)
     * @return the integrator, named {@code hipparchus-adams-moulton}
     * @throws IllegalArgumentException for an unknown parameter or a value out of range
     */
    public static FlowIntegrator adamsMoulton(Parameters parameters) {
        return adams("hipparchus-adams-moulton", parameters, true);
    }

    private static FlowIntegrator adams(String name, Parameters parameters, boolean moulton) {
        ParameterReader reader = new ParameterReader(name, parameters, Set.of("steps", "rtol", "atol"));
        int steps = AdamsSteps.read(reader); // the range of lcn-flow's own Adams methods
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(name, "steps=" + steps + ", rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> moulton
                        ? new CountingIntegrators.AdamsMoulton(steps, tMax, atol, rtol, rejections)
                        : new CountingIntegrators.AdamsBashforth(steps, tMax, atol, rtol, rejections));
    }

    /**
     * Any Hipparchus integrator. Hipparchus integrators are mutable, so {@code newIntegrator} must build a fresh
     * one, without step handlers, for every run. Rejected steps are not reported (0).
     *
     * @param name          the name the integrator reports (e.g. {@code "hipparchus-luther"})
     * @param newIntegrator builds one run's integrator
     * @return the integrator; its {@code toString()} is its name
     */
    public static FlowIntegrator wrap(String name, Supplier<? extends ODEIntegrator> newIntegrator) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(newIntegrator, "newIntegrator is null");
        return new HipparchusFlowIntegrator(name, "custom", (tMax, rejections) -> Objects.requireNonNull(
                newIntegrator.get(), () -> name + ": the supplier returned no integrator"));
    }
}
