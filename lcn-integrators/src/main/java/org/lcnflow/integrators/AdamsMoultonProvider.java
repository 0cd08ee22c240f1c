package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.multistep.AdamsFlowIntegrator;
import org.lcnflow.integrators.multistep.AdamsSteps;

/**
 * {@code adams-moulton}: the {@code s}-step Adams-Moulton method (order {@code s + 1}) in Nordsieck form,
 * predicted by Adams-Bashforth and corrected once (PECE, 2 gradient evaluations per step), with variable
 * step and error control, started by {@code s - 1} Dormand-Prince 5(4) steps; resumable bit for bit. See
 * {@link AdamsFlowIntegrator}.
 */
public final class AdamsMoultonProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "adams-moulton";

    /** The provider ServiceLoader instantiates. */
    public AdamsMoultonProvider() {
        super(NAME, "Adams-Moulton multistep in Nordsieck form (PECE), variable step, 2 evaluations per step;"
                        + " resumable",
                (name, reader) -> AdamsSteps.create(name, reader, AdamsFlowIntegrator.Method.MOULTON),
                "steps", AdamsSteps.DOC,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC);
    }
}
