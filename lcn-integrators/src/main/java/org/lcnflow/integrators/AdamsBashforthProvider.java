package org.lcnflow.integrators;

/**
 * {@code adams-bashforth}: Hipparchus's {@code AdamsBashforthIntegrator}, a variable-step multistep method
 * in Nordsieck form, started by a Dormand-Prince 8(5,3) integration whose steps the observer does not
 * see (their evaluations are counted). Rejected steps are counted exactly, the starter's included.
 */
public final class AdamsBashforthProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "adams-bashforth";

    /** The provider ServiceLoader instantiates. */
    public AdamsBashforthProvider() {
        super(NAME, "Hipparchus Adams-Bashforth multistep, variable step; counts rejected steps",
                (name, reader) -> AdamsSteps.create(name, reader, CountingIntegrators.AdamsBashforth::new),
                "steps", AdamsSteps.DOC,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC);
    }
}
