package org.lcnflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small problem on disk: x.csv, y.csv and a configuration, for the command's tests. */
final class Problems {

    /** d = (9, 7, 3): widths 3, 3 and strides 1, 2. */
    static final String ARCHITECTURE = "{\"d0\": 9, \"widths\": [3, 3], \"strides\": [1, 2]}";
    static final int SAMPLES = 12;

    private Problems() {
    }

    static void writeData(Path dir) throws IOException {
        Random random = new Random(5);
        StringBuilder x = new StringBuilder("x1,x2,x3,x4,x5,x6,x7,x8,x9\n");
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < 9; j++) {
                x.append(j == 0 ? "" : ",").append(random.nextGaussian());
            }
            x.append('\n');
            for (int j = 0; j < 3; j++) {
                y.append(j == 0 ? "" : " ").append(random.nextGaussian());
            }
            y.append('\n');
        }
        Files.writeString(dir.resolve("x.csv"), x);
        Files.writeString(dir.resolve("y.csv"), y);
    }

    static String config(String loss, String integrator, String extra) {
        return "{\n  \"architecture\": " + ARCHITECTURE + ",\n"
                + "  \"data\": {\"source\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},\n"
                + "  \"loss\": " + loss + ",\n"
                + "  \"integrator\": " + integrator + ",\n"
                + "  \"init\": {\"filters\": [[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]]},\n"
                + "  \"stop\": {\"tMax\": 0.5, \"gradientTolerance\": 1e-10, \"maxSteps\": 100000}" + extra + "\n}\n";
    }

    static String config() {
        return config("{\"name\": \"pseudo-huber\", \"delta\": 0.7}",
                "{\"name\": \"dormand-prince-54\", \"rtol\": 1e-9, \"atol\": 1e-12}", ",\n  \"record\": {\"every\": 0.05}");
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
