package org.lcnflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named parameters of a component (loss, integrator, data source): an immutable map from name to a
 * number, a string or a boolean, as written in a configuration file or on a command line.
 *
 * <p>Numbers may be given as {@link Number}s or as strings that parse as numbers ({@code "1e-6"}), so
 * that command-line text and JSON values read the same. Values are checked for their type when read;
 * each component checks their range and {@link #requireOnly rejects names it does not know}.
 *
 * <p>Immutable and thread-safe. {@code equals}, {@code hashCode} and {@code toString} by value.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(Collections.emptyMap());

    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = values;
    }

    /** @return parameters with no names */
    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * @param values name to value; values must be {@link Number}, {@link String} or {@link Boolean}
     * @return an immutable copy, keeping the map's iteration order
     * @throws IllegalArgumentException for a null or blank name, a null value or a value of another type
     */
    public static Parameters of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values is null");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter names must be non-blank, got '" + name + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + name + "' has no value (null)");
            }
            if (!(value instanceof Number || value instanceof String || value instanceof Boolean)) {
                throw new IllegalArgumentException("parameter '" + name + "' must be a number, a string or a boolean, got "
                        + value.getClass().getSimpleName() + " " + value);
            }
            copy.put(name, value);
        }
        return copy.isEmpty() ? EMPTY : new Parameters(Collections.unmodifiableMap(copy));
    }

    /**
     * @param name  a parameter name
     * @param value its value (number, string or boolean)
     * @return a copy of these parameters with {@code name} set to {@code value}
     */
    public Parameters with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return of(copy);
    }

    /** @return the parameter names, in the order given */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * @param name a parameter name
     * @return whether the parameter is present
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * @param name a parameter name
     * @return the raw value (number, string or boolean), or null when absent
     */
    public Object get(String name) {
        return values.get(name);
    }

    /**
     * @param name         a parameter name
     * @param defaultValue returned when the parameter is absent
     * @return the parameter as a double (not checked for range or finiteness)
     * @throws IllegalArgumentException when present but not a number
     */
    public double getDouble(String name, double defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.parseDouble(((String) value).trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a number, got " + describe(value));
    }

    /**
     * @param name a required parameter name
     * @return the parameter as a double
     * @throws IllegalArgumentException when absent or not a number
     */
    public double requireDouble(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return getDouble(name, Double.NaN);
    }

    /**
     * @param name         a parameter name
     * @param defaultValue returned when the parameter is absent
     * @return the parameter as a long
     * @throws IllegalArgumentException when present but not an integer (e.g. {@code 2.5} or {@code "x"})
     */
    public long getLong(String name, long defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        double d;
        if (value instanceof Number) {
            d = ((Number) value).doubleValue();
        } else if (value instanceof String) {
            String text = ((String) value).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    d = Double.parseDouble(text);
                } catch (NumberFormatException e2) {
                    d = Double.NaN;
                }
            }
        } else {
            d = Double.NaN;
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) d;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be an integer, got " + describe(value));
    }

    /**
     * @param name         a parameter name
     * @param defaultValue returned when the parameter is absent
     * @return the parameter as text (numbers and booleans as written)
     */
    public String getString(String name, String defaultValue) {
        Object value = values.get(name);
        return value == null ? defaultValue : value.toString();
    }

    /**
     * @param name         a parameter name
     * @param defaultValue returned when the parameter is absent
     * @return the parameter as a boolean
     * @throws IllegalArgumentException when present but neither a boolean nor "true"/"false"
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got " + describe(value));
    }

    /**
     * Rejects any parameter name not in {@code known}.
     *
     * @param component the component's name, for the message (e.g. {@code "pseudo-huber"})
     * @param known     the names the component understands
     * @return these parameters
     * @throws IllegalArgumentException naming the component, the unknown names and the known ones
     */
    public Parameters requireOnly(String component, Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String which = unknown.size() == 1 ? "unknown parameter '" + unknown.iterator().next() + "'"
                    : "unknown parameters " + unknown;
            String allowed = known.isEmpty() ? "it takes no parameters" : "known parameters: " + new TreeSet<>(known);
            throw new IllegalArgumentException(component + ": " + which + "; " + allowed);
        }
        return this;
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters && values.equals(((Parameters) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** @return e.g. {@code (delta=0.7, alpha=2)} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(");
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.append(')').toString();
    }
}
