package org.lcnflow.cli.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files atomically: into a temporary file in the same folder, flushed to disk, then
 * renamed over the target, so a run killed at any moment leaves either the old file or the new one.
 */
public final class AtomicFiles {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
                out.flush();
            }
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new OutputException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * @param folder an output folder
     * @return the folder, created if needed
     * @throws OutputException when it cannot be created or written
     */
    public static Path prepareFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new OutputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(folder)) {
            throw new OutputException("the output folder " + folder + " is not writable");
        }
        removeStaleTemporaries(folder);
        return folder;
    }

    /** @return whether the file is one of this class's temporary files (a write a crash interrupted) */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Removes temporary files that a killed run left behind; the files they were to replace are intact. */
    private static void removeStaleTemporaries(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (isTemporary(file)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new OutputException("cannot list the output folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** An output that cannot be written: reported like bad input (exit code 2). */
    static final class OutputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OutputException(String message) {
            super(message);
        }

        OutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
