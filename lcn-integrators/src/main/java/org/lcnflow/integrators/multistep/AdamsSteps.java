package org.lcnflow.integrators.multistep;

import org.lcnflow.integrators.control.ParameterReader;

/**
 * The parameters of the Adams integrators ({@link AdamsFlowIntegrator}): {@code steps}, {@code rtol},
 * {@code atol}. The stability regions of the Adams methods shrink as the number of steps grows (Hairer,
 * Norsett and Wanner, Solving ODEs I, III.3): near a minimum, where stability rather than accuracy limits
 * the step, Adams-Bashforth with 7 steps needs about 4 times the evaluations of 4 steps on the two-layer
 * factorisation of the tests; larger values are refused.
 */
public final class AdamsSteps {

    static final int DEFAULT = 4;
    static final int MIN = 2;
    static final int MAX = 7;
    public static final String DOC = "number of previous steps the method uses (Adams-Bashforth has order steps,"
            + " Adams-Moulton steps + 1); default " + DEFAULT + "; an integer in [" + MIN + ", " + MAX + "]";

    private AdamsSteps() {
    }

    public static int read(ParameterReader reader) {
        return reader.integer("steps", DEFAULT, MIN, MAX);
    }

    /** An Adams integrator from the parameters {@code steps}, {@code rtol} and {@code atol}. */
    public static org.lcnflow.api.FlowIntegrator create(String name, ParameterReader reader,
                                                 AdamsFlowIntegrator.Method method) {
        int steps = read(reader);
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new AdamsFlowIntegrator(name, method, steps, rtol, atol);
    }
}
