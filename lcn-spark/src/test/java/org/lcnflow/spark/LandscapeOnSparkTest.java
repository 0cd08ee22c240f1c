package org.lcnflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.cli.Lcn;

/**
 * {@code lcn landscape --engine spark}, end to end through the command line: the engine is found by
 * {@code ServiceLoader} with lcn-spark on the class path, and {@code landscape.csv} is byte-identical to the
 * in-process {@code --threads 2} sweep's for any number of partitions; a bad option gives exit code 2 and a message.
 */
class LandscapeOnSparkTest {

    /** A small problem whose runs end in the global minimum or a spurious local one (as lcn-cli's test). */
    private static final String CONFIG = "{\"architecture\": {\"d0\": 8, \"widths\": [3, 2, 3]},\n"
            + " \"data\": {\"source\": \"synthetic\", \"m\": 10, \"seed\": 8, \"noise\": 0.3},\n"
            + " \"loss\": {\"name\": \"square\"},\n"
            + " \"integrator\": {\"name\": \"dormand-prince-54\", \"rtol\": 1e-7, \"atol\": 1e-9},\n"
            + " \"stop\": {\"tMax\": 200, \"gradientTolerance\": 1e-5, \"maxSteps\": 3000},\n"
            + " \"record\": {\"every\": 200}}\n";

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lcn.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theSparkSweepWritesTheInProcessSweepsCsvForAnyPartitioning() throws IOException {
        LocalSpark.session(); // the tests' local[2] session: the engine uses the active one
        Path config = Files.writeString(dir.resolve("landscape.json"), CONFIG);
        String[] threads = run("landscape", "--config", config.toString(), "--runs", "24", "--threads", "2",
                "--seed", "100", "--out", dir.resolve("threads").toString(), "-q");
        assertEquals("0", threads[0], threads[2]);
        byte[] expected = Files.readAllBytes(dir.resolve("threads").resolve("landscape.csv"));
        for (String partitions : new String[] {"1", "3", "7"}) {
            Path out = dir.resolve("spark-" + partitions);
            String[] spark = run("landscape", "--config", config.toString(), "--runs", "24", "--engine", "spark",
                    "--master", "local[2]", "--partitions", partitions, "--seed", "100", "--out", out.toString(), "-q");
            assertEquals("0", spark[0], spark[2]);
            assertArrayEquals(expected, Files.readAllBytes(out.resolve("landscape.csv")),
                    "landscape.csv on " + partitions + " partitions");
            assertTrue(spark[1].contains("24 runs on spark (local[2])"), spark[1]);
        }
    }

    @Test
    void badEngineOptionsAreNamedWithExitCode2() throws IOException {
        Path config = Files.writeString(dir.resolve("landscape.json"), CONFIG);
        String[] unknown = run("landscape", "--config", config.toString(), "--runs", "2", "--engine", "hadoop",
                "--out", dir.resolve("x").toString(), "-q");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("unknown sweep engine 'hadoop'; available: [threads, spark]"), unknown[2]);
        assertFalse(unknown[2].contains("\tat "), unknown[2]);
        String[] both = run("landscape", "--config", config.toString(), "--runs", "2", "--engine", "spark",
                "--threads", "2", "--out", dir.resolve("y").toString(), "-q");
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("--threads is for --engine threads"), both[2]);
    }
}
