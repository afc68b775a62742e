package io.flowsentry.cli;

import io.flowsentry.collector.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code flowsentry reload}: the running collector re-reads its configuration (as on SIGHUP). */
@Command(name = "reload",
        description = "Make the running collector re-read its configuration file (suppression rules, assets,"
                + " publishers), as SIGHUP does. On an invalid file it keeps the configuration it had.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry reload",
                "  flowsentry reload --data-dir /var/lib/flowsentry",
                "  systemctl reload flowsentry      (sends SIGHUP: the same reload)",
                "",
                "Exit codes: 0 reloaded, 1 not running or the reload failed (the message says why), 2 bad usage."})
final class ReloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunningCollectorOption collector;

    @Override
    public Integer call() {
        try {
            AdminClient client = collector.locate();
            client.post("/reload");
            spec.commandLine().getOut().println("reloaded (pid " + client.info().pid() + ")");
            return 0;
        } catch (AdminClient.NotRunningException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("flowsentry: reload failed, the previous configuration stays in force: "
                    + e.getMessage());
            return 1;
        }
    }
}
