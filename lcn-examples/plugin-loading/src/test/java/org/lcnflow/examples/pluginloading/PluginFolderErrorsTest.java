package org.lcnflow.examples.pluginloading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.core.plugin.PluginException;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * What a user sees when a plugin folder holds something wrong, with real jar files built in the test:
 * every error names the jar and, where there is one, the provider class; none is a bare
 * {@link java.util.ServiceConfigurationError}.
 */
class PluginFolderErrorsTest {

    @TempDir
    Path folder;

    @TempDir
    Path work;

    @Test
    void anEmptyFolderGivesTheBuiltInsAlone() {
        PluginRegistry registry = PluginRegistry.fromDirectory(folder);
        assertEquals(PluginRegistry.load().lossNames(), registry.lossNames());
        assertTrue(registry.lossNames().contains("square"), registry.toString());
    }

    @Test
    void aFolderThatDoesNotExistIsNamed() {
        Path missing = folder.resolve("no-such-folder");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginRegistry.fromDirectory(missing));
        assertEquals("plugin folder " + missing + " does not exist or is not a folder", e.getMessage());
    }

    @Test
    void aJarWithoutProvidersIsReportedByName() throws IOException {
        Path jar = PluginJars.jar(folder.resolve("notes.jar"), null, Map.of("README.txt", "not a plugin\n"));
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        assertTrue(e.getMessage().startsWith("plugin jar " + jar + " contains no lcn-flow provider: it lists none in "
                + PluginJars.LOSS_SERVICES), e.getMessage());
    }

    @Test
    void twoCopiesOfOnePluginAreReportedNamingBothJars() throws IOException {
        Path first = Files.copy(PluginJars.customLossJar(), folder.resolve("cauchy-1.0.jar"));
        Path second = Files.copy(PluginJars.customLossJar(), folder.resolve("cauchy-1.1.jar"));
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        assertTrue(e.getMessage().contains("is listed by two plugin jars, " + first + " and " + second),
                e.getMessage());
    }

    @Test
    void aCorruptJarIsReportedByName() throws IOException {
        byte[] noise = new byte[512];
        new Random(5).nextBytes(noise);
        Path jar = Files.write(folder.resolve("x.jar"), noise);
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        assertTrue(e.getMessage().startsWith("plugin jar " + jar + " cannot be read ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): is it a valid jar file?"), e.getMessage());
    }

    @Test
    void aProviderThatThrowsInItsConstructorIsReportedWithTheJarAndTheClass() throws IOException {
        String provider = "com.example.licensed.LicensedLossProvider";
        Path classes = PluginJars.compile(work, Map.of(provider, PluginJars.lossProviderSource(provider, "licensed",
                "throw new IllegalStateException(\"no license for this host\");")));
        Path jar = PluginJars.jar(folder.resolve("licensed.jar"), classes,
                Map.of(PluginJars.LOSS_SERVICES, provider + "\n"));
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        assertEquals("LossProvider " + provider + " (from " + jar.toUri().toURL() + ") failed to instantiate:"
                + " java.lang.IllegalStateException: no license for this host", e.getMessage());
        assertInstanceOf(java.util.ServiceConfigurationError.class, e.getCause(), "the original error is kept as the cause");
    }

    @Test
    void aListedClassMissingFromTheJarIsNamed() throws IOException {
        PluginJars.jar(folder.resolve("half-built.jar"), null,
                Map.of(PluginJars.LOSS_SERVICES, "com.example.gone.GoneLossProvider\n"));
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        assertTrue(e.getMessage().startsWith("cannot load a LossProvider listed in " + PluginJars.LOSS_SERVICES),
                e.getMessage());
        assertTrue(e.getMessage().contains("com.example.gone.GoneLossProvider"), e.getMessage());
    }

    @Test
    void aLossNamedLikeABuiltInFailsNamingBothProvidersAndWhereTheyCameFrom() throws IOException {
        String impostor = "com.example.impostor.SquareLossProvider";
        Path classes = PluginJars.compile(work, Map.of(impostor, PluginJars.lossProviderSource(impostor, "square", "")));
        Path jar = PluginJars.jar(folder.resolve("impostor.jar"), classes,
                Map.of(PluginJars.LOSS_SERVICES, impostor + "\n"));
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.fromDirectory(folder));
        String message = e.getMessage();
        assertTrue(message.startsWith("loss 'square' is provided twice: by org.lcnflow.losses.SquareLossProvider (from "),
                message);
        assertTrue(message.contains("lcn-losses"), "names where the built-in came from: " + message);
        assertTrue(message.endsWith(" and by " + impostor + " (from " + jar.toUri().toURL() + ")"), message);
    }

    @Test
    void aProviderCompiledAgainstLcnApiAloneWorksFromAJarBuiltInTheTest() throws IOException {
        String provider = "com.example.quiet.QuietLossProvider";
        Path classes = PluginJars.compile(work, Map.of(provider, PluginJars.lossProviderSource(provider, "quiet", "")));
        PluginJars.jar(folder.resolve("quiet.jar"), classes, Map.of(PluginJars.LOSS_SERVICES, provider + "\n"));
        PluginRegistry registry = PluginRegistry.fromDirectory(folder);
        assertEquals(provider, registry.lossProvider("quiet").getClass().getName());
        assertEquals("a provider built by a test", registry.lossProvider("quiet").description());
    }
}
