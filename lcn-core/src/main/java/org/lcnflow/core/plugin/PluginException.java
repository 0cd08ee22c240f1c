package org.lcnflow.core.plugin;

/**
 * A plugin could not be loaded or registered: a provider class that is missing or throws in its
 * constructor, two providers with one name, a provider that breaks its contract. The message names
 * the provider class and where it came from.
 */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the provider
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the provider
     * @param cause   the underlying error
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
