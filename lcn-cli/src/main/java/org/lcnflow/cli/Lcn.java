package org.lcnflow.cli;

import java.io.PrintWriter;
import org.lcnflow.cli.report.Reports;
import org.lcnflow.core.plugin.PluginException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lcn} command. Exit codes: 0 success, 2 bad input (configuration, data, parameters, plugins,
 * an output folder that cannot be written), 1 internal error.
 */
@Command(name = "lcn", mixinStandardHelpOptions = true, versionProvider = Lcn.Version.class,
        description = "Learn linear convolutional networks by gradient flow, and check what the theory promises.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, CompareCommand.class, LandscapeCommand.class,
            PluginsCommand.class, LossesCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Lcn implements Runnable {

    /** Exit code for bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the command line, for the launcher and for tests.
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine line = new CommandLine(new Lcn());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (isBadInput(e)) {
                err.println(command.getCommandName() + ": error: " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println(command.getCommandName() + ": internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof PluginException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lcn-flow " + Reports.version()};
        }
    }
}
