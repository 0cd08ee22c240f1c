package org.lcnflow.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** The Spark session lcn-spark runs in, and Spark's errors as lcn-flow's. */
final class Sessions {

    private Sessions() {
    }

    /**
     * @param master  the master to start one with; null for {@code spark.master} (set by {@code spark-submit}), else
     *                {@code local[*]}
     * @param appName the application's name
     * @return the active session, or a new one on {@code master}
     * @throws IllegalArgumentException when the master cannot be reached or is not a master URL, naming it
     */
    static SparkSession session(String master, String appName) {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null) {
            return active;
        }
        String url = master != null ? master : System.getProperty("spark.master", "local[*]");
        requireReachable(url);
        try {
            SparkSession.Builder builder = SparkSession.builder().appName(appName);
            return (master != null || System.getProperty("spark.master") == null ? builder.master(url) : builder)
                    .getOrCreate();
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim();
            throw new IllegalArgumentException("cannot start Spark with master '" + url + "' (is it running and"
                    + " reachable? a master is e.g. local[*], spark://host:7077, yarn, k8s://https://host:443): "
                    + reason, e);
        }
    }

    /** How long {@link #requireReachable} waits for a standalone master to accept a connection. */
    private static final int CONNECT_MILLIS = 5000;

    /**
     * A standalone master ({@code spark://host:port}, or several for high availability) must accept a connection:
     * Spark itself retries for a minute before it gives up with a message that does not name the master.
     *
     * @throws IllegalArgumentException when none of its hosts accepts one within five seconds, naming them
     */
    static void requireReachable(String url) {
        if (!url.startsWith("spark://")) {
            return;
        }
        StringBuilder failures = new StringBuilder();
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("master '" + url + "': '" + hostPort + "' is not host:port");
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), CONNECT_MILLIS);
                return;
            } catch (java.io.IOException e) {
                failures.append(failures.length() == 0 ? "" : "; ").append(host).append(':').append(port).append(": ")
                        .append(e.getMessage());
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master '" + url + "' (" + failures + "): is it"
                + " running, and is this its address? A master is e.g. local[*], spark://host:7077, yarn,"
                + " k8s://https://host:443");
    }

    /**
     * Runs a Spark action, and gives an {@link IllegalArgumentException} raised in a task as itself (its message, not
     * Spark's wrapping of it).
     */
    static <T> T spark(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) { // SparkException is checked in Java's terms, though no signature declares it
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(t.getMessage(), e);
                }
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
