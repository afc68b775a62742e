package io.flowsentry.cli;

import picocli.CommandLine;

/** The version from the jar manifest ({@code Implementation-Version}), "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = FlowsentryCommand.class.getPackage().getImplementationVersion();
        return new String[] {"flowsentry " + (v == null ? "dev" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
