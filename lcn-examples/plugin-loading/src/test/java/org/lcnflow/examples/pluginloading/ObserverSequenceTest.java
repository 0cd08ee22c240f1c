package org.lcnflow.examples.pluginloading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * A host's {@link FlowObserver}, as Mockito records it, on real runs with the plugin's loss: the call
 * sequence the API promises (start once, one step per accepted step, finish once, in that order),
 * cancellation, and a failing provider that stops a run before it starts.
 */
class ObserverSequenceTest {

    /** A step well inside RK4's stability region for this problem. */
    private static final double H = 0.002;
    private static final Component RK4 = new Component("rk4", Parameters.of(Map.of("step", H)));

    private static FlowRunner runner;
    private static Dataset data;

    @BeforeAll
    static void loadThePluginFolderAndTheData() {
        runner = new FlowRunner(PluginRegistry.fromDirectory(PluginJars.customLossFolder()));
        data = runner.loadData(spec(StopCondition.atTime(1)));
    }

    private static FlowSpec spec(StopCondition stop) {
        return TeacherProblem.spec(Component.of("cauchy"), RK4, stop);
    }

    private static FlowObserver continuingObserver() {
        FlowObserver observer = mock(FlowObserver.class);
        when(observer.onStep(anyDouble(), any(), anyDouble(), any())).thenReturn(true);
        return observer;
    }

    @Test
    void theObserverSeesStartOnceEveryAcceptedStepThenFinishOnceInOrder() {
        FlowObserver observer = continuingObserver();
        FlowRun run = runner.run(spec(StopCondition.atTime(20 * H)), data, observer);
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason());
        assertEquals(20, run.result().steps());

        ArgumentCaptor<Double> times = ArgumentCaptor.forClass(Double.class);
        ArgumentCaptor<Double> values = ArgumentCaptor.forClass(Double.class);
        InOrder order = inOrder(observer);
        order.verify(observer).onStart(eq(0.0), any(), eq(run.trajectory().first().loss()), any());
        order.verify(observer, times(20)).onStep(times.capture(), any(), values.capture(), any());
        order.verify(observer).onFinish(run.result());
        // after every accepted step the integrator asks whether the observer wants its state; a mock says no
        verify(observer, times(20)).wantsState(anyDouble(), anyLong());
        verify(observer, never()).onState(any());
        verifyNoMoreInteractions(observer);

        List<Double> t = times.getAllValues();
        for (int k = 0; k < t.size(); k++) {
            assertEquals(H * (k + 1), t.get(k), 1e-12, "step " + k + " ends at t = (k+1) h");
        }
        List<Double> losses = values.getAllValues();
        for (int k = 1; k < losses.size(); k++) {
            assertTrue(losses.get(k) < losses.get(k - 1), "the loss decreases at every step: " + losses);
        }
        assertEquals(run.result().value(), losses.get(losses.size() - 1));
    }

    @Test
    void anObserverThatAnswersFalseCancelsWithAValidPartialResult() {
        FlowObserver observer = mock(FlowObserver.class);
        when(observer.onStep(anyDouble(), any(), anyDouble(), any())).thenReturn(true, true, false);
        FlowRun run = runner.run(spec(StopCondition.atTime(1)), data, observer);
        assertEquals(StopReason.CANCELLED, run.result().stopReason());
        assertEquals(3, run.result().steps());
        assertEquals(3 * H, run.result().time(), 1e-12);
        InOrder order = inOrder(observer);
        order.verify(observer).onStart(anyDouble(), any(), anyDouble(), any());
        order.verify(observer, times(3)).onStep(anyDouble(), any(), anyDouble(), any());
        order.verify(observer).onFinish(run.result());
        verify(observer, times(3)).wantsState(anyDouble(), anyLong());
        verifyNoMoreInteractions(observer);
    }

    @Test
    void aProviderThatRejectsItsParametersStopsTheRunBeforeTheObserverSeesAnything() {
        LossProvider strict = mock(LossProvider.class);
        when(strict.name()).thenReturn("strict");
        when(strict.create(any())).thenThrow(new IllegalArgumentException("strict: c must be > 0, got -1"));
        PluginRegistry withStrict = PluginRegistry.of(List.of(strict),
                List.copyOf(runner.registry().integratorProviders().values()),
                List.copyOf(runner.registry().dataSourceProviders().values()));
        FlowObserver observer = continuingObserver();
        FlowSpec spec = TeacherProblem.spec(new Component("strict", Parameters.of(Map.of("c", -1))), RK4,
                StopCondition.atTime(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FlowRunner(withStrict).run(spec, data, observer));
        assertEquals("strict: c must be > 0, got -1", e.getMessage());
        verify(strict).create(Parameters.of(Map.of("c", -1)));
        verifyNoInteractions(observer);
    }
}
