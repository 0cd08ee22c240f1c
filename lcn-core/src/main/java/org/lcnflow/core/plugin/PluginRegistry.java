package org.lcnflow.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;

/**
 * Every loss, integrator and data source provider, indexed by name. Found with
 * {@link ServiceLoader} ({@link #load()}) or given directly ({@link #of}). Fails fast and says why: two
 * providers with one name name both classes and where they came from; a provider that cannot be loaded
 * or instantiated is named; an unknown name lists the names that exist. Immutable and thread-safe.
 */
public final class PluginRegistry {

    private final Kind<LossProvider> losses;
    private final Kind<IntegratorProvider> integrators;
    private final Kind<DataSourceProvider> dataSources;

    private PluginRegistry(Kind<LossProvider> losses, Kind<IntegratorProvider> integrators,
                           Kind<DataSourceProvider> dataSources) {
        this.losses = losses;
        this.integrators = integrators;
        this.dataSources = dataSources;
    }

    /** @return the providers visible to this library's class loader */
    public static PluginRegistry load() {
        return load(PluginRegistry.class.getClassLoader());
    }

    /**
     * @param classLoader where to look for {@code META-INF/services/org.lcnflow.api.*Provider}
     * @return the providers found
     * @throws PluginException when a provider cannot be loaded or two share a name
     */
    public static PluginRegistry load(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader is null");
        return of(discover(LossProvider.class, classLoader), discover(IntegratorProvider.class, classLoader),
                discover(DataSourceProvider.class, classLoader));
    }

