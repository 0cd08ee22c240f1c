package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.run.CheckpointFiles;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.flow.Checkpoint;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * For every integrator a configuration can name: a checkpoint file written mid-run (through the same
 * {@link CheckpointFiles} the command writes, so each integrator's whole state goes through JSON) resumed
 * with {@code lcn train --resume} ends with the uninterrupted run's final filters, counters and trajectory,
 * bit for bit.
 */
class ResumeEveryIntegratorTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    @TempDir
    Path dir;

    static Stream<String> integrators() {
        return REGISTRY.integratorNames().stream();
    }

    private static String integratorJson(String name) {
        return REGISTRY.integratorProvider(name).parameters().containsKey("step")
                ? "{\"name\": \"" + name + "\", \"step\": 0.002}"
                : "{\"name\": \"" + name + "\", \"rtol\": 1e-8, \"atol\": 1e-11}";
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void aRunResumedFromAMidwayCheckpointFileEndsBitForBitAsTheUninterruptedOne(String name) throws IOException {
        Problems.writeData(dir);
        Path config = Problems.write(dir, name + ".json", Problems.config(
                "{\"name\": \"pseudo-huber\", \"delta\": 0.7}", integratorJson(name),
                ",\n  \"record\": {\"every\": 0.05}"));
        Path reference = dir.resolve("reference");
        CliRun uninterrupted = CliRun.of("train", "--config", config.toString(), "--out", reference.toString(), "-q");
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        JsonNode expected = result(reference);
        long steps = expected.get("steps").longValue();
        assertTrue(steps >= 6, name + " took " + steps + " steps");

        // the state after about a third of the steps, saved as the command saves it
        RunConfig run = ConfigReader.read(config, REGISTRY);
        List<Checkpoint> saved = new ArrayList<>();
        long at = steps / 3;
        new FlowRunner(REGISTRY).prepare(run.spec()).run(FlowObserver.NONE, new Checkpoint.Sink() {
            @Override
            public boolean due(double t, long step) {
                return step == at;
            }

            @Override
            public void save(Checkpoint checkpoint) {
                saved.add(checkpoint);
            }
        });
        assertEquals(1, saved.size(), "one checkpoint at step " + at);
        Path out = dir.resolve("resumed");
        AtomicFiles.prepareFolder(out);
        CheckpointFiles.write(out, run, saved.get(0));

        CliRun resumed = CliRun.of("train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        JsonNode actual = result(out);
        for (int layer = 0; layer < expected.get("finalFilters").size(); layer++) {
            assertArrayEquals(doubles(expected.get("finalFilters").get(layer)),
                    doubles(actual.get("finalFilters").get(layer)), 0.0, name + ", layer " + layer);
        }
        for (String field : List.of("time", "loss", "gradientNorm", "steps", "rejectedSteps", "evaluations",
                "stopReason")) {
            assertEquals(expected.get(field), actual.get(field), name + ": " + field);
        }
        assertEquals(java.nio.file.Files.readString(reference.resolve("trajectory.csv")),
                java.nio.file.Files.readString(out.resolve("trajectory.csv")), name + ": trajectory.csv");
    }

    private static JsonNode result(Path folder) throws IOException {
        return ConfigReader.mapper().readTree(folder.resolve("summary.json").toFile()).get("result");
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }
}
