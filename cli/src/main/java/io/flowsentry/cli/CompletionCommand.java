package io.flowsentry.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code flowsentry completion}: a bash completion script generated from the command model. */
@Command(name = "completion",
        description = "Print a bash (and zsh, via bashcompinit) completion script for flowsentry, generated from"
                + " its commands and options.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  source <(flowsentry completion)",
                "  flowsentry completion > /etc/bash_completion.d/flowsentry"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("flowsentry", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
