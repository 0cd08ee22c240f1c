package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.core.sweep.Landscape;
import org.lcnflow.core.endpoint.EndPoint;

class LandscapeCommandTest {

    /**
     * A small filling problem, {@code k = (3, 2, 3)} on synthetic data, where the flow ends either in the global
     * minimum or in a spurious local minimum whose layers share a root; loose stop conditions keep it fast.
     */
    static final String CONFIG = "{\"architecture\": {\"d0\": 8, \"widths\": [3, 2, 3]},\n"
            + " \"data\": {\"source\": \"synthetic\", \"m\": 10, \"seed\": 8, \"noise\": 0.3},\n"
            + " \"loss\": {\"name\": \"square\"},\n"
            + " \"integrator\": {\"name\": \"dormand-prince-54\", \"rtol\": 1e-7, \"atol\": 1e-9},\n"
            + " \"stop\": {\"tMax\": 200, \"gradientTolerance\": 1e-5, \"maxSteps\": 3000},\n"
            + " \"record\": {\"every\": 200}}\n";

    @TempDir
    Path dir;

    private CliRun landscape(String... extra) throws IOException {
        Path config = Problems.write(dir, "landscape.json", CONFIG);
        List<String> args = new java.util.ArrayList<>(List.of("landscape", "--config", config.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void twoHundredRunsGiveTheSameCsvOnOneAndTwoThreads() throws IOException {
        CliRun one = landscape("--runs", "200", "--threads", "1", "--seed", "100", "--out", dir.resolve("one").toString(),
                "-q");
        assertEquals(0, one.code(), one.err());
        CliRun two = landscape("--runs", "200", "--threads", "2", "--seed", "100", "--out", dir.resolve("two").toString(),
                "-q");
        assertEquals(0, two.code(), two.err());
        byte[] csv1 = Files.readAllBytes(dir.resolve("one").resolve("landscape.csv"));
        byte[] csv2 = Files.readAllBytes(dir.resolve("two").resolve("landscape.csv"));
        assertArrayEquals(csv1, csv2, "landscape.csv is byte-identical for 1 and 2 threads");

        List<String> rows = Files.readAllLines(dir.resolve("one").resolve("landscape.csv"));
        assertEquals("run,seed,loss,gradient_norm,verdict,gap,relative_gap,steps,evaluations,stop_reason", rows.get(0));
        assertEquals(201, rows.size());
        assertTrue(rows.get(1).startsWith("0,100,"), rows.get(1));
        assertTrue(rows.get(200).startsWith("199,299,"), rows.get(200));
        assertFalse(String.join("\n", rows).contains("NaN"));

        JsonNode json = ConfigReader.mapper().readTree(dir.resolve("one").resolve("landscape.json").toFile());
        assertEquals(200, json.get("runs").intValue());
        assertEquals(100, json.get("firstSeed").longValue());
        assertEquals(299, json.get("lastSeed").longValue());
        int total = 0;
        int global = 0;
        int local = 0;
        for (EndPoint.Verdict v : EndPoint.Verdict.values()) {
            JsonNode node = json.get("verdicts").get(v.name());
            int count = node.get("count").intValue();
            total += count;
            long inCsv = rows.stream().filter(r -> r.contains("," + v.name() + ",")).count();
            assertEquals(inCsv, count, v.name());
            double fraction = node.get("fraction").doubleValue();
            assertEquals(count / 200.0, fraction, 0.0);
            double low = node.get("wilson95").get(0).doubleValue();
            double high = node.get("wilson95").get(1).doubleValue();
            assertTrue(low <= fraction && fraction <= high && low >= 0 && high <= 1, v + ": " + node);
            global += v == EndPoint.Verdict.GLOBAL_MINIMUM_CERTIFIED ? count : 0;
            local += v == EndPoint.Verdict.LOCAL_MINIMUM ? count : 0;
        }
        assertEquals(200, total);
        assertTrue(global > 0 && local > 0, "both the global and the spurious local minimum are reached: " + json);
        assertTrue(json.get("functionSpaceOptimum").get("isGlobalMinimumOfL").booleanValue());

        BufferedImage png = ImageIO.read(dir.resolve("one").resolve("landscape.png").toFile());
        assertEquals(Charts.WIDTH, png.getWidth());
        assertTrue(one.out().contains("GLOBAL_MINIMUM_CERTIFIED"), one.out());
        assertTrue(one.out().contains("Wilson 95%"), one.out());
    }

    /** Enough samples (600) of a separable loss for one pass over the data to serve a batch of filters. */
    static final String BATCHING = "{\"architecture\": {\"d0\": 21, \"widths\": [3, 3, 2], \"strides\": [1, 2, 1]},\n"
            + " \"data\": {\"source\": \"synthetic\", \"m\": 600, \"seed\": 4, \"noise\": 0.2},\n"
            + " \"loss\": {\"name\": \"pseudo-huber\", \"delta\": 0.5},\n"
            + " \"integrator\": {\"name\": \"auto\"},\n"
            + " \"stop\": {\"tMax\": 50, \"gradientTolerance\": 1e-6, \"maxSteps\": 5000},\n"
            + " \"record\": {\"every\": 50}}\n";

    @Test
    void runsInBatchesGiveTheCsvOfRunsAlone() throws IOException {
        Path config = Problems.write(dir, "batching.json", BATCHING);
        byte[] expected = null;
        for (String[] options : new String[][] {{"--batch", "1", "--threads", "1"}, {"--batch", "5", "--threads", "2"},
            {"--threads", "2"}, {"--batch", "16", "--threads", "1"}}) {
            Path out = dir.resolve("batch-" + String.join("", options).replace("-", ""));
            List<String> args = new java.util.ArrayList<>(List.of("landscape", "--config", config.toString(), "--runs",
                    "13", "--seed", "7", "--out", out.toString(), "-q"));
            args.addAll(List.of(options));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.code(), run.err());
            byte[] csv = Files.readAllBytes(out.resolve("landscape.csv"));
            if (expected == null) {
                expected = csv;
            } else {
                assertArrayEquals(expected, csv, "landscape.csv with " + String.join(" ", options));
            }
        }
        // a small problem in batches (its passes do not batch: the runs only meet) gives its rows too
        CliRun small = landscape("--runs", "9", "--batch", "4", "--seed", "100", "--out", dir.resolve("small-4").toString(),
                "-q");
        assertEquals(0, small.code(), small.err());
        CliRun alone = landscape("--runs", "9", "--batch", "1", "--seed", "100", "--out", dir.resolve("small-1").toString(),
                "-q");
        assertEquals(0, alone.code(), alone.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("small-1").resolve("landscape.csv")),
                Files.readAllBytes(dir.resolve("small-4").resolve("landscape.csv")));
        CliRun zero = landscape("--runs", "3", "--batch", "0", "--out", dir.resolve("zero").toString(), "-q");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("--batch must be >= 1, got 0"), zero.err());
    }

