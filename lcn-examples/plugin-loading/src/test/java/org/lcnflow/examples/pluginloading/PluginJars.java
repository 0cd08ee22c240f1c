package org.lcnflow.examples.pluginloading;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.lcnflow.api.LossProvider;

/**
 * Builds real plugin jars inside a test: compiles Java sources against {@code lcn-api} alone with the JDK's
 * compiler, and writes jar files with {@link JarOutputStream}.
 */
final class PluginJars {

    /** The services file of loss providers, as a jar entry name. */
    static final String LOSS_SERVICES = "META-INF/services/" + LossProvider.class.getName();

    private PluginJars() {
    }

    /** @return the folder the custom-loss jar was copied to by the build (the {@code lcn.pluginFolder} property) */
    static Path customLossFolder() {
        String folder = System.getProperty("lcn.pluginFolder");
        assertNotNull(folder, "the build sets lcn.pluginFolder; run the tests with Maven");
        assertTrue(Files.isDirectory(Path.of(folder)), "plugin folder " + folder + " is missing: the build copies the"
                + " custom-loss jar there in process-test-resources");
        return Path.of(folder);
    }

    /** @return the custom-loss jar in {@link #customLossFolder()} */
    static Path customLossJar() {
        try (Stream<Path> files = Files.list(customLossFolder())) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().startsWith("lcn-example-custom-loss-")
                    && f.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
            assertTrue(jars.size() == 1, "exactly one custom-loss jar expected in the plugin folder, found " + jars);
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return where lcn-api's classes are (its jar, or its classes folder in a reactor build) */
    static Path lcnApiLocation() {
        try {
            return Path.of(LossProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("lcn-api has no file location", e);
        }
    }

    /**
     * Compiles sources against lcn-api alone.
     *
     * @param work    a scratch folder
     * @param sources fully qualified class name to its source text
     * @return the folder of the compiled classes
     * @throws AssertionError with the compiler's messages when compilation fails
     */
    static Path compile(Path work, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "no Java compiler: these tests need a JDK, not a JRE");
        Path sourceRoot = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath",
                lcnApiLocation().toString(), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = compiler.run(null, messages, messages, arguments.toArray(new String[0]));
        assertTrue(status == 0, () -> "compiling " + sources.keySet() + " failed:\n"
                + messages.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /**
     * Writes a jar: a manifest, every file under {@code classes} (may be null) and the given text entries.
     *
     * @param jar     the jar file to write
     * @param classes a folder of compiled classes, or null
     * @param entries entry name to its text, e.g. a services file
     * @return {@code jar}
     */
    static Path jar(Path jar, Path classes, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            if (classes != null) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(classes)) {
                    files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
                }
                for (Path f : files) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** @return the source of a loss provider called {@code className} with the given name and constructor body */
    static String lossProviderSource(String className, String name, String constructorBody) {
        int dot = className.lastIndexOf('.');
        String pkg = className.substring(0, dot);
        String simple = className.substring(dot + 1);
        return "package " + pkg + ";\n\n"
                + "public final class " + simple + " implements org.lcnflow.api.LossProvider {\n"
                + "    public " + simple + "() {\n"
                + "        " + constructorBody + "\n"
                + "    }\n"
                + "    @Override public String name() { return \"" + name + "\"; }\n"
                + "    @Override public String description() { return \"a provider built by a test\"; }\n"
                + "    @Override public java.util.Map<String, String> parameters() { return java.util.Map.of(); }\n"
                + "    @Override public org.lcnflow.api.Loss create(org.lcnflow.api.Parameters parameters) {\n"
                + "        throw new UnsupportedOperationException(\"never created in these tests\");\n"
                + "    }\n"
                + "}\n";
    }
}
