package io.flowsentry.cli;

import io.flowsentry.collector.admin.AdminClient;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --data-dir DIR} of the commands that talk to the running collector ({@code status}, {@code reload},
 * and any other admin command): the collector announces itself in {@code DIR/run/admin.json}.
 */
final class RunningCollectorOption {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory of the running collector (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** @throws AdminClient.NotRunningException with the one line to print (exit code 1) */
    AdminClient locate() throws AdminClient.NotRunningException {
        return AdminClient.locate(dataDir);
    }
}
