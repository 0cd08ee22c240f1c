package org.lcnflow.cli.architecture.cycle.b;

import org.lcnflow.cli.architecture.cycle.a.Upstairs;

/** The other half of the deliberate cycle. */
public final class Downstairs {

    /** @return the first half */
    public Upstairs up() {
        return new Upstairs();
    }
}
