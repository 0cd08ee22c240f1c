package org.lcnflow.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 2-D float64 or float32 array from a NumPy {@code .npy} file (format versions 1 to 3, C or
 * Fortran order, either byte order). Errors name the file and what is wrong: the magic string, the
 * dtype (with the allowed ones), the rank, a truncated data section, a non-finite value.
 */
public final class NpyMatrixReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyMatrixReader() {
    }

    /**
     * @param file the {@code .npy} file
     * @return the array as rows
     * @throws IllegalArgumentException when the file is missing or not a 2-D float array, naming the file
     */
    public static double[][] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IllegalArgumentException(file + " is not a .npy file: only " + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException(file + " is not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(file + " is truncated inside the .npy header");
            }
            headerLength = buffer.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(file + ": unsupported .npy format version " + major
                    + " (supported: 1, 2, 3)");
        }
        if (headerLength < 0 || headerStart + (long) headerLength > bytes.length) {
            throw new IllegalArgumentException(file + " is truncated inside the .npy header");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(file, DESCR, header, "descr");
        boolean fortran = "True".equals(find(file, FORTRAN, header, "fortran_order"));
        long[] shape = shape(file, find(file, SHAPE, header, "shape"));
        if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0
                || !(descr.endsWith("f8") || descr.endsWith("f4"))) {
            throw new IllegalArgumentException(file + ": dtype '" + descr + "' is not supported; allowed: float64"
                    + " ('<f8', '>f8') or float32 ('<f4', '>f4')");
        }
        if (shape.length != 2) {
            throw new IllegalArgumentException(file + ": expected a 2-D array (samples x dimension), got shape "
                    + shapeText(shape));
        }
        if (shape[0] == 0 || shape[1] == 0) {
            throw new IllegalArgumentException(file + " is empty: shape " + shapeText(shape));
        }
        int itemSize = descr.endsWith("f8") ? 8 : 4;
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long count = shape[0] * shape[1];
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE || count > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException(file + ": shape " + shapeText(shape) + " is too large");
        }
        int dataStart = headerStart + headerLength;
        long expected = count * itemSize;
        if (bytes.length - dataStart < expected) {
            throw new IllegalArgumentException(file + " is truncated: shape " + shapeText(shape) + " needs " + expected
                    + " bytes of data, found " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(order);
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        double[][] matrix = new double[rows][cols];
        for (int k = 0; k < count; k++) {
            double value = itemSize == 8 ? data.getDouble(k * 8) : data.getFloat(k * 4);
            int r = fortran ? k % rows : k / cols;
            int c = fortran ? k / rows : k % cols;
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(file + ": element [" + r + ", " + c + "] is " + value
                        + ": data must be finite");
            }
            matrix[r][c] = value;
        }
        return matrix;
    }

    private static String find(Path file, Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": the .npy header has no valid '" + key + "' entry: " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(Path file, String text) {
        String[] parts = text.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                dims[n++] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": the .npy shape (" + text + ") is not a tuple of integers");
            }
        }
        return java.util.Arrays.copyOf(dims, n);
    }

    private static String shapeText(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
