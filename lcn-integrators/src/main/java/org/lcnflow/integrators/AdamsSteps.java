package org.lcnflow.integrators;

/**
 * The parameters of the Adams integrators: {@code steps}, {@code rtol}, {@code atol}. Above 7 steps the
 * Adams methods lose so much stability (their stability regions shrink with the order; Hairer, Norsett
 * and Wanner, Solving ODEs I, III.3) that on the flow of a plain quadratic they need several times the
 * evaluations, so larger values are refused.
 */
final class AdamsSteps {

    static final int DEFAULT = 4;
    static final int MIN = 2;
    static final int MAX = 7;
    static final String DOC = "number of previous steps the method uses (Adams-Bashforth has order steps,"
            + " Adams-Moulton steps + 1); default " + DEFAULT + "; an integer in [" + MIN + ", " + MAX + "]";

    private AdamsSteps() {
    }

    static int read(ParameterReader reader) {
        return reader.integer("steps", DEFAULT, MIN, MAX);
    }

    /** An Adams integrator from the parameters {@code steps}, {@code rtol} and {@code atol}. */
    static org.lcnflow.api.FlowIntegrator create(String name, ParameterReader reader,
                                                 AdamsFlowIntegrator.Method method) {
        int steps = read(reader);
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new AdamsFlowIntegrator(name, method, steps, rtol, atol);
    }
}
