package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.multistep.AdamsFlowIntegrator;
import org.lcnflow.integrators.multistep.AdamsSteps;

/**
 * {@code adams-bashforth}: the explicit {@code s}-step Adams-Bashforth method (order {@code s}) in
 * Nordsieck form with variable step and error control, one gradient evaluation per step, started by
 * {@code s - 1} Dormand-Prince 5(4) steps; resumable bit for bit. See {@link AdamsFlowIntegrator}.
 */
public final class AdamsBashforthProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "adams-bashforth";

    /** The provider ServiceLoader instantiates. */
    public AdamsBashforthProvider() {
        super(NAME, "Adams-Bashforth multistep in Nordsieck form, variable step, 1 evaluation per step; resumable",
                (name, reader) -> AdamsSteps.create(name, reader, AdamsFlowIntegrator.Method.BASHFORTH),
                "steps", AdamsSteps.DOC,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC);
    }
}
