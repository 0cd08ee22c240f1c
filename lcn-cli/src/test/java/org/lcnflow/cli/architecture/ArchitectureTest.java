package org.lcnflow.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house, checked on every build: no cycles between packages of the platform's main code,
 * lcn-api depending on nothing but the JDK, and every package of every main source tree small (at most
 * {@value #MAX_FILES} source files, {@code org.lcnflow.api} excepted) with a {@code package-info.java}.
 * This module's test class path holds lcn-api, lcn-testkit, lcn-core, lcn-losses, lcn-integrators and
 * lcn-cli; the source-tree checks walk every module, examples and benchmarks included.
 */
class ArchitectureTest {

    /** The most source files one package of a main source tree may hold. */
    static final int MAX_FILES = 15;

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.lcnflow");

    /** Every package of the platform is a slice; a dependency cycle between any two fails. */
    private static final ArchRule NO_CYCLES = slices().matching("org.lcnflow.(**)").should().beFreeOfCycles();

    private static final ArchRule API_DEPENDS_ON_NOTHING = classes().that().resideInAPackage("org.lcnflow.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.lcnflow.api..")
            .because("a plugin compiles against lcn-api alone");

    @Test
    void everyModuleOnTheClassPathWasImported() {
        Set<String> packages = PLATFORM.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        for (String expected : List.of("org.lcnflow.api", "org.lcnflow.testkit", "org.lcnflow.core",
                "org.lcnflow.core.risk", "org.lcnflow.core.risk.engine", "org.lcnflow.losses",
                "org.lcnflow.integrators", "org.lcnflow.cli")) {
            assertTrue(packages.contains(expected), expected + " was not imported; imported: " + new TreeSet<>(packages));
        }
        assertTrue(PLATFORM.stream().noneMatch(c -> c.getPackageName().startsWith("org.lcnflow.cli.architecture")),
                "test classes were imported");
    }

    @Test
    void thereAreNoCyclesBetweenPackages() {
        NO_CYCLES.check(PLATFORM);
    }

    @Test
    void theRuleCatchesACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("org.lcnflow.cli.architecture.cycle");
        assertEquals(2, cycle.size());
        AssertionError error = assertThrows(AssertionError.class, () -> NO_CYCLES.check(cycle));
        assertTrue(error.getMessage().contains("Cycle detected"), error.getMessage());
    }

    @Test
    void lcnApiDependsOnNothingButTheJdk() {
        assertTrue(PLATFORM.stream().anyMatch(c -> c.getPackageName().equals("org.lcnflow.api")));
        API_DEPENDS_ON_NOTHING.check(PLATFORM);
    }

    @Test
    void everyPackageOfEveryMainSourceTreeIsSmallAndSaysWhatItIs() {
        Map<Path, List<Path>> packages = mainPackages(Checkout.root());
        assertTrue(packages.size() >= 20, "found only " + packages.keySet());
        List<String> problems = new ArrayList<>();
        packages.forEach((directory, files) -> {
            String name = packageName(directory);
            if (!files.contains(directory.resolve("package-info.java"))) {
                problems.add(name + " (" + directory + ") has no package-info.java");
            }
            if (files.size() > MAX_FILES && !name.equals("org.lcnflow.api")) {
                problems.add(name + " (" + directory + ") holds " + files.size() + " source files, more than "
                        + MAX_FILES);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** @return every directory of a {@code src/main/java} tree that holds Java files, with those files */
    private static Map<Path, List<Path>> mainPackages(Path root) {
        Map<Path, List<Path>> packages = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').contains("src/main/java/"))
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').contains("/target/"))
                    .forEach(p -> packages.computeIfAbsent(p.getParent(), d -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private static String packageName(Path directory) {
        String path = directory.toString().replace('\\', '/');
        return path.substring(path.indexOf("src/main/java/") + "src/main/java/".length()).replace('/', '.');
    }
}
