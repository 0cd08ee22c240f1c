package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.cli.config.ConfigReader;

/**
 * Divergence ends a run with DIVERGED, the time it happened and the last finite state, and no output
 * file holds NaN or infinity where a number is expected; the same configuration gives byte-identical
 * files (wall-clock fields apart).
 */
class NumericalFaultsTest {

    @TempDir
    Path dir;

    private JsonNode train(Path config, Path out) throws IOException {
        CliRun run = CliRun.of("train", "--config", config.toString(), "--out", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        for (String file : List.of("summary.json", "trajectory.csv")) {
            String text = Files.readString(out.resolve(file));
            assertFalse(text.contains("NaN") || text.contains("Infinity"), file + " holds a non-finite number");
        }
        return ConfigReader.mapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void eulerWithATooLargeStepDivergesWithTheLastFiniteState() throws IOException {
        Problems.writeData(dir);
        Path config = Problems.write(dir, "euler.json", Problems.config("{\"name\": \"square\"}",
                "{\"name\": \"euler\", \"step\": 5}", "").replace("\"tMax\": 0.5", "\"tMax\": 1e6"));
        JsonNode result = train(config, dir.resolve("out")).get("result");
        assertEquals("DIVERGED", result.get("stopReason").textValue());
        assertTrue(result.get("time").isNumber(), "the time it happened: " + result);
        assertTrue(result.get("loss").isNumber());
        for (JsonNode layer : result.get("finalFilters")) {
            for (JsonNode value : layer) {
                assertTrue(value.isNumber() && Double.isFinite(value.doubleValue()), "finite filters: " + result);
            }
        }
    }

    @Test
    void dataScaledTo1e200DivergesCleanly() throws IOException {
        Problems.writeData(dir);
        for (String name : List.of("x.csv", "y.csv")) {
            Path file = dir.resolve(name);
            List<String> lines = Files.readAllLines(file);
            String scaled = lines.stream().map(line -> line.startsWith("x") ? line : java.util.Arrays.stream(
                    line.split("[, ]")).map(v -> Double.toString(Double.parseDouble(v) * 1e200))
                    .collect(Collectors.joining(","))).collect(Collectors.joining("\n"));
            Files.writeString(file, scaled + "\n");
        }
        Path config = Problems.write(dir, "huge.json", Problems.config("{\"name\": \"pseudo-huber\"}",
                "{\"name\": \"euler\", \"step\": 0.1}", ""));
        JsonNode result = train(config, dir.resolve("out")).get("result");
        assertEquals("DIVERGED", result.get("stopReason").textValue());
        // the square loss overflows at the initial filters already: bad input, said so
        Path square = Problems.write(dir, "square.json", Problems.config("{\"name\": \"square\"}",
                "{\"name\": \"euler\", \"step\": 0.1}", ""));
        CliRun run = CliRun.of("train", "--config", square.toString(), "--out", dir.resolve("sq").toString(), "-q");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("not finite"), run.err());
    }

    @Test
    void theSameConfigurationGivesByteIdenticalFiles() throws IOException {
        Problems.writeData(dir);
        Path config = Problems.write(dir, "run.json", Problems.config());
        train(config, dir.resolve("a"));
        train(config, dir.resolve("b"));
        assertEquals(Files.readString(dir.resolve("a").resolve("trajectory.csv")),
                Files.readString(dir.resolve("b").resolve("trajectory.csv")));
        assertEquals(withoutWallClock(dir.resolve("a")), withoutWallClock(dir.resolve("b")));
    }

    private static String withoutWallClock(Path out) throws IOException {
        return Files.readAllLines(out.resolve("summary.json")).stream().filter(line -> !line.contains("\"wallSeconds\""))
                .collect(Collectors.joining("\n"));
    }
}
