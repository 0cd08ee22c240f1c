package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.run.CheckpointFiles;

/**
 * Real {@code lcn train} processes killed with SIGKILL at random moments leave only complete, parseable
 * files, and a run resumed after every kill ends bit for bit where the uninterrupted run ends; Ctrl-C
 * (SIGINT) stops cleanly with exit code 130.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    /** A run of a few seconds: many small steps of a fixed-step integrator. */
    private Path longRun() throws IOException {
        Problems.writeData(dir);
        return Problems.write(dir, "long.json", Problems.config("{\"name\": \"pseudo-huber\", \"delta\": 0.7}",
                "{\"name\": \"rk4\", \"step\": 2e-6}", ",\n  \"record\": {\"every\": 0.005}").replace(
                "\"tMax\": 0.5, \"gradientTolerance\": 1e-10, \"maxSteps\": 100000",
                "\"tMax\": 0.8, \"gradientTolerance\": 0, \"maxSteps\": 1000000"));
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Lcn.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Every file left in the folder parses: JSON, CSV with equal-length numeric rows, PNG. */
    private static void assertCompleteAndParseable(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (AtomicFiles.isTemporary(file)) {
                    continue; // a write the kill interrupted: never renamed, removed by the next run
                }
                if (name.endsWith(".json")) {
                    JsonNode json = ConfigReader.mapper().readTree(file.toFile());
                    assertTrue(json.isObject(), name);
                } else if (name.endsWith(".csv")) {
                    List<String> lines = Files.readAllLines(file);
                    int columns = lines.get(0).split(",").length;
                    for (String line : lines.subList(1, lines.size())) {
                        String[] cells = line.split(",");
                        assertEquals(columns, cells.length, name + ": " + line);
                        for (String cell : cells) {
                            Double.parseDouble(cell);
                        }
                    }
                } else if (name.endsWith(".png")) {
                    assertTrue(ImageIO.read(file.toFile()) != null, name);
                }
            }
        }
    }

    @Test
    void killedAtRandomMomentsAndResumedEndsExactlyAsTheUninterruptedRun() throws Exception {
        Path config = longRun();
        Path reference = dir.resolve("reference");
        CliRun uninterrupted = CliRun.of("train", "--config", config.toString(), "--out", reference.toString(), "-q");
        assertEquals(0, uninterrupted.code(), uninterrupted.err());

        Path out = dir.resolve("killed");
        Random random = new Random(20261128);
        int kills = 0;
        for (int attempt = 0; attempt < 6 && kills < 3; attempt++) {
            Path checkpoint = out.resolve(CheckpointFiles.FILE);
            boolean resumable = Files.exists(checkpoint);
            long before = resumable ? Files.getLastModifiedTime(checkpoint).toMillis() : -1;
            Process process = resumable
                    ? start("train", "--resume", out.toString(), "--checkpoint-every", "0.05", "-q")
                    : start("train", "--config", config.toString(), "--out", out.toString(), "--checkpoint-every",
                    "0.05", "-q");
            // wait until this process has saved a checkpoint of its own, then kill it at a random moment
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (process.isAlive() && System.nanoTime() < deadline && !(Files.exists(checkpoint)
                    && Files.getLastModifiedTime(checkpoint).toMillis() != before)) {
                Thread.sleep(10);
            }
            if (!process.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                kills++;
            }
            if (Files.isDirectory(out)) {
                assertCompleteAndParseable(out);
            }
        }
        assertTrue(kills >= 2, "the run should have been killed mid-way, was killed " + kills + " times");
        assertTrue(Files.exists(out.resolve(CheckpointFiles.FILE)), "a checkpoint survived the kills");
        CliRun resumed = CliRun.of("train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertCompleteAndParseable(out);
        assertSameRun(reference, out);
    }

    @Test
    void ctrlCStopsAtTheNextStepWritesCheckpointAndSummaryAndExits130() throws Exception {
        Path config = longRun();
        Path out = dir.resolve("interrupted");
        Process process = start("train", "--config", config.toString(), "--out", out.toString(),
                "--checkpoint-every", "0.05", "-q");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && !Files.exists(out.resolve(CheckpointFiles.FILE))) {
            Thread.sleep(10); // until the run is under way (the Ctrl-C handler is installed before it starts)
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        assertEquals(TrainCommand.INTERRUPTED, process.exitValue());
        JsonNode summary = ConfigReader.mapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("CANCELLED", summary.get("result").get("stopReason").textValue());
        assertTrue(summary.get("result").get("time").doubleValue() < 0.8);
        assertCompleteAndParseable(out);

        Path reference = dir.resolve("reference");
        assertEquals(0, CliRun.of("train", "--config", config.toString(), "--out", reference.toString(), "-q").code());
        CliRun resumed = CliRun.of("train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertSameRun(reference, out);
    }

    /** Bit-identical final filters and results, and identical trajectories. */
    private static void assertSameRun(Path expected, Path actual) throws IOException {
        JsonNode a = ConfigReader.mapper().readTree(expected.resolve("summary.json").toFile()).get("result");
        JsonNode b = ConfigReader.mapper().readTree(actual.resolve("summary.json").toFile()).get("result");
        for (int layer = 0; layer < a.get("finalFilters").size(); layer++) {
            assertArrayEquals(doubles(a.get("finalFilters").get(layer)), doubles(b.get("finalFilters").get(layer)),
                    0.0);
        }
        for (String field : List.of("time", "loss", "gradientNorm", "steps", "evaluations", "stopReason")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertEquals(Files.readString(expected.resolve("trajectory.csv")), Files.readString(actual.resolve(
                "trajectory.csv")));
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }
}
