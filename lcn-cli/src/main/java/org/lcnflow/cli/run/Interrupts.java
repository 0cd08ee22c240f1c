package org.lcnflow.cli.run;

import sun.misc.Signal;

/** Ctrl-C (SIGINT) as a flag the run checks at its next step, instead of the JVM's immediate exit. */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * @param action run on SIGINT instead of ending the process
     */
    public static void onSigint(Runnable action) {
        try {
            Signal.handle(new Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform or it is reserved (e.g. -Xrs): Ctrl-C keeps its default effect
        }
    }
}
