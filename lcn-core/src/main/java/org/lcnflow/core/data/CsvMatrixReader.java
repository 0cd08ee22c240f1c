package org.lcnflow.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a numeric matrix from a text file: one row per line, values separated by commas and/or white
 * space, an optional header line (a first line with no number in it), blank lines and lines starting
 * with {@code #} ignored. Every error names the file, the line and the column.
 */
public final class CsvMatrixReader {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

    private CsvMatrixReader() {
    }

    /**
     * @param file the file
     * @return the rows, all of one length, every value finite
     * @throws IllegalArgumentException when the file is missing, unreadable, empty, ragged, non-numeric
     *                                  or holds NaN or infinity, naming the file, line and column
     */
    public static double[][] read(Path file) {
        List<double[]> rows = new ArrayList<>();
        int firstDataLine = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            boolean headerAllowed = true;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String text = line.strip();
                if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1).strip();
                }
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] tokens = SEPARATOR.split(text);
                if (headerAllowed && isHeader(tokens)) {
                    headerAllowed = false;
                    continue;
                }
                headerAllowed = false;
                double[] row = new double[tokens.length];
                for (int c = 0; c < tokens.length; c++) {
                    row[c] = parse(file, lineNumber, c + 1, tokens[c]);
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": " + row.length
                            + " values, but line " + firstDataLine + " has " + rows.get(0).length
                            + " (every row needs the same number of columns)");
                }
                if (rows.isEmpty()) {
                    firstDataLine = lineNumber;
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getCause().getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: it holds no data rows");
        }
        return rows.toArray(new double[0][]);
    }

    private static boolean isHeader(String[] tokens) {
        for (String token : tokens) {
            if (isNumber(token)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String token) {
        try {
            Double.parseDouble(token);
            return !token.endsWith("d") && !token.endsWith("D") && !token.endsWith("f") && !token.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(Path file, int line, int column, String token) {
        if (!isNumber(token)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + token
                    + "' is not a number");
        }
        double value = Double.parseDouble(token);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": " + token
                    + " is not allowed: data must be finite");
        }
        return value;
    }
}
