package org.lcnflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.cli.Lcn;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.data.NpyMatrixWriter;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.theory.Diagnostics;

/**
 * {@code "source": "spark"} in a run configuration: {@code lcn train} on a Parquet (or CSV) data set trains on the
 * distributed risk and ends where training on the same samples in memory ends, with the same verdict; a square-loss
 * flow makes one pass; bad data give exit code 2 and a message naming the column, row or path.
 */
class TrainOnSparkTest {

    /** d_0 = 13, widths 3, 3, 2, strides 1, 2, 1 (k_v = 7, s_v = 2, d_N = 4): strides > 1. */
    private static final Architecture ARCHITECTURE = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
    /** A filling network (strides 1): the end point can be certified a global minimum. */
    private static final Architecture FILLING = Architecture.of(10, new int[] {3, 2}, new int[] {1, 1});
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws IOException {
        write("strided", LocalSpark.teacherData(ARCHITECTURE, 700, 11));
        write("filling", LocalSpark.teacherData(FILLING, 500, 12));
    }

    /** Writes the samples as Parquet (one file: the rows keep their order) and as .npy files for the in-memory run. */
    private static void write(String name, Dataset data) throws IOException {
        LocalSpark.frame(data, 1).write().parquet(dir.resolve(name + ".parquet").toString());
        try (OutputStream x = Files.newOutputStream(dir.resolve(name + "-x.npy"));
             OutputStream y = Files.newOutputStream(dir.resolve(name + "-y.npy"))) {
            NpyMatrixWriter.write(data.inputs(), x);
            NpyMatrixWriter.write(data.targets(), y);
        }
    }