    /**
     * The built-in providers plus those of every {@code .jar} file in a folder: drop a plugin jar there and
     * use its names. The jars share one class loader whose parent is this library's; it stays open as long
     * as the plugins may be used (the life of the registry). Two jars listing the same provider class (two
     * copies of one plugin) are an error naming both.
     *
     * @param folder a folder of plugin jars
     * @return the registry
     * @throws IllegalArgumentException when the folder does not exist or cannot be listed
     * @throws PluginException          when a jar cannot be read, holds no lcn-flow provider, or a provider
     *                                  fails to load or clashes with another name (both named)
     */
    public static PluginRegistry fromDirectory(Path folder) {
        Objects.requireNonNull(folder, "folder is null");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("plugin folder " + folder + " does not exist or is not a folder");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin folder " + folder + " cannot be listed: " + e.getMessage(), e);
        }
        URL[] urls = new URL[jars.size()];
        Map<String, Path> listedBy = new java.util.HashMap<>();
        for (int i = 0; i < urls.length; i++) {
            for (String provider : requireProviders(jars.get(i))) {
                Path other = listedBy.putIfAbsent(provider, jars.get(i));
                if (other != null) {
                    throw new PluginException("provider " + provider + " is listed by two plugin jars, " + other
                            + " and " + jars.get(i) + ": two copies of one plugin? Keep one");
                }
            }
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin jar " + jars.get(i) + " has no valid URL", e);
            }
        }
        return load(new URLClassLoader(urls, PluginRegistry.class.getClassLoader()));
    }

    private static final List<String> SERVICE_FILES = List.of(LossProvider.class, IntegratorProvider.class,
            DataSourceProvider.class).stream().map(c -> "META-INF/services/" + c.getName()).collect(Collectors.toList());

    /** @return the provider classes the jar lists in its services files; at least one */
    private static List<String> requireProviders(Path jar) {
        List<String> providers = new java.util.ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String service : SERVICE_FILES) {
                java.util.jar.JarEntry entry = file.getJarEntry(service);
                if (entry == null) {
                    continue;
                }
                try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                        file.getInputStream(entry), java.nio.charset.StandardCharsets.UTF_8))) {
                    lines.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty())
                            .forEach(providers::add);
                }
            }
        } catch (IOException e) {
            throw new PluginException("plugin jar " + jar + " cannot be read (" + e.getMessage()
                    + "): is it a valid jar file?", e);
        }
        if (providers.isEmpty()) {
            throw new PluginException("plugin jar " + jar + " contains no lcn-flow provider: it lists none in "
                    + String.join(", ", SERVICE_FILES));
        }
        return providers;
    }

    /**
     * @param losses      loss providers
     * @param integrators integrator providers
     * @param dataSources data source providers
     * @return a registry of exactly these, each under its {@link PluginProvider#name()}
     * @throws PluginException when two providers of one kind share a name or a name is invalid
     */
    public static PluginRegistry of(Collection<? extends LossProvider> losses,
                                    Collection<? extends IntegratorProvider> integrators,
                                    Collection<? extends DataSourceProvider> dataSources) {
        return new PluginRegistry(new Kind<>("loss", "losses", byOwnName("loss", losses)),
                new Kind<>("integrator", "integrators", byOwnName("integrator", integrators)),
                new Kind<>("data source", "data sources", byOwnName("data source", dataSources)));
    }

    /**
     * A registry under given names, e.g. from Guice {@code MapBinder}s, where a provider may be bound
     * under a name other than its own.
     *
     * @param losses      name to loss provider
     * @param integrators name to integrator provider
     * @param dataSources name to data source provider
     * @return a registry of exactly these
     * @throws PluginException when a name is invalid
     */
    public static PluginRegistry ofNamed(Map<String, ? extends LossProvider> losses,
                                         Map<String, ? extends IntegratorProvider> integrators,
                                         Map<String, ? extends DataSourceProvider> dataSources) {
        return new PluginRegistry(new Kind<>("loss", "losses", losses), new Kind<>("integrator", "integrators",
                integrators), new Kind<>("data source", "data sources", dataSources));
    }

    private static <P extends PluginProvider<?>> Map<String, P> byOwnName(String singular,
                                                                           Collection<? extends P> providers) {
        Objects.requireNonNull(providers, singular + " providers is null");
        Map<String, P> map = new TreeMap<>();
        for (P provider : providers) {
            Objects.requireNonNull(provider, singular + " providers contain null");
            String name = provider.name();
            P previous = map.putIfAbsent(name == null ? "" : name, provider);
            if (previous != null) {
                throw new PluginException(singular + " '" + name + "' is provided twice: by "
                        + describe(previous.getClass()) + " and by " + describe(provider.getClass()));
            }
        }
        return map;
    }

    private static <P extends PluginProvider<?>> List<P> discover(Class<P> type, ClassLoader classLoader) {
        ServiceLoader<P> loader = ServiceLoader.load(type, classLoader);
        Iterator<ServiceLoader.Provider<P>> providers = loader.stream().iterator();
        List<P> found = new java.util.ArrayList<>();
        while (true) {
            ServiceLoader.Provider<P> provider;
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw new PluginException("cannot load a " + type.getSimpleName() + " listed in META-INF/services/"
                        + type.getName() + ": " + e.getMessage(), e);
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new PluginException(type.getSimpleName() + " " + describe(provider.type())
                        + " failed to instantiate: " + cause, e);
            }
        }
    }

    static String describe(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "unknown location"
                : source.getLocation().toString();
        return type.getName() + " (from " + where + ")";
    }

    /**
     * @param name       a loss name
     * @param parameters its parameters
     * @return the configured loss
     * @throws IllegalArgumentException for an unknown name (listing those that exist) or bad parameters
     */
    public Loss loss(String name, Parameters parameters) {
        return losses.create(name, parameters);
    }

    /**
     * @param name       an integrator name
     * @param parameters its parameters
     * @return the configured integrator
     * @throws IllegalArgumentException for an unknown name (listing those that exist) or bad parameters
     */
    public FlowIntegrator integrator(String name, Parameters parameters) {
        return integrators.create(name, parameters);
    }

    /**
     * @param name       a data source name
     * @param parameters its parameters
     * @return the configured data source
     * @throws IllegalArgumentException for an unknown name (listing those that exist) or bad parameters
     */
    public DataSource dataSource(String name, Parameters parameters) {
        return dataSources.create(name, parameters);
    }

    /**
     * @param name a loss name
     * @return its provider
     * @throws IllegalArgumentException for an unknown name
     */
    public LossProvider lossProvider(String name) {
        return losses.provider(name);
    }

    /**
     * @param name an integrator name
     * @return its provider
     * @throws IllegalArgumentException for an unknown name
     */
    public IntegratorProvider integratorProvider(String name) {
        return integrators.provider(name);
    }

    /**
     * @param name a data source name
     * @return its provider
     * @throws IllegalArgumentException for an unknown name
     */
    public DataSourceProvider dataSourceProvider(String name) {
        return dataSources.provider(name);
    }

    /** @return the loss names, sorted */
    public SortedSet<String> lossNames() {
        return losses.names();
    }

    /** @return the integrator names, sorted */
    public SortedSet<String> integratorNames() {
        return integrators.names();
    }

    /** @return the data source names, sorted */
    public SortedSet<String> dataSourceNames() {
        return dataSources.names();
    }

    /** @return name to loss provider, sorted by name */
    public Map<String, LossProvider> lossProviders() {
        return losses.byName;
    }

    /** @return name to integrator provider, sorted by name */
    public Map<String, IntegratorProvider> integratorProviders() {
        return integrators.byName;
    }

    /** @return name to data source provider, sorted by name */
    public Map<String, DataSourceProvider> dataSourceProviders() {
        return dataSources.byName;
    }

    @Override
    public String toString() {
        return "PluginRegistry(losses=" + lossNames() + ", integrators=" + integratorNames() + ", dataSources="
                + dataSourceNames() + ")";
    }

    /** The providers of one kind, by name. */
    private static final class Kind<P extends PluginProvider<?>> {
        private final String singular;
        private final String plural;
        private final Map<String, P> byName;

        Kind(String singular, String plural, Map<String, ? extends P> providers) {
            this.singular = singular;
            this.plural = plural;
            Objects.requireNonNull(providers, plural + " is null");
            Map<String, P> map = new TreeMap<>();
            providers.forEach((name, provider) -> {
                Objects.requireNonNull(provider, plural + " map a name to null");
                if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                    throw new PluginException(singular + " provider " + describe(provider.getClass())
                            + " has an invalid name '" + name + "': names are non-empty and contain no whitespace");
                }
                map.put(name, provider);
            });
            this.byName = Collections.unmodifiableMap(map);
        }

        SortedSet<String> names() {
            return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
        }

        P provider(String name) {
            Objects.requireNonNull(name, singular + " name is null");
            P provider = byName.get(name);
            if (provider == null) {
                throw new IllegalArgumentException(unknown(name));
            }
            return provider;
        }

        @SuppressWarnings("unchecked")
        <T> T create(String name, Parameters parameters) {
            Objects.requireNonNull(parameters, "parameters is null");
            P provider = provider(name);
            Object created = provider.create(parameters);
            if (created == null) {
                throw new PluginException(singular + " provider " + describe(provider.getClass())
                        + " returned null for '" + name + "'");
            }
            return (T) created;
        }

        private String unknown(String name) {
            String message = "unknown " + singular + " '" + name + "'; available " + plural + ": "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()));
            List<String> close = Names.closest(name, byName.keySet());
            if (!close.isEmpty()) {
                message += "; did you mean " + close.stream().map(n -> "'" + n + "'")
                        .collect(Collectors.joining(" or ")) + "?";
            }
            return message;
        }
    }
}
