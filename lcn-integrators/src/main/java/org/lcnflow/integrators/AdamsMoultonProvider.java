package org.lcnflow.integrators;

/**
 * {@code adams-moulton}: Hipparchus's {@code AdamsMoultonIntegrator}, a variable-step multistep method
 * in Nordsieck form, started by a Dormand-Prince 8(5,3) integration whose steps the observer does not
 * see (their evaluations are counted). Rejected steps are counted exactly, the starter's included.
 */
public final class AdamsMoultonProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "adams-moulton";

    /** The provider ServiceLoader instantiates. */
    public AdamsMoultonProvider() {
        super(NAME, "Hipparchus Adams-Moulton multistep, variable step; counts rejected steps",
                (name, reader) -> AdamsSteps.create(name, reader, CountingIntegrators.AdamsMoulton::new),
                "steps", AdamsSteps.DOC,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC);
    }
}
