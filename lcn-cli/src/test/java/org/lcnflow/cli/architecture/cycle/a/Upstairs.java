package org.lcnflow.cli.architecture.cycle.a;

import org.lcnflow.cli.architecture.cycle.b.Downstairs;

/** Half of a deliberate cycle between two packages, to show the architecture rule catches one. */
public final class Upstairs {

    /** @return the other half */
    public Downstairs down() {
        return new Downstairs();
    }
}
