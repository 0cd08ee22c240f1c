package org.lcnflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the lcn command in-process and captures what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lcn.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return whether standard error shows a Java stack trace or exception class name */
    boolean showsStackTrace() {
        return err.contains("\tat ") || err.contains("Exception") || err.contains("Error:")
                && err.contains("java.");
    }
}
