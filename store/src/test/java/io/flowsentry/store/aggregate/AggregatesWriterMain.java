package io.flowsentry.store.aggregate;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A writer process for the multi-process tests: opens the store in {@code args[0]}, adds
 * {@value #FLOWS_PER_SOURCE} flows for each of {@value #SOURCES} sources in window {@link #W10}, flushes,
 * prints {@code READY} on stdout, then keeps adding flows to window {@link #W11} (flushing every 1,000)
 * until its stdin closes ({@code serve}: then it closes the store cleanly) or it is killed ({@code crash}).
 * Every flow has 100 bytes and 2 packets, so any aggregate read back must have bytes = 100 x count.
 */
public final class AggregatesWriterMain {

    static final long W10 = 1_795_773_600_000L;
    static final long W11 = W10 + 3_600_000L;
    static final int SOURCES = 100;
    static final int FLOWS_PER_SOURCE = 7;

    private AggregatesWriterMain() {
    }

    static FlowRecord flow(FlowRecord f, int source, int dest, long time) {
        return f.reset().srcIpv4(0x0a000000 + source).dstIpv4(0xcb007100 + (dest & 0xff)).dstPort(445)
                .timeStart(time).bytes(100).packets(2).action(Action.ALLOWED).sourceType(SourceType.IPFIX)
                .app(dest % 2 == 0 ? "smb" : null);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        boolean serve = args[1].equals("serve");
        ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir,
                ChronicleSourceAggregates.Options.defaults().withCapacity(10_000).withFrontSlots(64));
        FlowRecord f = new FlowRecord();
        for (int i = 0; i < FLOWS_PER_SOURCE; i++) {
            for (int s = 0; s < SOURCES; s++) {
                store.add(W10, flow(f, s, i, W10 + i * 1000L));
            }
        }
        store.flush();
        System.out.println("READY recovered=" + store.recovered());
        System.out.flush();
        Thread stdinWatcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (IOException ignored) {
                // treat as closed
            }
        });
        stdinWatcher.setDaemon(true);
        stdinWatcher.start();
        long n = 0;
        while (!serve || stdinWatcher.isAlive()) {
            store.add(W11, flow(f, (int) (n % 5000), (int) n, W11 + n % 3_000_000));
            if (++n % 1000 == 0) {
                store.flush();
                if (serve) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        store.close();
        System.out.println("CLOSED");
    }
}
