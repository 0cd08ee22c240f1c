package org.lcnflow.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.Names;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * Reads a run configuration (JSON) into a {@link FlowSpec}, checking every field and naming the file,
 * the JSON path, the line and column, and what is allowed in every error. Data paths are relative to
 * the configuration file.
 *
 * <pre>
 * {"architecture": {"d0": 27, "widths": [3, 3, 2], "strides": [1, 2, 1]},
 *  "data": {"source": "csv", "x": "x.csv", "y": "y.csv"},
 *  "loss": {"name": "pseudo-huber", "delta": 0.7},
 *  "integrator": {"name": "dormand-prince-54", "rtol": 1e-9, "atol": 1e-12},
 *  "init": {"filters": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8]]},   or {"seed": 7, "scale": 0.5}
 *  "stop": {"tMax": 10.0, "gradientTolerance": 1e-8, "maxSteps": 1000000},
 *  "record": {"every": 0.1}}
 * </pre>
 */
public final class ConfigReader {

    static final double DEFAULT_T_MAX = 10.0;
    static final long DEFAULT_MAX_STEPS = 1_000_000L;
    public static final long DEFAULT_SEED = 0L;
    public static final double DEFAULT_SCALE = 0.5;
    /** Data parameters holding file paths, resolved against the configuration file's folder. */
    /**
     * A data source's parameters that name files: relative to the configuration file's folder (a URI such as
     * {@code hdfs://host/data} is kept as it is).
     */
    static final Set<String> PATH_KEYS = Set.of("x", "y", "path");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final JsonLocations where;
    private final PluginRegistry registry;

    private ConfigReader(Path file, JsonLocations where, PluginRegistry registry) {
        this.file = file;
        this.where = where;
        this.registry = registry;
    }

