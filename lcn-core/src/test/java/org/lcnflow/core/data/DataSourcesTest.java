package org.lcnflow.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;

class DataSourcesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String csvError(String text) throws IOException {
        Path file = write("bad.csv", text);
        return assertThrows(IllegalArgumentException.class, () -> CsvMatrixReader.read(file)).getMessage()
                .replace(file.toString(), "bad.csv");
    }

    @Test
    void csvReadsCommasWhiteSpaceHeaderAndComments() throws IOException {
        Path file = write("x.csv", "\uFEFFa,b, c\n# a comment\n1, 2,3\n\n4 5\t6\n-1e-3,+2.5E2,7\n");
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}, {-1e-3, 250, 7}}, CsvMatrixReader.read(file));
    }

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        assertEquals("bad.csv line 3, column 2: 'abc' is not a number", csvError("x,y\n1,2\n3,abc\n"));
        assertEquals("bad.csv line 2: 1 values, but line 1 has 2 (every row needs the same number of columns)",
                csvError("1,2\n3\n"));
        assertEquals("bad.csv line 1, column 2: NaN is not allowed: data must be finite", csvError("1,NaN\n"));
        assertEquals("bad.csv line 1, column 1: -Infinity is not allowed: data must be finite", csvError("-Infinity\n"));
        assertEquals("bad.csv is empty: it holds no data rows", csvError(""));
        assertEquals("bad.csv is empty: it holds no data rows", csvError("a,b\n"));
        assertEquals("bad.csv line 2, column 1: '1.5f' is not a number", csvError("1,2\n1.5f,3\n"));
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> CsvMatrixReader.read(missing)).getMessage());
    }

    /** Writes a version-1 .npy file. */
    private Path npy(String name, String descr, boolean fortran, String shape, double[] values, int dropBytes)
            throws IOException {
        int item = descr.endsWith("8") ? 8 : 4;
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + values.length * item)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buffer.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (item == 8) {
                buffer.putDouble(v);
            } else {
                buffer.putFloat((float) v);
            }
        }
        byte[] bytes = buffer.array();
        Path file = dir.resolve(name);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - dropBytes));
        return file;
    }

    @Test
    void npyReadsFloat64AndFloat32InBothOrdersAndByteOrders() throws IOException {
        double[][] expected = {{1, 2, 3}, {4, 5, 6}};
        assertArrayEquals(expected, NpyMatrixReader.read(npy("c.npy", "<f8", false, "2, 3", new double[] {1, 2, 3, 4,
            5, 6}, 0)));
        assertArrayEquals(expected, NpyMatrixReader.read(npy("f.npy", "<f8", true, "2, 3", new double[] {1, 4, 2, 5,
            3, 6}, 0)));
        assertArrayEquals(expected, NpyMatrixReader.read(npy("b.npy", ">f8", false, "2, 3", new double[] {1, 2, 3, 4,
            5, 6}, 0)));
        assertArrayEquals(new double[][] {{0.5, 1.25}}, NpyMatrixReader.read(npy("s.npy", "<f4", false, "1, 2",
                new double[] {0.5, 1.25}, 0)));
    }

    @Test
    void npyWriterAndReaderRoundTripExactly() throws IOException {
        double[][] matrix = {{Math.PI, -0.0, 1e-300}, {Double.MAX_VALUE, 2, -3.5}};
        Path file = dir.resolve("round.npy");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            NpyMatrixWriter.write(matrix, out);
        }
        assertArrayEquals(matrix, NpyMatrixReader.read(file));
        assertEquals(0, (Files.size(file) - 2 * 3 * 8) % 64, "header padded to 64 bytes as numpy does");
    }

    @Test
    void npyErrorsSayWhatIsWrong() throws IOException {
        Path ints = npy("i.npy", "<i8", false, "1, 1", new double[] {1}, 0);
        assertEquals(ints + ": dtype '<i8' is not supported; allowed: float64 ('<f8', '>f8') or float32 ('<f4', '>f4')",
                assertThrows(IllegalArgumentException.class, () -> NpyMatrixReader.read(ints)).getMessage());
        Path vector = npy("v.npy", "<f8", false, "3,", new double[] {1, 2, 3}, 0);
        assertEquals(vector + ": expected a 2-D array (samples x dimension), got shape (3,)",
                assertThrows(IllegalArgumentException.class, () -> NpyMatrixReader.read(vector)).getMessage());
        Path truncated = npy("t.npy", "<f8", false, "2, 2", new double[] {1, 2, 3, 4}, 5);
        assertEquals(truncated + " is truncated: shape (2, 2) needs 32 bytes of data, found 27",
                assertThrows(IllegalArgumentException.class, () -> NpyMatrixReader.read(truncated)).getMessage());
        Path nan = npy("n.npy", "<f8", false, "1, 2", new double[] {1, Double.NaN}, 0);
        assertEquals(nan + ": element [0, 1] is NaN: data must be finite",
                assertThrows(IllegalArgumentException.class, () -> NpyMatrixReader.read(nan)).getMessage());
        Path text = write("text.npy", "1,2,3\n4,5,6\n");
        assertEquals(text + " is not a .npy file: it does not start with \\x93NUMPY",
                assertThrows(IllegalArgumentException.class, () -> NpyMatrixReader.read(text)).getMessage());
    }

    @Test
    void fileSourcesCheckShapesAgainstTheArchitecture() throws IOException {
        PluginRegistry registry = PluginRegistry.load();
        Path x = write("x.csv", "1,2,3\n4,5,6\n");
        Path y = write("y.csv", "1\n2\n");
        Architecture fits = Architecture.of(3, new int[] {3}, new int[] {1});
        Dataset data = registry.dataSource("csv", Parameters.of(Map.of("x", x.toString(), "y", y.toString())))
                .load(fits);
        assertEquals(2, data.sampleCount());
        assertEquals(x + " has 3 columns but the architecture's input dimension d0 is 4", assertThrows(
                IllegalArgumentException.class, () -> registry.dataSource("csv", Parameters.of(Map.of("x",
                        x.toString(), "y", y.toString()))).load(Architecture.of(4, new int[] {4}, new int[] {1})))
                .getMessage());
        Path shortY = write("y1.csv", "1\n");
        assertEquals(x + " has 2 samples (rows) but " + shortY + " has 1; inputs and targets need one row per sample"
                + " each", assertThrows(IllegalArgumentException.class, () -> registry.dataSource("csv",
                        Parameters.of(Map.of("x", x.toString(), "y", shortY.toString()))).load(fits)).getMessage());
        assertEquals("npy: parameter 'y' (a file path) is required", assertThrows(IllegalArgumentException.class,
                () -> registry.dataSource("npy", Parameters.of(Map.of("x", "a.npy")))).getMessage());
        assertEquals("csv: unknown parameter 'z'; known parameters: [x, y]", assertThrows(
                IllegalArgumentException.class, () -> registry.dataSource("csv", Parameters.of(Map.of("z", "a"))))
                .getMessage());
    }

    @Test
    void syntheticDataComeFromTheTeacherAndAreReproducible() {
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        SyntheticDataSource clean = new SyntheticDataSource(40, 7, 0, 0, 10, 1);
        Dataset data = clean.load(a);
        assertEquals(40, data.sampleCount());
        assertEquals(data, new SyntheticDataSource(40, 7, 0, 0, 10, 1).load(a));
        assertNotEquals(data, new SyntheticDataSource(40, 8, 0, 0, 10, 1).load(a));
        // without noise the teacher fits exactly: its risk is zero up to rounding
        double risk = EmpiricalRisk.of(a, data, new Square()).value(clean.teacherFilters(a));
        assertTrue(risk < 1e-24, "teacher risk " + risk);
        // with outliers, exactly round(0.1 * 40) = 4 samples move away from the noise-free targets
        Dataset corrupted = new SyntheticDataSource(40, 7, 0, 0.1, 10, 1).load(a);
        int changed = 0;
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(data.inputs()[i], corrupted.inputs()[i]);
            if (!java.util.Arrays.equals(data.targets()[i], corrupted.targets()[i])) {
                changed++;
            }
        }
        assertEquals(4, changed);
    }

    @Test
    void syntheticParametersAreChecked() {
        PluginRegistry registry = PluginRegistry.load();
        assertEquals("synthetic: outliers must be a fraction in [0, 1], got 1.5", assertThrows(
                IllegalArgumentException.class, () -> registry.dataSource("synthetic",
                        Parameters.of(Map.of("outliers", 1.5)))).getMessage());
        assertEquals("synthetic: m must be an integer >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> registry.dataSource("synthetic", Parameters.of(Map.of("m", 0)))).getMessage());
        assertEquals("synthetic: noise must be >= 0 and finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> registry.dataSource("synthetic", Parameters.of(Map.of("noise", Double.NaN)))).getMessage());
        assertEquals(java.util.Set.of("csv", "npy", "synthetic"), registry.dataSourceNames());
    }

    private static final class Square implements org.lcnflow.api.SeparableLoss {
        @Override
        public double phi(double r) {
            return r * r;
        }

        @Override
        public double phiPrime(double r) {
            return 2 * r;
        }

        @Override
        public double phiSecond(double r) {
            return 2;
        }
    }
}
