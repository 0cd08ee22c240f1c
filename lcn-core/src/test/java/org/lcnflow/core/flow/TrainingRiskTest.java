package org.lcnflow.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.ChunkedData;
import org.lcnflow.core.theory.Diagnostics;

/**
 * A flow on a {@link TrainingRisk} whose data are not in one place (sums over chunks) is the flow on the data in
 * memory: the same run, the same diagnostics up to rounding, the same verdict.
 */
class TrainingRiskTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Architecture STRIDED = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
    private static final Architecture FILLING = Architecture.of(9, new int[] {3, 2}, new int[] {1, 1});

    private static GradientFlow.Builder flow(Architecture a, String integrator) {
        return GradientFlow.builder()
                .integrator(REGISTRY.integrator(integrator, Parameters.empty()))
                .initialFilters(InitialFilters.gaussian(a, 7, 0.5))
                .stop(new StopCondition(200.0, 1e-9, 200_000))
                .recordEvery(1.0);
    }

    private static void close(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    private static void sameRun(Architecture a, String lossName) {
        Dataset data = new SyntheticDataSource(40, 4, 0.1, 0.1, 3, 1).load(a);
        Loss loss = REGISTRY.loss(lossName, Parameters.empty());
        FlowRun memory = flow(a, "auto").architecture(a).data(data).loss(loss).build().run();
        ChunkedData chunked = new ChunkedData(a, data, loss, 7);
        FlowRun sums = flow(a, "auto").risk(chunked).build().run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, memory.result().stopReason());
        assertArrayEquals(memory.result().parameters(), sums.result().parameters(), "the same run, bit for bit");
        assertEquals(memory.trajectory().points().size(), sums.trajectory().points().size());
        Diagnostics m = memory.diagnostics();
        Diagnostics s = sums.diagnostics();
        assertEquals(m.boundedness().rank(), s.boundedness().rank());
        close(m.boundedness().bound().getAsDouble(), s.boundedness().bound().getAsDouble(), 1e-8, "g(L(w0))");
        assertEquals(m.hypotheses().failures(), s.hypotheses().failures());
        EndPoint me = m.endPoint();
        EndPoint se = s.endPoint();
        assertEquals(me.verdict(), se.verdict(), me.reason() + " / " + se.reason());
        close(me.value(), se.value(), 1e-12, "L at the end");
        close(me.optimum().value(), se.optimum().value(), 1e-10, "L*");
        assertEquals(me.hessian().verdict(), se.hessian().verdict());
        assertTrue(chunked.passes > 0, "the end point was analysed from the chunks' sums");
    }

    @Test
    void aFillingNetworkEndsCertifiedFromSumsAsInMemory() {
        sameRun(FILLING, "pseudo-huber");
        sameRun(FILLING, "square");
    }

    @Test
    void aStridedNetworkGetsTheSameVerdictFromSums() {
        sameRun(STRIDED, "log-cosh");
    }

    @Test
    void aFlowOnATrainingRiskHasNoRiskInMemoryToFork() {
        Dataset data = new SyntheticDataSource(10, 4, 0.1, 0.1, 3, 1).load(FILLING);
        Loss loss = REGISTRY.loss("square", Parameters.empty());
        GradientFlow flow = flow(FILLING, "auto").risk(new ChunkedData(FILLING, data, loss, 3)).build();
        assertThrows(IllegalStateException.class, flow::risk);
        assertEquals(10, flow.trainingRisk().sampleCount());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> flow(FILLING, "auto").data(data).risk(new ChunkedData(FILLING, data, loss, 3)).build());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        Loss other = REGISTRY.loss("log-cosh", Parameters.empty());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> flow(FILLING, "auto").loss(other).risk(new ChunkedData(FILLING, data, loss, 3)).build());
        assertTrue(mismatch.getMessage().contains("loss"), mismatch.getMessage());
    }
}