    /**
     * @param file     the configuration file
     * @param registry where loss, integrator and data source names are looked up
     * @return the checked configuration
     * @throws ConfigException for any bad input, naming file, path, line and column
     */
    public static RunConfig read(Path file, PluginRegistry registry) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, null, "the configuration file does not exist");
        } catch (MalformedInputException e) {
            throw new ConfigException(file, null, "the configuration file is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, null, "the configuration file cannot be read: " + e.getMessage());
        }
        JsonNode root;
        JsonLocations locations;
        try {
            root = MAPPER.readTree(text);
            locations = JsonLocations.index(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, JsonLocations.Location.of(e.getLocation()),
                    "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, null, "the configuration file cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(file, null, "the configuration file is empty; expected a JSON object");
        }
        return new ConfigReader(file.toAbsolutePath().normalize(), locations, registry).read(root);
    }

    /**
     * Reads a configuration already parsed, e.g. the resolved one a checkpoint carries.
     *
     * @param origin   where it came from, for messages and relative paths
     * @param root     the configuration
     * @param registry where names are looked up
     * @return the checked configuration
     */
    public static RunConfig read(Path origin, JsonNode root, PluginRegistry registry) {
        return new ConfigReader(origin.toAbsolutePath().normalize(), JsonLocations.none(), registry).read(root);
    }

    /**
     * The integrator of a configuration without an {@code integrator} section: {@code auto}, which switches between
     * Dormand-Prince 5(4) and Radau IIA 5 as the flow's stiffness asks (at its default tolerances).
     */
    public static final String DEFAULT_INTEGRATOR = "auto";

    private RunConfig read(JsonNode root) {
        requireObject(root, "$");
        allowOnly(root, "$", List.of("architecture", "data", "loss", "integrator", "init", "stop", "record"));
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();

        Architecture architecture = architecture(required(root, "$", "architecture"), "$.architecture");
        ObjectNode arch = resolved.putObject("architecture");
        arch.put("d0", architecture.inputDimension());
        putInts(arch.putArray("widths"), architecture.widths());
        putInts(arch.putArray("strides"), architecture.strides());
        putInts(arch.putArray("dimensions"), architecture.dimensions());

        Component data = component(required(root, "$", "data"), "$.data", "source", registry.dataSourceProviders(),
                "data source", resolved.putObject("data"));
        Component loss = component(required(root, "$", "loss"), "$.loss", "name", registry.lossProviders(), "loss",
                resolved.putObject("loss"));
        JsonNode integratorNode = root.has("integrator") ? root.get("integrator")
                : JsonNodeFactory.instance.objectNode().put("name", DEFAULT_INTEGRATOR);
        Component integrator = component(integratorNode, "$.integrator", "name",
                registry.integratorProviders(), "integrator", resolved.putObject("integrator"));
        Initialization init = init(root.get("init"), architecture, resolved.putObject("init"));
        StopCondition stop = stop(root.get("stop"), resolved.putObject("stop"));
        double every = record(root.get("record"), stop, resolved.putObject("record"));
        FlowSpec spec = new FlowSpec(architecture, data, loss, integrator, init, stop, every);
        return new RunConfig(file, spec, resolved);
    }

    // ---- sections ---------------------------------------------------------------------------------

    private Architecture architecture(JsonNode node, String path) {
        requireObject(node, path);
        allowOnly(node, path, List.of("d0", "widths", "strides", "dimensions"));
        int d0 = (int) integer(required(node, path, "d0"), path + ".d0", 1, Integer.MAX_VALUE);
        int[] widths = intArray(required(node, path, "widths"), path + ".widths", 1);
        int[] strides;
        if (node.has("strides")) {
            strides = intArray(node.get("strides"), path + ".strides", 1);
            if (strides.length != widths.length) {
                throw error(path + ".strides", "has " + strides.length + " entries but widths has " + widths.length
                        + "; give one stride per layer");
            }
        } else {
            strides = new int[widths.length];
            java.util.Arrays.fill(strides, 1);
        }
        Architecture architecture;
        try {
            architecture = Architecture.of(d0, widths, strides);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
        if (node.has("dimensions")) {
            int[] dimensions = intArray(node.get("dimensions"), path + ".dimensions", 1);
            if (!java.util.Arrays.equals(dimensions, architecture.dimensions())) {
                throw error(path + ".dimensions", "are derived from d0, widths and strides (eq. (1.2)): expected "
                        + java.util.Arrays.toString(architecture.dimensions()) + ", got "
                        + java.util.Arrays.toString(dimensions));
            }
        }
        return architecture;
    }

    private <P extends PluginProvider<?>> Component component(JsonNode node, String path, String nameKey,
                                                              Map<String, P> providers, String kind,
                                                              ObjectNode resolved) {
        requireObject(node, path);
        String name = string(required(node, path, nameKey), path + "." + nameKey);
        if (!providers.containsKey(name)) {
            String message = "unknown " + kind + " '" + name + "'; available: " + String.join(", ", providers.keySet());
            if (nameKey.equals("source") && name.equals("spark")) {
                message += " (the spark source is in lcn-spark: put its jar and Spark's on the class path; the lcn"
                        + " launcher does when the configuration names it)";
            }
            List<String> close = Names.closest(name, providers.keySet());
            if (!close.isEmpty()) {
                message += "; did you mean " + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "))
                        + "?";
            }
            throw error(path + "." + nameKey, message);
        }
        P provider = providers.get(name);
        List<String> allowed = new ArrayList<>();
        allowed.add(nameKey);
        allowed.addAll(provider.parameters().keySet());
        allowOnly(node, path, allowed, kind + " '" + name + "'");
        Map<String, Object> values = new LinkedHashMap<>();
        resolved.put(nameKey, name);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(nameKey)) {
                continue;
            }
            String fieldPath = path + "." + field.getKey();
            JsonNode value = field.getValue();
            Object plain;
            if (value.isIntegralNumber()) {
                plain = value.canConvertToLong() ? (Object) value.longValue() : (Object) value.doubleValue();
            } else if (value.isNumber()) {
                plain = finite(value, fieldPath);
            } else if (value.isTextual()) {
                String text = value.textValue();
                if (nameKey.equals("source") && PATH_KEYS.contains(field.getKey()) && !isUri(text)) {
                    text = file.getParent().resolve(text).normalize().toString();
                }
                plain = text;
            } else if (value.isBoolean()) {
                plain = value.booleanValue();
            } else {
                throw error(fieldPath, "must be a number, a string or a boolean, got " + describe(value));
            }
            values.put(field.getKey(), plain);
            resolved.putPOJO(field.getKey(), plain);
        }
        Parameters parameters = Parameters.of(values);
        try {
            provider.create(parameters);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
        return new Component(name, parameters);
    }

    /** @return whether the text is a URI with a scheme ({@code hdfs://...}, {@code file:/...}), not a plain path */
    private static boolean isUri(String text) {
        return text.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*");
    }

    private Initialization init(JsonNode node, Architecture architecture, ObjectNode resolved) {
        String path = "$.init";
        if (node == null) {
            resolved.put("seed", DEFAULT_SEED);
            resolved.put("scale", DEFAULT_SCALE);
            return new Initialization.Seeded(DEFAULT_SEED, DEFAULT_SCALE);
        }
        requireObject(node, path);
        allowOnly(node, path, List.of("filters", "seed", "scale"));
        if (node.has("filters")) {
            if (node.has("seed") || node.has("scale")) {
                throw error(path, "give either 'filters' or 'seed' and 'scale', not both");
            }
            String fp = path + ".filters";
            JsonNode filters = node.get("filters");
            if (!filters.isArray()) {
                throw error(fp, "must be an array with one array of numbers per layer, got " + describe(filters));
            }
            if (filters.size() != architecture.depth()) {
                throw error(fp, "has " + filters.size() + " layers but the architecture has depth "
                        + architecture.depth());
            }
            double[][] layers = new double[filters.size()][];
            ArrayNode out = resolved.putArray("filters");
            for (int i = 0; i < layers.length; i++) {
                String lp = fp + "[" + i + "]";
                JsonNode layer = filters.get(i);
                if (!layer.isArray()) {
                    throw error(lp, "must be an array of numbers, got " + describe(layer));
                }
                if (layer.size() != architecture.width(i)) {
                    throw error(lp, "has " + layer.size() + " values but layer " + (i + 1) + " has width k" + (i + 1)
                            + " = " + architecture.width(i));
                }
                layers[i] = new double[layer.size()];
                ArrayNode row = out.addArray();
                for (int j = 0; j < layers[i].length; j++) {
                    layers[i][j] = number(layer.get(j), lp + "[" + j + "]");
                    row.add(layers[i][j]);
                }
            }
            return new Initialization.Given(layers);
        }
        long seed = node.has("seed") ? integer(node.get("seed"), path + ".seed", Long.MIN_VALUE, Long.MAX_VALUE)
                : DEFAULT_SEED;
        double scale = node.has("scale") ? number(node.get("scale"), path + ".scale") : DEFAULT_SCALE;
        if (!(scale > 0)) {
            throw error(path + ".scale", "must be > 0, got " + scale);
        }
        resolved.put("seed", seed);
        resolved.put("scale", scale);
        return new Initialization.Seeded(seed, scale);
    }

    private StopCondition stop(JsonNode node, ObjectNode resolved) {
        String path = "$.stop";
        if (node != null) {
            requireObject(node, path);
            allowOnly(node, path, List.of("tMax", "gradientTolerance", "maxSteps", "maxParameterNorm"));
        }
        double tMax = optionalNumber(node, path, "tMax", DEFAULT_T_MAX);
        if (!(tMax > 0)) {
            throw error(path + ".tMax", "must be > 0, got " + tMax);
        }
        double tolerance = optionalNumber(node, path, "gradientTolerance", 0.0);
        if (!(tolerance >= 0)) {
            throw error(path + ".gradientTolerance", "must be >= 0, got " + tolerance);
        }
        long maxSteps = node != null && node.has("maxSteps")
                ? integer(node.get("maxSteps"), path + ".maxSteps", 1, Long.MAX_VALUE) : DEFAULT_MAX_STEPS;
        double maxNorm = optionalNumber(node, path, "maxParameterNorm", StopCondition.DEFAULT_MAX_PARAMETER_NORM);
        if (!(maxNorm > 0)) {
            throw error(path + ".maxParameterNorm", "must be > 0, got " + maxNorm);
        }
        resolved.put("tMax", tMax);
        resolved.put("gradientTolerance", tolerance);
        resolved.put("maxSteps", maxSteps);
        resolved.put("maxParameterNorm", maxNorm);
        return new StopCondition(tMax, tolerance, maxSteps, maxNorm);
    }

    private double record(JsonNode node, StopCondition stop, ObjectNode resolved) {
        String path = "$.record";
        if (node != null) {
            requireObject(node, path);
            allowOnly(node, path, List.of("every"));
        }
        double every = optionalNumber(node, path, "every", stop.tMax() / 200);
        if (!(every >= 0)) {
            throw error(path + ".every", "must be >= 0 (0 records every accepted step), got " + every);
        }
        resolved.put("every", every);
        return every;
    }

    // ---- typed values -----------------------------------------------------------------------------

    ConfigException error(String path, String problem) {
        return new ConfigException(file, path, where.of(path), problem);
    }

    private JsonNode required(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(path.equals("$") ? "$" : path, "missing required field '" + key + "'");
        }
        return value;
    }

    private void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "must be a JSON object, got " + describe(node));
        }
    }

    private void allowOnly(JsonNode node, String path, List<String> known) {
        allowOnly(node, path, known, null);
    }

    private void allowOnly(JsonNode node, String path, List<String> known, String owner) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String message = "unknown key '" + name + "'" + (owner == null ? "" : " for " + owner) + "; allowed: "
                        + String.join(", ", new TreeSet<>(known));
                List<String> close = Names.closest(name, known);
                if (!close.isEmpty()) {
                    message += "; did you mean '" + close.get(0) + "'?";
                }
                String at = path + "." + name;
                throw new ConfigException(file, at, where.ofKey(at), message);
            }
        }
    }

    private long integer(JsonNode node, String path, long min, long max) {
        if (!node.isNumber()) {
            throw error(path, "must be an integer, got " + describe(node));
        }
        if (!node.isIntegralNumber()) {
            double d = node.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
                throw error(path, "must be an integer, got " + node.asText());
            }
        } else if (!node.canConvertToLong()) {
            throw error(path, "must be an integer between " + min + " and " + max + ", got " + node.asText());
        }
        long value = node.isIntegralNumber() ? node.longValue() : (long) node.doubleValue();
        if (value < min || value > max) {
            throw error(path, "must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min
                    : "between " + min + " and " + max) + ", got " + value);
        }
        return value;
    }

    private int[] intArray(JsonNode node, String path, int min) {
        if (!node.isArray() || node.size() == 0) {
            throw error(path, "must be a non-empty array of integers, got " + describe(node));
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) integer(node.get(i), path + "[" + i + "]", min, Integer.MAX_VALUE);
        }
        return values;
    }

    private double number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw error(path, "must be a number, got " + describe(node));
        }
        return finite(node, path);
    }

    private double finite(JsonNode node, String path) {
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw error(path, "must be a finite number, got " + node.asText());
        }
        return value;
    }

    private double optionalNumber(JsonNode node, String path, String key, double defaultValue) {
        return node != null && node.has(key) ? number(node.get(key), path + "." + key) : defaultValue;
    }

    private String string(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw error(path, "must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        return node.asText();
    }

    private static void putInts(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
