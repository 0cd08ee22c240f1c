package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random configurations and data files, valid and mutated, run through the command in-process: every
 * run ends with exit code 0 or 2 within its step budget, never 1 (an internal error), never hangs, and a
 * failure is one message without a stack trace.
 */
class FuzzProperties {

    private static final List<String> LOSSES = List.of("{\"name\": \"square\"}",
            "{\"name\": \"pseudo-huber\", \"delta\": 0.5}", "{\"name\": \"lp\", \"p\": 1.5}",
            "{\"name\": \"generalized-huber\", \"alpha\": 2, \"beta\": -1}", "{\"name\": \"log-cosh\"}",
            "{\"name\": \"lp\", \"p\": 0.2}", "{\"name\": \"cauchy\"}", "{\"name\": \"square\", \"p\": 2}");
    private static final List<String> INTEGRATORS = List.of("{\"name\": \"euler\", \"step\": 0.01}",
            "{\"name\": \"rk4\", \"step\": 0.02}", "{\"name\": \"dormand-prince-54\", \"rtol\": 1e-6}",
            "{\"name\": \"dormand-prince-853\"}", "{\"name\": \"adams-bashforth\", \"steps\": 3}",
            "{\"name\": \"gragg-bulirsch-stoer\"}", "{\"name\": \"euler\", \"step\": 50}",
            "{\"name\": \"rk4\", \"step\": -1}", "{\"name\": \"euler\"}");

    @Property(tries = 60)
    void everyRunEndsWithExitCode0Or2WithinItsBudget(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("lcn-fuzz");
        try {
            String config = config(random, dir);
            Path file = dir.resolve("run.json");
            Files.writeString(file, random.nextInt(4) == 0 ? mutate(config, random) : config);
            for (String command : List.of("evaluate", "train")) {
                CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> command.equals("train")
                        ? CliRun.of(command, "--config", file.toString(), "--out", dir.resolve("out").toString(), "-q")
                        : CliRun.of(command, "--config", file.toString()));
                assertTrue(run.code() == 0 || run.code() == 2, "exit " + run.code() + " for\n"
                        + Files.readString(file) + "\n" + run.err());
                if (run.code() == 2) {
                    assertTrue(run.err().startsWith(command + ": error: ") || run.err().contains("Usage:"), run.err());
                    assertFalse(run.showsStackTrace(), run.err());
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String config(Random random, Path dir) throws IOException {
        int depth = 1 + random.nextInt(3);
        int[] widths = new int[depth];
        int[] strides = new int[depth];
        int d = 1 + random.nextInt(3);
        for (int i = depth - 1; i >= 0; i--) {
            widths[i] = 1 + random.nextInt(4);
            strides[i] = 1 + random.nextInt(2);
            d = (d - 1) * strides[i] + widths[i];
        }
        int outputDimension = outputOf(d, widths, strides);
        int d0 = random.nextInt(6) == 0 ? d + 1 : d;
        int samples = 1 + random.nextInt(8);
        writeMatrix(dir.resolve("x.csv"), samples, d, random);
        writeMatrix(dir.resolve("y.csv"), random.nextInt(8) == 0 ? samples + 1 : samples, outputDimension, random);
        String init = random.nextBoolean() ? "{\"seed\": " + random.nextInt(100) + ", \"scale\": "
                + (0.1 + random.nextDouble()) + "}" : "{\"seed\": 1, \"scale\": -1}";
        return "{\"architecture\": {\"d0\": " + d0 + ", \"widths\": " + java.util.Arrays.toString(widths)
                + ", \"strides\": " + java.util.Arrays.toString(strides) + "},\n"
                + "\"data\": {\"source\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},\n"
                + "\"loss\": " + LOSSES.get(random.nextInt(LOSSES.size())) + ",\n"
                + "\"integrator\": " + INTEGRATORS.get(random.nextInt(INTEGRATORS.size())) + ",\n"
                + "\"init\": " + (random.nextInt(5) == 0 ? init : "{\"seed\": " + random.nextInt(100) + "}") + ",\n"
                + "\"stop\": {\"tMax\": " + (random.nextInt(10) == 0 ? -1 : 0.1 + random.nextDouble())
                + ", \"gradientTolerance\": 1e-9, \"maxSteps\": " + (1 + random.nextInt(500)) + "}}\n";
    }

    private static int outputOf(int d0, int[] widths, int[] strides) {
        int d = d0;
        for (int i = 0; i < widths.length; i++) {
            d = (d - widths[i]) / strides[i] + 1;
        }
        return d;
    }

    private static void writeMatrix(Path file, int rows, int cols, Random random) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                text.append(j == 0 ? "" : ",");
                int kind = random.nextInt(400);
                text.append(kind == 0 ? "NaN" : kind == 1 ? "abc" : kind == 2 ? "" : Double.toString(
                        random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3)));
            }
            text.append('\n');
        }
        Files.writeString(file, text);
    }

    /** Deletes, duplicates or replaces a random stretch of the text. */
    private static String mutate(String text, Random random) {
        int at = random.nextInt(text.length());
        int length = 1 + random.nextInt(Math.min(8, text.length() - at));
        switch (random.nextInt(4)) {
            case 0:
                return text.substring(0, at) + text.substring(at + length);
            case 1:
                return text.substring(0, at) + text.substring(at, at + length) + text.substring(at);
            case 2:
                return text.substring(0, at) + "\"x\"" + text.substring(at + length);
            default:
                return text.substring(0, at);
        }
    }
}