    @Test
    void wilsonIntervalsMatchHandComputedValues() {
        // k = 0 of n = 10: [0, z^2 / (n + z^2)]; k = 5 of n = 10: symmetric about 1/2
        double z2 = Landscape.Z95 * Landscape.Z95;
        double[] none = Landscape.wilson(0, 10);
        assertEquals(0.0, none[0], 1e-15);
        assertEquals(z2 / (10 + z2), none[1], 1e-15);
        double[] half = Landscape.wilson(5, 10);
        assertEquals(1.0, half[0] + half[1], 1e-15);
        assertEquals(0.2366, half[0], 1e-4);
    }

    @Test
    void badCountsAndScalesAreBadInput() throws IOException {
        for (String[] bad : new String[][] {{"--runs", "0"}, {"--runs", "5", "--threads", "0"},
            {"--runs", "5", "--scale", "-1"}, {"--runs", "many"}, {"--runs", "3", "--threads", "-2"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(bad));
            args.addAll(List.of("--out", dir.resolve("bad").toString(), "-q"));
            CliRun run = landscape(args.toArray(String[]::new));
            assertEquals(2, run.code(), String.join(" ", bad) + ": " + run.err());
            assertFalse(run.showsStackTrace(), run.err());
            assertTrue(run.err().contains("--runs") || run.err().contains("--threads") || run.err().contains("--scale"),
                    run.err());
        }
        CliRun missing = CliRun.of("landscape", "--config", dir.resolve("nowhere.json").toString(), "--runs", "2");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }
}
