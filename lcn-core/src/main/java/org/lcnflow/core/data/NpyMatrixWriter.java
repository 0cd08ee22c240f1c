package org.lcnflow.core.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a matrix as a NumPy {@code .npy} file (format 1.0, little-endian float64, C order), readable by
 * {@code numpy.load} and by {@link NpyMatrixReader}.
 */
public final class NpyMatrixWriter {

    private NpyMatrixWriter() {
    }

    /**
     * @param rows the matrix, rectangular and non-empty
     * @param out  where the file's bytes go (not closed)
     * @throws IOException when writing fails
     */
    public static void write(double[][] rows, OutputStream out) throws IOException {
        int cols = rows[0].length;
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        int unpadded = 10 + header.length() + 1;
        header += " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + rows.length * cols * 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double[] row : rows) {
            if (row.length != cols) {
                throw new IllegalArgumentException("the matrix is ragged: a row has " + row.length + " values, the"
                        + " first " + cols);
            }
            for (double v : row) {
                buffer.putDouble(v);
            }
        }
        out.write(buffer.array());
    }
}
