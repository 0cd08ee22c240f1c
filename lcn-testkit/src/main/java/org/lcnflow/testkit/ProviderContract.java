package org.lcnflow.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;

/**
 * The contract of a plugin provider (loss, integrator or data source), built-in or a user's: extend it,
 * supply the provider, parameters it accepts and parameters it must reject. Checked:
 * <ul>
 *   <li>a non-blank name without white space, a non-blank description, every parameter described;</li>
 *   <li>the valid parameters create a component whose {@code toString()} starts with the name;</li>
 *   <li>an unknown parameter name is rejected with a message naming the provider, the unknown name and
 *       every known one;</li>
 *   <li>each bad parameter set is rejected with an {@link IllegalArgumentException} whose message names
 *       the provider and contains the given fragments (the parameter, the value, what is allowed);</li>
 *   <li>the provider is listed for {@link ServiceLoader} under its service interface.</li>
 * </ul>
 *
 * @param <T> the component type
 */
public abstract class ProviderContract<T> {

    /** @return the provider under test */
    protected abstract PluginProvider<T> provider();

    /** @return the service interface the provider is listed under, e.g. {@code LossProvider.class} */
    protected abstract Class<? extends PluginProvider<T>> serviceType();

    /** @return parameters the provider accepts (default: none, for providers whose parameters all have defaults) */
    protected Parameters validParameters() {
        return Parameters.empty();
    }

    /**
     * @return parameter sets that must be rejected, each mapped to fragments the message must contain
     *         besides the provider's name, e.g. {@code Map.of("delta", -1.0) -> ["delta", "-1.0", "> 0"]}
     */
    protected abstract Map<Parameters, List<String>> badParameters();

    @Test
    void describesItself() {
        PluginProvider<T> provider = provider();
        String name = provider.name();
        assertNotNull(name, "name");
        assertFalse(name.isBlank(), "name is blank");
        assertTrue(name.chars().noneMatch(Character::isWhitespace), "name has white space: '" + name + "'");
        assertFalse(provider.description() == null || provider.description().isBlank(), "description");
        provider.parameters().forEach((key, meaning) ->
                assertFalse(meaning == null || meaning.isBlank(), name + ": parameter '" + key + "' is not described"));
    }

    @Test
    void validParametersCreateAComponentThatPrintsItsName() {
        T component = provider().create(validParameters());
        assertNotNull(component, provider().name() + " created null");
        assertTrue(component.toString().startsWith(provider().name()),
                "toString() should start with the name: " + component);
    }

    @Test
    void unknownParameterNamesAreRejectedListingTheKnownOnes() {
        String unknown = "no-such-parameter";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider().create(validParameters().with(unknown, 1.0)));
        String message = e.getMessage();
        assertTrue(message.contains(provider().name()), "names the provider: " + message);
        assertTrue(message.contains(unknown), "names the unknown parameter: " + message);
        for (String known : provider().parameters().keySet()) {
            assertTrue(message.contains(known), "lists the known parameter '" + known + "': " + message);
        }
    }

    @TestFactory
    Stream<DynamicTest> badParametersAreRejectedNamingWhatIsAllowed() {
        return badParameters().entrySet().stream().map(entry -> DynamicTest.dynamicTest(
                provider().name() + entry.getKey(), () -> {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> provider().create(entry.getKey()), "accepted " + entry.getKey());
                    String message = e.getMessage();
                    assertTrue(message.contains(provider().name()), "names the provider: " + message);
                    for (String fragment : entry.getValue()) {
                        assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
                    }
                }));
    }

    @Test
    void isListedForTheServiceLoader() {
        for (PluginProvider<T> found : ServiceLoader.load(serviceType(), provider().getClass().getClassLoader())) {
            if (found.getClass() == provider().getClass()) {
                return;
            }
        }
        fail(provider().getClass().getName() + " is not listed in META-INF/services/" + serviceType().getName());
    }
}
