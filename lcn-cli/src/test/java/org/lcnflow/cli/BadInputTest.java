package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.cli.run.CheckpointFiles;

/**
 * Every kind of bad input is answered with exit code 2 and one message naming where (file, JSON path,
 * line and column, parameter) and what is allowed, with no stack trace.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String GOOD_LOSS = "{\"name\": \"square\"}";
    private static final String GOOD_INTEGRATOR = "{\"name\": \"rk4\", \"step\": 0.01}";

    private static Arguments config(String name, String text, String... expected) {
        return Arguments.of(name, text, null, expected);
    }

    private static Arguments loss(String name, String loss, String... expected) {
        return config(name, Problems.config(loss, GOOD_INTEGRATOR, ""), expected);
    }

    private static Arguments integrator(String name, String integrator, String... expected) {
        return config(name, Problems.config(GOOD_LOSS, integrator, ""), expected);
    }

    private static Arguments replace(String name, String from, String to, String... expected) {
        String good = Problems.config(GOOD_LOSS, GOOD_INTEGRATOR, "");
        if (!good.contains(from)) {
            throw new IllegalStateException("the base config has no '" + from + "'");
        }
        return config(name, good.replace(from, to), expected);
    }

    /** A data file is replaced by the given content. */
    private static Arguments dataFile(String name, String file, String content, String... expected) {
        return Arguments.of(name, Problems.config(GOOD_LOSS, GOOD_INTEGRATOR, ""), new String[] {file, content},
                expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                config("JSON syntax error", "{\"architecture\": {\"d0\": 9,,}}", "run.json line 1, column",
                        "invalid JSON"),
                config("empty file", "", "run.json", "empty"),
                config("not an object", "[1, 2]", "$ (line 1, column 1): must be a JSON object, got an array"),
                config("trailing garbage", Problems.config() + "}", "invalid JSON"),
                replace("duplicate key", "\"loss\": {\"name\": \"square\"}",
                        "\"loss\": {\"name\": \"square\", \"name\": \"lp\"}", "invalid JSON", "Duplicate field 'name'"),
                replace("unknown top-level key", "\"stop\":", "\"stopp\":", "$.stopp (line 7, column 3)",
                        "unknown key 'stopp'", "did you mean 'stop'?"),
                replace("missing architecture", "\"architecture\":", "\"architecturex\":",
                        "unknown key 'architecturex'"),
                config("missing required section", "{\"data\": {\"source\": \"csv\"}}",
                        "$ (line 1, column 1): missing required field 'architecture'"),
                replace("d0 as a string", "\"d0\": 9", "\"d0\": \"9\"", "$.architecture.d0 (line 2, column",
                        "must be an integer, got the string \"9\""),
                replace("d0 fractional", "\"d0\": 9", "\"d0\": 9.5", "$.architecture.d0", "must be an integer, got 9.5"),
                replace("d0 zero", "\"d0\": 9", "\"d0\": 0", "$.architecture.d0", "must be >= 1, got 0"),
                replace("widths empty", "\"widths\": [3, 3]", "\"widths\": []", "$.architecture.widths",
                        "non-empty array of integers"),
                replace("width zero", "\"widths\": [3, 3]", "\"widths\": [0, 3]", "$.architecture.widths[0]",
                        "must be >= 1, got 0"),
                replace("strides length", "\"strides\": [1, 2]", "\"strides\": [1]", "$.architecture.strides",
                        "has 1 entries but widths has 2"),
                replace("equation 1.2 violated", "\"d0\": 9", "\"d0\": 10", "$.architecture (line 2, column",
                        "layer 2: d2 = (d1 - k2)/s2 + 1 = (8 - 3)/2 + 1 = 3.5 is not an integer (eq. (1.2))"),
                replace("unknown architecture key", "\"strides\": [1, 2]", "\"stride\": [1, 2]",
                        "$.architecture.stride", "did you mean 'strides'?"),
                loss("unknown loss", "{\"name\": \"sqare\"}", "$.loss.name", "unknown loss 'sqare'",
                        "did you mean 'square'?"),
                loss("delta <= 0", "{\"name\": \"pseudo-huber\", \"delta\": -1}", "$.loss",
                        "pseudo-huber: delta must be > 0, got -1.0"),
                loss("beta <= -2", "{\"name\": \"generalized-huber\", \"beta\": -2}", "$.loss",
                        "generalized-huber", "beta", "-2"),
                loss("p < 1", "{\"name\": \"lp\", \"p\": 0.5}", "$.loss", "lp", "p", "0.5"),
                loss("alpha <= 0", "{\"name\": \"log-cosh\", \"alpha\": 0}", "$.loss", "log-cosh", "alpha"),
                loss("unknown loss parameter", "{\"name\": \"pseudo-huber\", \"delt\": 1}", "$.loss.delt",
                        "unknown key 'delt' for loss 'pseudo-huber'", "did you mean 'delta'?"),
                loss("parameter of the wrong type", "{\"name\": \"pseudo-huber\", \"delta\": [1]}",
                        "$.loss.delta", "must be a number, a string or a boolean, got an array"),
                loss("parameter not a number", "{\"name\": \"pseudo-huber\", \"delta\": \"wide\"}", "$.loss",
                        "'delta' must be a number, got 'wide'"),
                loss("loss without a name", "{\"delta\": 1}", "$.loss", "missing required field 'name'"),
                loss("non-finite number", "{\"name\": \"pseudo-huber\", \"delta\": 1e400}", "$.loss.delta",
                        "must be a finite number"),
                integrator("step <= 0", "{\"name\": \"euler\", \"step\": 0}", "$.integrator", "euler: step",
                        "got 0"),
                integrator("step missing", "{\"name\": \"rk4\"}", "$.integrator", "step"),
                integrator("rtol <= 0", "{\"name\": \"dormand-prince-54\", \"rtol\": -1e-6}", "$.integrator",
                        "rtol"),
                integrator("rtol = 0", "{\"name\": \"dormand-prince-853\", \"rtol\": 0}", "$.integrator",
                        "rtol must be > 0 and < 1, got 0"),
                integrator("unknown integrator", "{\"name\": \"eular\", \"step\": 0.1}", "$.integrator.name",
                        "did you mean 'euler'?"),
                integrator("adams steps out of range", "{\"name\": \"adams-moulton\", \"steps\": 50}",
                        "$.integrator", "steps"),
                replace("tMax <= 0", "\"tMax\": 0.5", "\"tMax\": 0", "$.stop.tMax", "must be > 0, got 0.0"),
                replace("negative maxSteps", "\"maxSteps\": 100000", "\"maxSteps\": -5", "$.stop.maxSteps",
                        "must be >= 1, got -5"),
                replace("negative gradient tolerance", "\"gradientTolerance\": 1e-10", "\"gradientTolerance\": -1",
                        "$.stop.gradientTolerance", "must be >= 0"),
                replace("record interval negative", "\"maxSteps\": 100000}", "\"maxSteps\": 100000},"
                        + " \"record\": {\"every\": -1}", "$.record.every", "must be >= 0"),
                replace("initial filters: wrong count", "[[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]]",
                        "[[0.1, 0.2, 0.3]]", "$.init.filters", "has 1 layers but the architecture has depth 2"),
                replace("initial filters: wrong length", "[[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]]",
                        "[[0.1, 0.2], [0.4, -0.5, 0.6]]", "$.init.filters[0] (line 6, column",
                        "has 2 values but layer 1 has width k1 = 3"),
                replace("initial filters: not a number", "[[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]]",
                        "[[0.1, \"x\", 0.3], [0.4, -0.5, 0.6]]", "$.init.filters[0][1]", "must be a number"),
                replace("init both ways", "\"init\": {\"filters\"", "\"init\": {\"seed\": 3, \"filters\"",
                        "$.init", "either 'filters' or 'seed' and 'scale'"),
                replace("unknown data source", "\"source\": \"csv\"", "\"source\": \"cvs\"", "$.data.source",
                        "did you mean 'csv'?"),
                replace("data file missing", "\"x\": \"x.csv\"", "\"x\": \"nope.csv\"", "nope.csv does not exist"),
                replace("npy that is text", "\"source\": \"csv\"", "\"source\": \"npy\"",
                        "x.csv is not a .npy file"),
                dataFile("ragged csv", "x.csv", "1,2,3,4,5,6,7,8,9\n1,2\n", "x.csv line 2",
                        "every row needs the same number of columns"),
                dataFile("non-numeric csv", "y.csv", "1 2 3\n4 five 6\n", "y.csv line 2, column 2: 'five' is not a number"),
                dataFile("NaN in csv", "y.csv", "1 2 3\n4 NaN 6\n", "y.csv line 2, column 2: NaN is not allowed"),
                dataFile("empty csv", "x.csv", "", "x.csv is empty"),
                dataFile("dimension mismatch", "x.csv", "1,2,3,4,5,6,7,8\n".repeat(Problems.SAMPLES), "x.csv has 8 columns but the"
                        + " architecture's input dimension d0 is 9"),
                dataFile("sample count mismatch", "y.csv", "1 2 3\n", "has 12 samples (rows) but",
                        "y.csv has 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredWithExitCode2AndAMessageNamingWhere(String name, String configText, String[] dataFile,
                                                       String[] expected) throws IOException {
        Problems.writeData(dir);
        if (dataFile != null) {
            Files.writeString(dir.resolve(dataFile[0]), dataFile[1]);
        }
        Path config = Problems.write(dir, "run.json", configText);
        for (String command : List.of("train", "evaluate")) {
            List<String> args = new ArrayList<>(List.of(command, "--config", config.toString(), "-q"));
            if (command.equals("train")) {
                args.addAll(List.of("--out", dir.resolve("out").toString()));
            }
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(2, run.code(), name + ": " + run.err() + run.out());
            String message = run.err().strip();
            assertTrue(message.startsWith(command + ": error: "), message);
            assertEquals(1, message.lines().count(), "one message: " + message);
            for (String fragment : expected) {
                assertTrue(message.contains(fragment), name + ": '" + fragment + "' missing from: " + message);
            }
            assertFalse(run.showsStackTrace(), message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void badCommandLinesAreAnsweredWithExitCode2(String name, List<String> args, String expected) throws IOException {
        Problems.writeData(dir);
        Problems.write(dir, "run.json", Problems.config());
        Problems.write(dir, "plugin-euler.json", Problems.config(GOOD_LOSS,
                "{\"name\": \"" + NonResumablePlugin.NAME + "\", \"step\": 0.01}", ""));
        NonResumablePlugin.writeJar(dir.resolve("user-plugins"));
        Files.writeString(dir.resolve("file"), "not a folder");
        Files.createDirectories(dir.resolve("plugins"));
        Files.write(dir.resolve("plugins").resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(dir.resolve("damaged").resolve(CheckpointFiles.FILE), "{\"format\": \"other\"}");
        Files.createDirectories(dir.resolve("truncated"));
        Files.writeString(dir.resolve("truncated").resolve(CheckpointFiles.FILE), "{\"format\": \"lcn-checkpoint-1\", ");
        List<String> resolved = new ArrayList<>();
        for (String arg : args) {
            resolved.add(arg.replace("DIR", dir.toString()));
        }
        CliRun run = CliRun.of(resolved.toArray(new String[0]));
        assertEquals(2, run.code(), name + ": " + run.err());
        assertTrue(run.err().contains(expected), name + ": '" + expected + "' missing from: " + run.err());
        assertFalse(run.showsStackTrace(), run.err());
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("missing config file", List.of("train", "--config", "DIR/none.json"),
                        "none.json: the configuration file does not exist"),
                Arguments.of("unknown option", List.of("train", "--config", "DIR/run.json", "--fast"),
                        "Unknown option: '--fast'"),
                Arguments.of("missing --config", List.of("evaluate"), "Missing required option: '--config=FILE'"),
                Arguments.of("unknown command", List.of("trian"), "Unmatched argument"),
                Arguments.of("output folder is a file", List.of("train", "--config", "DIR/run.json", "--out",
                        "DIR/file", "-q"), "cannot create the output folder"),
                Arguments.of("plugin folder missing", List.of("plugins", "--plugins", "DIR/none"),
                        "plugin folder"),
                Arguments.of("bad integrator list", List.of("compare", "--config", "DIR/run.json", "--integrators",
                        "rk4(step=0.1", "--out", "DIR/cmp"), "--integrators: missing ')'"),
                Arguments.of("unknown integrator in list", List.of("compare", "--config", "DIR/run.json",
                        "--integrators", "rk5(step=0.1)", "--out", "DIR/cmp"), "unknown integrator 'rk5'"),
                Arguments.of("bad parameter in list", List.of("compare", "--config", "DIR/run.json",
                        "--integrators", "rk4(step=-1)", "--out", "DIR/cmp"), "rk4: step"),
                Arguments.of("unknown loss in figure", List.of("losses", "--out", "DIR/fig", "--losses", "cauchy"),
                        "unknown loss 'cauchy'"),
                Arguments.of("corrupt plugin jar", List.of("plugins", "--plugins", "DIR/plugins"),
                        "broken.jar cannot be read"),
                Arguments.of("resume without checkpoint", List.of("train", "--resume", "DIR"),
                        "checkpoint.json does not exist"),
                Arguments.of("damaged checkpoint", List.of("train", "--resume", "DIR/damaged"),
                        "not an lcn checkpoint"),
                Arguments.of("truncated checkpoint", List.of("train", "--resume", "DIR/truncated"),
                        "cannot be read as a checkpoint"),
                Arguments.of("config and resume together", List.of("train", "--resume", "DIR", "--config",
                        "DIR/run.json"), "mutually exclusive"),
                Arguments.of("checkpoint interval not positive", List.of("train", "--config", "DIR/run.json",
                        "--checkpoint-every", "0", "--out", "DIR/o"), "--checkpoint-every must be > 0"),
                Arguments.of("checkpointing an integrator that cannot save its state", List.of("train", "--plugins",
                        "DIR/user-plugins", "--config", "DIR/plugin-euler.json", "--checkpoint-every", "1", "--out",
                        "DIR/o"), "cannot save its whole state"));
    }
}
