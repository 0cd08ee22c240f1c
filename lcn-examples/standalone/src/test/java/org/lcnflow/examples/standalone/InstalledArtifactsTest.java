package org.lcnflow.examples.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What this project received through lcn-bom, as installed by {@code mvn install}: each library jar names
 * its module ({@code Automatic-Module-Name}, so it can sit on a module path) and comes with its sources and
 * javadoc jars beside it in the local repository. lcn-testkit, which this project does not depend on, is
 * found beside lcn-api in the same repository.
 */
class InstalledArtifactsTest {

    /** A class of each library module, by the module name its jar declares. */
    private static final Map<String, String> LIBRARIES = Map.of(
            "org.lcnflow.api", "org.lcnflow.api.Architecture",
            "org.lcnflow.core", "org.lcnflow.core.FlowRunner",
            "org.lcnflow.losses", "org.lcnflow.losses.SquareLoss",
            "org.lcnflow.integrators", "org.lcnflow.integrators.EulerProvider");

    @Test
    void everyLibraryJarNamesItsModuleAndHasSourcesAndJavadocBesideIt() throws Exception {
        Map<String, Path> jars = new TreeMap<>();
        for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
            jars.put(library.getKey(), jarOf(Class.forName(library.getValue())));
        }
        // <repository>/org/lcnflow/lcn-api/<version>/lcn-api-<version>.jar: lcn-testkit lies beside it
        Path api = jars.get("org.lcnflow.api");
        String version = api.getParent().getFileName().toString();
        jars.put("org.lcnflow.testkit", api.getParent().getParent().resolveSibling("lcn-testkit").resolve(version)
                .resolve("lcn-testkit-" + version + ".jar"));
        assertEquals(5, jars.size());
        for (Map.Entry<String, Path> library : jars.entrySet()) {
            Path jar = library.getValue();
            assertTrue(Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar"),
                    library.getKey() + " comes from " + jar);
            try (JarFile file = new JarFile(jar.toFile())) {
                assertEquals(library.getKey(), file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                        "Automatic-Module-Name of " + jar);
            }
            Set<String> modules = ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                    .map(d -> d.name()).collect(Collectors.toSet());
            assertEquals(Set.of(library.getKey()), modules, "the module " + jar + " is on a module path");
            String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            for (String classifier : new String[] {"sources", "javadoc"}) {
                Path attached = jar.resolveSibling(base + "-" + classifier + ".jar");
                assertTrue(Files.isRegularFile(attached) && Files.size(attached) > 0, "no " + attached);
            }
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException, IOException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath();
    }
}
