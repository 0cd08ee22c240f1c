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

    static int read(ParameterReader reader) {
        return reader.integer("steps", DEFAULT, MIN, MAX);
    }
}
