package io.flowsentry.cli;

import picocli.CommandLine;

/** The process entry point: the only place that calls {@link System#exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FlowsentryCommand.commandLine().execute(args));
    }
}
