package org.lcnflow.integrators;

/**
 * The {@code steps} parameter of the Adams integrators. Hipparchus takes any number from 2; above 7
 * its Adams methods lose so much stability that on the flow of a plain quadratic they need 6 to 10
 * times the evaluations, so larger values are refused.
 */
final class AdamsSteps {

    static final int DEFAULT = 4;
    static final int MIN = 2;
    static final int MAX = 7;
    static final String DOC = "number of previous steps the method uses; default " + DEFAULT + "; an integer in ["
            + MIN + ", " + MAX + "]";

    private AdamsSteps() {
    }

    /** Builds one run's Hipparchus Adams integrator. */
    @FunctionalInterface
    interface Method {
        org.hipparchus.ode.ODEIntegrator create(int steps, double tMax, double atol, double rtol,
                                                HipparchusFlowIntegrator.RejectionCounter rejections);
    }

    static int read(ParameterReader reader) {
        return reader.integer("steps", DEFAULT, MIN, MAX);
    }

    /** An Adams integrator from the parameters {@code steps}, {@code rtol} and {@code atol}. */
    static org.lcnflow.api.FlowIntegrator create(String name, ParameterReader reader, Method method) {
        int steps = read(reader);
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(name, "steps=" + steps + ", rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> method.create(steps, tMax, atol, rtol, rejections));
    }
}
