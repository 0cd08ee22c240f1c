package org.lcnflow.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.RiskOptions;

/**
 * A sweep whose runs advance in batches, one pass over the data for the batch's filters, gives every run's row as
 * when it runs alone, whatever the batch size and the threads; a run that ends early leaves the others going.
 */
class BatchedSweepTest {

    private static final Architecture ARCHITECTURE = Architecture.of(21, new int[] {3, 3, 2}, new int[] {1, 2, 1});

    private static FlowSpec spec(String integrator) {
        return new FlowSpec(ARCHITECTURE, new Component("synthetic", Parameters.of(Map.of("m", 600L, "seed", 4L,
                "noise", 0.2))), new Component("pseudo-huber", Parameters.of(Map.of("delta", 0.5))),
                new Component(integrator, Parameters.empty()), new Initialization.Seeded(1, 0.5),
                new StopCondition(50, 1e-6, 3000), 50);
    }

    private static List<String> rows(Landscape.Result result) {
        List<String> rows = new ArrayList<>();
        for (Landscape.Row r : result.rows()) {
            rows.add(r.toString());
        }
        return rows;
    }

    @Test
    void batchesGiveEveryRunItsOwnRow() {
        FlowRunner runner = new FlowRunner(PluginRegistry.load());
        for (String integrator : new String[] {"auto", "dormand-prince-54"}) {
            FlowSpec spec = spec(integrator);
            Dataset data = runner.loadData(spec);
            assertTrue(runner.prepare(spec, data, RiskOptions.defaults().withThreads(1)).risk().batchesPasses(),
                    "this problem's passes serve batches");
            Landscape.Listener quiet = (finished, row) -> { };
            List<String> alone = rows(Landscape.run(runner, spec, data, 11, 8, 0.5, 1, 1, quiet));
            for (int[] setting : new int[][] {{1, 8}, {2, 3}, {2, 0}}) {
                int[] finished = new int[1];
                List<String> batched = rows(Landscape.run(runner, spec, data, 11, 8, 0.5, setting[0], setting[1],
                        (count, row) -> finished[0] = count));
                assertEquals(alone, batched, integrator + ", threads " + setting[0] + ", batch " + setting[1]);
                assertEquals(8, finished[0], "every run reported");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Landscape.run(runner, spec("auto"),
                runner.loadData(spec("auto")), 1, 2, 0.5, 1, -1, (count, row) -> { }));
    }
}
