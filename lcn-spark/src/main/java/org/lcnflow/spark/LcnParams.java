package org.lcnflow.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructType;
import org.lcnflow.api.Parameters;

/** What the Spark stages and the distributed risk share: column checks and JSON parameters. */
final class LcnParams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LcnParams() {
    }

    /**
     * @param json  a JSON object of parameters, e.g. {@code {"delta": 0.5}}
     * @param param the param it came from, for the message
     * @return the parameters
     * @throws IllegalArgumentException naming the param and the text when it is not a JSON object
     */
    static Parameters parameters(String json, Param<?> param) {
        try {
            Map<String, Object> values = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            return Parameters.of(values == null ? Map.of() : values);
        } catch (Exception e) {
            throw new IllegalArgumentException("param " + param.name() + " must be a JSON object such as"
                    + " {\"delta\": 0.5}, got " + json + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks a column of samples for the distributed risk: an ML vector, an array of doubles, or text of numbers
     * separated by spaces, commas or semicolons (as a CSV file holds a sample).
     *
     * @throws IllegalArgumentException for a missing column or one of another type
     */
    static void requireSamples(StructType schema, String column, String what) {
        if (java.util.Arrays.asList(schema.fieldNames()).contains(column)
                && schema.apply(column).dataType() instanceof org.apache.spark.sql.types.StringType) {
            return;
        }
        check(schema, column, what, true);
    }

    /**
     * @return whether the column is an ML vector (else an array of doubles)
     * @throws IllegalArgumentException for a missing column or one of another type
     */
    static boolean isVector(StructType schema, String column, String what) {
        return check(schema, column, what, false);
    }

    private static boolean check(StructType schema, String column, String what, boolean text) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the data have no column '" + column + "' for the " + what
                    + " (columns: " + java.util.Arrays.toString(schema.fieldNames()) + ")");
        }
        DataType type = schema.apply(column).dataType();
        if (type instanceof VectorUDT) {
            return true;
        }
        if (type instanceof ArrayType && ((ArrayType) type).elementType() instanceof DoubleType) {
            return false;
        }
        throw new IllegalArgumentException("column '" + column + "' (the " + what + ") is " + type.simpleString()
                + ": it must be an array of doubles or an ML vector" + (text ? " (or text of numbers)" : ""));
    }
}
