package io.flowsentry.cli;

import io.flowsentry.collector.admin.AdminClient;
import io.flowsentry.collector.admin.AdminJson;
import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.net.ListenerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code flowsentry status}: what the running collector is doing, from its admin endpoint. */
@Command(name = "status",
        description = "Show the running collector: listeners, exporters seen, records per second, kernel drops,"
                + " windows open, outbox depth, webhook state.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry status",
                "  flowsentry status --data-dir /var/lib/flowsentry --json | jq .records_total",
                "",
                "Exit codes: 0 ok, 1 the collector is not running or does not answer, 2 bad usage."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunningCollectorOption collector;

    @Option(names = "--json", description = "Print the status as one JSON object (datagrams_total, records_total,"
            + " records_by_sourcetype, listeners, exporters, ...).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AdminClient client = collector.locate();
            String body = client.get("/status");
            if (json) {
                out.println(body);
            } else {
                print(out, AdminJson.mapper().readValue(body, CollectorStatus.class));
            }
            out.flush();
            return 0;
        } catch (AdminClient.NotRunningException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("flowsentry: status failed: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintWriter out, CollectorStatus s) {
        out.printf("flowsentry %s, pid %d, running since %s%n", s.version(), s.pid(), s.started());
        Map<String, Long> bySource = new TreeMap<>(s.recordsBySourcetype());
        out.printf("records     %d total, %.1f/s%s%n", s.recordsTotal(), s.recordsPerSecond(), bySource.isEmpty() ? ""
                : bySource.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ", " (", ")")));
        out.printf("datagrams   %d total, kernel drops %s%n", s.datagramsTotal(),
                s.kernelDropsTotal() < 0 ? "unknown" : Long.toString(s.kernelDropsTotal()));
        out.printf("windows     %d open%s%n", s.windowsOpen(),
                s.detectionIdle() ? " (input idle: closing on the clock, now - idle_after)" : "");
        out.printf("handoff     receive threads waited %d times for the detection thread, %d ms in all;"
                        + " %d matches waiting, %d batches of 512 made%n",
                s.handoffWaitsTotal(), s.handoffWaitMillisTotal(), s.handoffPendingMatches(), s.handoffBatches());
        out.printf("outbox      %d rows waiting, webhook %s%n", s.outboxDepth(), s.webhookState());
        CollectorStatus.KafkaStatus k = s.kafka();
        if (k.role().equals("forward")) {
            out.printf("kafka       forwarding to topic %s: %d flows sent, %d not delivered%n", k.topic(),
                    k.flowsSent(), k.sendFailures());
        } else if (k.role().equals("detect")) {
            out.printf("kafka       detecting from topic %s: %d partitions owned, %d messages read, %d malformed%n",
                    k.topic(), k.partitions(), k.consumed(), k.malformed());
        }

        out.println();
        List<List<String>> listeners = new ArrayList<>();
        listeners.add(List.of("LISTENER", "SOCKETS", "SO_RCVBUF", "DATAGRAMS", "BYTES", "DENIED", "KERNEL DROPS"));
        for (ListenerStatus l : s.listeners()) {
            listeners.add(List.of(l.address(), Integer.toString(l.sockets()), Integer.toString(l.receiveBufferBytes()),
                    Long.toString(l.datagrams()), Long.toString(l.bytes()), Long.toString(l.denied()),
                    l.kernelDrops() < 0 ? "-" : Long.toString(l.kernelDrops())));
        }
        printTable(out, listeners, "no UDP listener");

        out.println();
        List<List<String>> exporters = new ArrayList<>();
        exporters.add(List.of("EXPORTER", "VERSIONS", "TEMPLATES", "DATAGRAMS", "SEQUENCE GAPS", "LAST DATAGRAM"));
        for (CollectorStatus.ExporterStatus e : s.exporters()) {
            exporters.add(List.of(e.address(), e.versions().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    Integer.toString(e.templatesHeld()), Long.toString(e.datagrams()), Long.toString(e.sequenceGaps()),
                    String.valueOf(e.lastDatagram())));
        }
        printTable(out, exporters, "no exporter seen yet");
    }

    /** Left-aligned columns two spaces apart; the first row is the header. */
    private static void printTable(PrintWriter out, List<List<String>> rows, String whenEmpty) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + width[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        if (rows.size() == 1) {
            out.println("(" + whenEmpty + ")");
        }
    }
}
