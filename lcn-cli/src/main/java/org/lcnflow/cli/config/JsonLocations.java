package org.lcnflow.cli.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON document starts, by JSON path ({@code $.loss.delta}, {@code $.init.filters[1][0]}),
 * so that errors found after parsing can still name the line and column.
 */
final class JsonLocations {

    /** A line and column, both 1-based. */
    record Location(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }

        static Location of(JsonLocation location) {
            return location == null || location.getLineNr() < 1 ? null
                    : new Location(location.getLineNr(), location.getColumnNr());
        }
    }

    private final Map<String, Location> locations;
    private final Map<String, Location> keys;

    private JsonLocations(Map<String, Location> locations, Map<String, Location> keys) {
        this.locations = locations;
        this.keys = keys;
    }

    /** @return an index that knows no locations, for documents that did not come from a file */
    static JsonLocations none() {
        return new JsonLocations(Map.of(), Map.of());
    }

    /** Indexes a document that has already been parsed successfully. */
    static JsonLocations index(String text) throws IOException {
        Map<String, Location> map = new HashMap<>();
        Map<String, Location> keys = new HashMap<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indices = new ArrayDeque<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    keys.put(paths.peek() + "." + field, Location.of(parser.currentTokenLocation()));
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    indices.pop();
                    continue;
                }
                String parent = paths.isEmpty() ? null : paths.peek();
                String path;
                if (parent == null) {
                    path = "$";
                } else if (indices.peek()[0] >= 0) {
                    path = parent + "[" + indices.peek()[0]++ + "]";
                } else {
                    path = parent + "." + field;
                }
                map.put(path, Location.of(parser.currentTokenLocation()));
                if (token == JsonToken.START_OBJECT) {
                    paths.push(path);
                    indices.push(new int[] {-1});
                } else if (token == JsonToken.START_ARRAY) {
                    paths.push(path);
                    indices.push(new int[] {0});
                }
            }
        }
        return new JsonLocations(map, keys);
    }

    /** @return where the key of the member at {@code path} starts, or null when unknown */
    Location ofKey(String path) {
        return keys.get(path);
    }

    /** @return where the value at {@code path} starts, or null when unknown */
    Location of(String path) {
        return locations.get(path);
    }
}