    private static String config(Architecture a, String data, String loss) {
        return "{\"architecture\": {\"d0\": " + a.inputDimension() + ", \"widths\": "
                + java.util.Arrays.toString(a.widths()) + ", \"strides\": " + java.util.Arrays.toString(a.strides())
                + "},\n \"data\": " + data + ",\n \"loss\": " + loss + ",\n"
                + " \"integrator\": {\"name\": \"auto\"},\n"
                + " \"init\": {\"seed\": 5, \"scale\": 0.5},\n"
                + " \"stop\": {\"tMax\": 1000, \"gradientTolerance\": 1e-7, \"maxSteps\": 100000}}\n";
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lcn.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static JsonNode train(String name, String config) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".json"), config);
        Path out = dir.resolve("out-" + name);
        String[] result = run("train", "--config", file.toString(), "--out", out.toString(), "-q");
        assertEquals("0", result[0], result[2]);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static void sameEnd(JsonNode memory, JsonNode spark) {
        JsonNode m = memory.get("result");
        JsonNode s = spark.get("result");
        assertEquals("GRADIENT_TOLERANCE", m.get("stopReason").asText());
        assertEquals(m.get("stopReason").asText(), s.get("stopReason").asText());
        double loss = m.get("loss").asDouble();
        assertEquals(loss, s.get("loss").asDouble(), 1e-10 * loss, "the end loss");
        JsonNode mv = m.get("finalFilter");
        JsonNode sv = s.get("finalFilter");
        for (int n = 0; n < mv.size(); n++) {
            assertEquals(mv.get(n).asDouble(), sv.get(n).asDouble(), 1e-6, "final filter tap " + n);
        }
        JsonNode md = memory.get("diagnostics");
        JsonNode sd = spark.get("diagnostics");
        assertEquals(md.get("endPoint").get("verdict").asText(), sd.get("endPoint").get("verdict").asText(),
                sd.get("endPoint").toString());
        assertEquals(md.get("boundedness").get("rankXXt").asInt(), sd.get("boundedness").get("rankXXt").asInt());
        assertEquals(md.get("boundedness").get("holds").asBoolean(), sd.get("boundedness").get("holds").asBoolean());
        assertEquals(md.get("lossMonotonicity").get("monotone").asBoolean(),
                sd.get("lossMonotonicity").get("monotone").asBoolean());
        assertEquals(md.get("theorem38").toString(), sd.get("theorem38").toString());
    }

    @Test
    void lcnTrainOnParquetEndsWhereTheInMemoryRunEnds() throws IOException {
        LocalSpark.session();
        String loss = "{\"name\": \"pseudo-huber\", \"delta\": 0.5}";
        JsonNode memory = train("memory", config(ARCHITECTURE, "{\"source\": \"npy\", \"x\": \"strided-x.npy\","
                + " \"y\": \"strided-y.npy\"}", loss));
        JsonNode spark = train("spark", config(ARCHITECTURE, "{\"source\": \"spark\", \"path\": \"strided.parquet\","
                + " \"chunkSamples\": 128, \"partitions\": 3}", loss));
        sameEnd(memory, spark);
        assertEquals(dir.resolve("strided.parquet").toString(),
                spark.get("config").get("data").get("path").asText(), "the path, relative to the configuration");
    }

    @Test
    void aFillingNetworkIsCertifiedGlobalFromTheChunksSums() throws IOException {
        LocalSpark.session();
        String loss = "{\"name\": \"log-cosh\"}";
        JsonNode memory = train("filling-memory", config(FILLING, "{\"source\": \"npy\", \"x\": \"filling-x.npy\","
                + " \"y\": \"filling-y.npy\"}", loss));
        JsonNode spark = train("filling-spark", config(FILLING, "{\"source\": \"spark\", \"path\":"
                + " \"filling.parquet\", \"chunkSamples\": 100}", loss));
        assertEquals("GLOBAL_MINIMUM_CERTIFIED", memory.get("diagnostics").get("endPoint").get("verdict").asText());
        sameEnd(memory, spark);
    }

    @Test
    void aSquareLossRunMakesOnePassForTheFlowAndItsChecksBeside() {
        LocalSpark.session();
        PluginRegistry registry = PluginRegistry.load();
        FlowSpec spec = new FlowSpec(FILLING, new Component("spark", Parameters.of(Map.of("path",
                dir.resolve("filling.parquet").toString(), "chunkSamples", 64L))),
                new Component("square", Parameters.empty()), new Component("auto", Parameters.empty()),
                new Initialization.Seeded(5, 0.5), new StopCondition(1000, 1e-8, 100_000), 0.0);
        GradientFlow flow = new FlowRunner(registry).prepare(spec);
        DistributedRisk risk = (DistributedRisk) flow.trainingRisk();
        FlowRun spark = flow.run();
        assertEquals(1, risk.passes(), "one pass of statistics for the whole flow");
        assertTrue(risk.analysisPasses() > 0, "the checks' sums, apart from the flow");
        assertEquals(8, risk.chunkCount());
        FlowRun memory = new FlowRunner(registry).prepare(spec, new SparkDataSource.Provider()
                .create(spec.data().parameters()).load(FILLING)).run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, spark.result().stopReason());
        Diagnostics m = memory.diagnostics();
        Diagnostics s = spark.diagnostics();
        assertEquals(m.endPoint().verdict(), s.endPoint().verdict(), s.endPoint().reason());
        assertEquals(m.endPoint().optimum().value(), s.endPoint().optimum().value(),
                1e-9 * m.endPoint().optimum().value());
        assertEquals(m.boundedness().bound().getAsDouble(), s.boundedness().bound().getAsDouble(),
                1e-8 * m.boundedness().bound().getAsDouble());
        assertArrayEquals(memory.result().parameters(), spark.result().parameters(), 1e-7);
        risk.close();
    }

    @Test
    void csvSamplesAsTextAreReadAsTheArraysAre() throws IOException {
        LocalSpark.session();
        Dataset data = LocalSpark.teacherData(FILLING, 40, 3);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < data.sampleCount(); i++) {
            csv.append('"').append(text(data.inputs()[i])).append("\",\"").append(text(data.targets()[i]))
                    .append("\"\n");
        }
        Path file = Files.writeString(dir.resolve("samples.csv"), csv);
        Dataset read = new SparkDataSource.Provider().create(Parameters.of(Map.of("path", file.toString(),
                "format", "csv"))).load(FILLING);
        assertEquals(data, read);
    }

    private static String text(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : " ").append(v);
        }
        return s.toString();
    }

    @Test
    void badSparkDataAreNamedWithExitCode2() throws IOException {
        LocalSpark.session();
        String loss = "{\"name\": \"pseudo-huber\"}";
        assertBadInput(config(ARCHITECTURE, "{\"source\": \"spark\", \"path\": \"missing.parquet\"}", loss),
                "cannot read the data", "missing.parquet");
        assertBadInput(config(ARCHITECTURE, "{\"source\": \"spark\", \"path\": \"strided.parquet\", \"inputs\":"
                + " \"features\"}", loss), "no column 'features' for the inputs", "columns: [x, y]");
        assertBadInput(config(FILLING, "{\"source\": \"spark\", \"path\": \"strided.parquet\"}", loss),
                "row 0: column 'x' (the inputs) has 13 values, the architecture needs 10", "strided.parquet");
        Dataset data = LocalSpark.teacherData(FILLING, 30, 4);
        java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        double[][] x = data.inputs();
        double[][] y = data.targets();
        x[17][4] = Double.NaN; // a Dataset refuses it: rows made by hand
        for (int i = 0; i < x.length; i++) {
            rows.add(org.apache.spark.sql.RowFactory.create(x[i], y[i]));
        }
        LocalSpark.session().createDataFrame(rows, LocalSpark.arraySchema()).coalesce(1).write()
                .parquet(dir.resolve("nan.parquet").toString());
        assertBadInput(config(FILLING, "{\"source\": \"spark\", \"path\": \"nan.parquet\"}", loss),
                "row 17: column 'x' (the inputs) has NaN at position 4: every value must be finite", "nan.parquet");
        assertBadInput(config(FILLING, "{\"source\": \"spark\", \"path\": \"nan.parquet\", \"chunkSamples\": 0}",
                loss), "$.data", "'chunkSamples' must be >= 1, got 0");
    }

    private void assertBadInput(String config, String... expected) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), config);
        String[] result = run("train", "--config", file.toString(), "--out", dir.resolve("bad").toString(), "-q");
        assertEquals("2", result[0], result[2]);
        for (String part : expected) {
            assertTrue(result[2].contains(part), "'" + part + "' in: " + result[2]);
        }
        assertFalse(result[2].contains("\tat "), result[2]);
        assertFalse(result[2].contains("Exception"), result[2]);
        assertEquals(1, result[2].strip().lines().count(), result[2]);
    }
}
