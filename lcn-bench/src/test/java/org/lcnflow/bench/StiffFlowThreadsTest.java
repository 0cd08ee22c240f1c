package org.lcnflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.CountingField;

/**
 * The stiff benchmark's flow ({@link StiffProblem}) on a risk of one thread and of two (on two, the batches of
 * gradients an implicit method asks for are evaluated side by side): the same result, bit for bit, every gradient
 * counted once by the integrator and at the field alike, and the run at the gradient tolerance.
 */
class StiffFlowThreadsTest {

    @ParameterizedTest
    @ValueSource(strings = {"radau-iia-5", "auto", "bdf"})
    void theFlowIsTheSameBitsOnOneAndTwoThreads(String integrator) {
        FlowResult one = StiffProblem.integrator(integrator).integrate(StiffProblem.risk(1),
                StiffProblem.initialFilters(), StiffProblem.stop(), FlowObserver.NONE);
        CountingField counted = new CountingField(StiffProblem.risk(2));
        FlowResult two = StiffProblem.integrator(integrator).integrate(counted, StiffProblem.initialFilters(),
                StiffProblem.stop(), FlowObserver.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, one.stopReason(), one.toString());
        assertEquals(one, two, integrator);
        assertEquals(two.evaluations(), counted.count(), integrator + ": the integrator's count is the field's");
        assertTrue(two.evaluations() <= 5000, two.toString());
    }
}
