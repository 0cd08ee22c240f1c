package org.lcnflow.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.theory.Diagnostics;

/** A run resumed from any of its checkpoints ends bit for bit as the uninterrupted run. */
class CheckpointTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Architecture STRIDED = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
    private static final Dataset DATA = new SyntheticDataSource(30, 4, 0.1, 0.1, 3, 1).load(STRIDED);

    /** With a fixed step for the integrators that take one, else {@code rtol 1e-7, atol 1e-10}. */
    private static GradientFlow flow(String integrator) {
        FlowIntegrator chosen = REGISTRY.integrator(integrator, flowParameters(integrator));
        return GradientFlow.builder().architecture(STRIDED).data(DATA)
                .loss(REGISTRY.loss("pseudo-huber", Parameters.empty())).integrator(chosen)
                .randomInitialFilters(11, 0.5).stop(new StopCondition(0.5, 1e-9, 100_000)).recordEvery(0.01).build();
    }

    /** Saves a checkpoint every {@code every} steps. */
    private static final class Every implements Checkpoint.Sink {
        private final long every;
        private final List<Checkpoint> saved = new ArrayList<>();

        Every(long every) {
            this.every = every;
        }

        @Override
        public boolean due(double t, long steps) {
            return steps % every == 0;
        }

        @Override
        public void save(Checkpoint checkpoint) {
            saved.add(checkpoint);
        }
    }

    /** Every integrator a configuration can name. */
    static Stream<String> integrators() {
        return REGISTRY.integratorNames().stream();
    }

    @Test
    void everyBuiltInIntegratorIsResumable() {
        assertTrue(REGISTRY.integratorNames().size() >= 7, REGISTRY.integratorNames().toString());
        for (String name : REGISTRY.integratorNames()) {
            assertTrue(REGISTRY.integrator(name, flowParameters(name)).isResumable(), name);
        }
    }

    private static Parameters flowParameters(String integrator) {
        return REGISTRY.integratorProvider(integrator).parameters().containsKey("step")
                ? Parameters.of(Map.of("step", 2e-3)) : Parameters.of(Map.of("rtol", 1e-7, "atol", 1e-10));
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void resumingFromAnyCheckpointGivesTheUninterruptedRunBitForBit(String integrator) {
        GradientFlow flow = flow(integrator);
        FlowRun uninterrupted = flow.run();
        Every sink = new Every(17);
        FlowRun checkpointed = flow.run(FlowObserver.NONE, sink);
        assertSame(uninterrupted, checkpointed);
        assertTrue(sink.saved.size() >= 3, integrator + " saved " + sink.saved.size() + " checkpoints");
        for (Checkpoint checkpoint : List.of(sink.saved.get(0), sink.saved.get(sink.saved.size() / 2),
                sink.saved.get(sink.saved.size() - 1))) {
            FlowRun resumed = flow.resume(checkpoint, FlowObserver.NONE, Checkpoint.Sink.NONE);
            assertSame(uninterrupted, resumed);
        }
    }

    @Test
    void aCheckpointOfAnotherIntegratorIsRefused() {
        Every sink = new Every(5);
        flow("rk4").run(FlowObserver.NONE, sink);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flow("euler").resume(sink.saved.get(0), FlowObserver.NONE, Checkpoint.Sink.NONE));
        assertTrue(e.getMessage().contains("the saved state was made by rk4(step=0.002), not by euler(step=0.002)"),
                e.getMessage());
    }

    @Test
    void integratorsThatCannotSaveTheirStateRefuseCheckpoints() {
        GradientFlow flow = GradientFlow.builder().architecture(STRIDED).data(DATA)
                .loss(REGISTRY.loss("square", Parameters.empty()))
                .integrator(org.lcnflow.integrators.hipparchus.HipparchusIntegrators.adamsMoulton(Parameters.empty()))
                .randomInitialFilters(1, 0.5)
                .stop(StopCondition.atTime(0.1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flow.run(FlowObserver.NONE, new Every(3)));
        assertTrue(e.getMessage().contains("cannot save its whole state"), e.getMessage());
    }

    /** Equal results, trajectories (wall-clock seconds apart) and diagnostics. */
    static void assertSame(FlowRun expected, FlowRun actual) {
        assertEquals(expected.result(), actual.result());
        assertEquals(expected.trajectory().size(), actual.trajectory().size());
        for (int i = 0; i < expected.trajectory().size(); i++) {
            Trajectory.Point e = expected.trajectory().points().get(i);
            Trajectory.Point a = actual.trajectory().points().get(i);
            assertEquals(e.time(), a.time(), 0.0);
            assertEquals(e.steps(), a.steps());
            assertEquals(e.evaluations(), a.evaluations());
            assertEquals(e.loss(), a.loss(), 0.0);
            assertEquals(e.gradientNorm(), a.gradientNorm(), 0.0);
            assertArrayEquals(e.squaredLayerNorms(), a.squaredLayerNorms(), 0.0);
            assertArrayEquals(e.finalFilter(), a.finalFilter(), 0.0);
        }
        Diagnostics d = expected.diagnostics();
        Diagnostics r = actual.diagnostics();
        assertEquals(d.monotonicity(), r.monotonicity());
        assertArrayEquals(d.balancedness().initial(), r.balancedness().initial(), 0.0);
        assertArrayEquals(d.balancedness().last(), r.balancedness().last(), 0.0);
        assertEquals(d.balancedness().largestDrift(), r.balancedness().largestDrift(), 0.0);
        assertEquals(d.boundedness(), r.boundedness());
        assertEquals(d.hypotheses(), r.hypotheses());
        assertEquals(d.stopReason(), r.stopReason());
    }
}
