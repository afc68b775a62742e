package io.flowsentry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code flowsentry}: the root command. One class per subcommand; each returns its exit code.
 *
 * <p>Exit codes: 0 ok, 1 failure, 2 bad usage or bad input (configuration, files, arguments).
 */
@Command(
        name = "flowsentry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Flow collector and outbound-SMB detector for NetFlow v5/v9, IPFIX and Zeek conn.log.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RunCommand.class,
                DetectionsCommand.class,
                StatusCommand.class,
                ReloadCommand.class,
                CompletionCommand.class,
                CidrCommand.class,
                SourcesCommand.class,
                DecodeCommand.class,
                ReplayCommand.class,
                ScanCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:failure",
                "2:bad usage or bad input (arguments, configuration, unreadable files)"})
public final class FlowsentryCommand implements Runnable {

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, also used by tests to capture output. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FlowsentryCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("flowsentry: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        // Bad usage: one error line and where to find help, exit 2 (picocli would print the whole usage).
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(failed.getCommandName().equals("flowsentry") ? "flowsentry: " + ex.getMessage()
                    : "flowsentry " + failed.getCommandName() + ": " + ex.getMessage()
                    + " (see: flowsentry " + failed.getCommandName() + " --help)");
            return EXIT_USAGE;
        });
        return cl;
    }
}
