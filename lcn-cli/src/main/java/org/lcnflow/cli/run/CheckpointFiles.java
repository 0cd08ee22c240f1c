package org.lcnflow.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.Reports;
import org.lcnflow.core.flow.Checkpoint;
import org.lcnflow.core.flow.Trajectory;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * {@code checkpoint.json}: the resolved configuration and a {@link Checkpoint}, written atomically.
 * Every double is stored as the text of {@link Double#toString}, which {@link Double#parseDouble} reads
 * back to the same bits, so a resumed run continues exactly.
 */
public final class CheckpointFiles {

    public static final String FILE = "checkpoint.json";
    static final String FORMAT = "lcn-checkpoint-1";

    private CheckpointFiles() {
    }

    /** A configuration and the checkpoint to resume it from. */
    public record Saved(RunConfig config, Checkpoint checkpoint) {
    }

    public static void write(Path folder, RunConfig config, Checkpoint checkpoint) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.set("config", config.resolved().deepCopy());
        IntegratorState s = checkpoint.integrator();
        ObjectNode integrator = root.putObject("integrator");
        integrator.put("name", s.integrator());
        integrator.put("configuration", s.configuration());
        integrator.put("time", text(s.time()));
        integrator.put("steps", s.steps());
        integrator.put("rejectedSteps", s.rejectedSteps());
        integrator.put("evaluations", s.evaluations());
        put(integrator.putArray("parameters"), s.parameters());
        integrator.put("value", text(s.value()));
        put(integrator.putArray("gradient"), s.gradient());
        ObjectNode control = integrator.putObject("control");
        s.control().forEach((key, value) -> control.put(key, text(value)));
        ObjectNode vectors = integrator.putObject("vectors");
        s.vectors().forEach((key, values) -> put(vectors.putArray(key), values));
        Checkpoint.Recorder r = checkpoint.recorder();
        ObjectNode recorder = root.putObject("recorder");
        ArrayNode points = recorder.putArray("points");
        for (Trajectory.Point p : r.points()) {
            ObjectNode point = points.addObject();
            point.put("time", text(p.time()));
            point.put("steps", p.steps());
            point.put("evaluations", p.evaluations());
            point.put("seconds", text(p.seconds()));
            point.put("loss", text(p.loss()));
            point.put("gradientNorm", text(p.gradientNorm()));
            put(point.putArray("squaredLayerNorms"), p.squaredLayerNorms());
            put(point.putArray("finalFilter"), p.finalFilter());
        }
        put(recorder.putArray("initialDeltas"), r.initialDeltas());
        recorder.put("normScale", text(r.normScale()));
        recorder.put("steps", r.steps());
        recorder.put("previousValue", text(r.previousValue()));
        recorder.put("increases", r.increases());
        recorder.put("largestIncrease", text(r.largestIncrease()));
        recorder.put("largestDrift", text(r.largestDrift()));
        recorder.put("largestFinalFilterL1", text(r.largestFinalFilterL1()));
        recorder.put("nextRecord", text(r.nextRecord()));
        recorder.put("seconds", text(r.seconds()));
        Reports.writeJson(folder.resolve(FILE), root);
    }

    public static Saved read(Path folder, PluginRegistry registry) {
        Path file = folder.resolve(FILE);
        JsonNode root;
        try {
            root = ConfigReader.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist: --resume needs the folder of a checkpointed"
                    + " run (lcn train --checkpoint-every SECONDS)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as a checkpoint: " + e.getMessage());
        }
        Reader in = new Reader(file);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": not an lcn checkpoint (format must be '" + FORMAT + "')");
        }
        RunConfig config = ConfigReader.read(file, in.field(root, "config"), registry);
        JsonNode i = in.field(root, "integrator");
        Map<String, Double> control = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = in.field(i, "control").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            control.put(e.getKey(), in.number(i.get("control"), e.getKey()));
        }
        Map<String, double[]> vectors = new TreeMap<>();
        JsonNode vectorNode = i.path("vectors"); // absent in checkpoints of one-step methods written before it
        Iterator<String> names = vectorNode.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            vectors.put(name, in.numbers(vectorNode, name));
        }
        IntegratorState state = new IntegratorState(in.field(i, "name").asText(), in.field(i, "configuration").asText(),
                in.number(i, "time"), in.count(i, "steps"), in.count(i, "rejectedSteps"), in.count(i, "evaluations"),
                in.numbers(i, "parameters"), in.number(i, "value"), in.numbers(i, "gradient"), control, vectors);
        JsonNode r = in.field(root, "recorder");
        List<Trajectory.Point> points = new ArrayList<>();
        for (JsonNode p : in.field(r, "points")) {
            points.add(new Trajectory.Point(in.number(p, "time"), in.count(p, "steps"), in.count(p, "evaluations"),
                    in.number(p, "seconds"), in.number(p, "loss"), in.number(p, "gradientNorm"),
                    in.numbers(p, "squaredLayerNorms"), in.numbers(p, "finalFilter")));
        }
        Checkpoint.Recorder recorder = new Checkpoint.Recorder(points, in.numbers(r, "initialDeltas"),
                in.number(r, "normScale"), in.count(r, "steps"), in.number(r, "previousValue"),
                in.count(r, "increases"), in.number(r, "largestIncrease"), in.number(r, "largestDrift"),
                in.number(r, "largestFinalFilterL1"), in.number(r, "nextRecord"), in.number(r, "seconds"));
        return new Saved(config, new Checkpoint(state, recorder));
    }

    private static String text(double value) {
        return Double.toString(value);
    }

    private static void put(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(text(v));
        }
    }

    /** Reads fields, naming the file and the field when one is missing or malformed. */
    private record Reader(Path file) {
        JsonNode field(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException(file + ": the checkpoint has no '" + key + "'; it is damaged");
            }
            return value;
        }

        double number(JsonNode node, String key) {
            JsonNode value = field(node, key);
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": checkpoint field '" + key + "' is not a number: "
                        + value);
            }
        }

        long count(JsonNode node, String key) {
            JsonNode value = field(node, key);
            if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                throw new IllegalArgumentException(file + ": checkpoint field '" + key + "' is not an integer: " + value);
            }
            return value.longValue();
        }

        double[] numbers(JsonNode node, String key) {
            JsonNode array = field(node, key);
            double[] values = new double[array.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = number(array, k);
            }
            return values;
        }

        private double number(JsonNode array, int index) {
            try {
                return Double.parseDouble(array.get(index).asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": a checkpoint array holds a non-number: " + array.get(index));
            }
        }
    }
}
