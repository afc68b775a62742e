package io.flowsentry.collector.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads ../shared/docs/vectors/events.jsonl into flow records, one event per record. */
final class VectorEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private VectorEvents() {
    }

    static Path vectorsDir() {
        return Path.of(System.getProperty("flowsentry.shared.dir"), "docs", "vectors");
    }

    static List<FlowRecord> read(Path file) throws IOException {
        List<FlowRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = JSON.readTree(line);
            long[] src = IpAddress.parse(e.get("src_ip").asText());
            long[] dst = IpAddress.parse(e.get("dest_ip").asText());
            // Epoch seconds with a fraction: exact decimal arithmetic, as a double would turn .999 into .998999.
            long millis = new BigDecimal(e.get("time").asText()).movePointRight(3).longValueExact();
            FlowRecord r = new FlowRecord()
                    .timeStart(millis).timeEnd(millis)
                    .src(src[0], src[1]).dst(dst[0], dst[1])
                    .dstPort(e.get("dest_port").asInt())
                    .protocol(6)
                    .action(Action.fromText(e.get("action").asText()))
                    .app(e.get("app").isNull() ? null : e.get("app").asText())
                    .sourceType(SourceType.fromText(e.get("sourcetype").asText()))
                    .bytes(100).packets(1);
            out.add(r);
        }
        return out;
    }
}
