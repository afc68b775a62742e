package io.flowsentry.collector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.store.aggregate.SourceAggregate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectionRowJsonTest {

    @Test
    void valuesSortAsTextAndTimesTruncateToTheSecondInUtc() {
        SourceAggregate a = new SourceAggregate(1_795_773_600_000L, 0, 0x0000ffff0a000001L,
                1_795_773_605_999L, 1_795_774_800_000L, 3, 300, 3,
                List.of("unknown", "allowed"), List.of("smb", "gssapi,smb"),
                List.of("2.2.2.2", "11.0.0.1", "100.200.1.1"), List.of(5, 445, 1445, 139),
                List.of("zeek:conn", "ipfix"), 0, 0, 3, 4);
        String json = DetectionRowJson.toJson(a, 3_600_000L, RowKind.WINDOW, DetectionProfile.ESCU_V3);
        assertThat(json).startsWith("{\"rule_id\":\"1bed7774-304a-4e8f-9d72-d80e45ff492b\","
                + "\"rule_name\":\"Detect Outbound SMB Traffic\","
                + "\"window_start\":\"2026-11-27T10:00:00\",\"window_end\":\"2026-11-27T11:00:00\","
                + "\"src_ip\":\"10.0.0.1\",\"start_time\":\"2026-11-27T10:00:05\",\"end_time\":\"2026-11-27T10:20:00\","
                + "\"action\":[\"allowed\",\"unknown\"],\"app\":[\"gssapi,smb\",\"smb\"],"
                + "\"dest_ip\":[\"100.200.1.1\",\"11.0.0.1\",\"2.2.2.2\"],\"dest_port\":[139,1445,445,5],"
                + "\"sourcetype\":[\"ipfix\",\"zeek:conn\"],\"count\":3,\"risk_score\":25,"
                + "\"risk_object\":\"src_ip\",\"mitre_attack\":[\"T1071.002\",\"T1071\"],"
                + "\"kind\":\"window\",\"profile\":\"escu-v3\",\"bytes\":300,\"packets\":3,\"truncated\":false");
    }

    @Test
    void byteOrderIsCodePointOrderNotUtf16Order() {
        // U+FF61 is EF BD A1 in UTF-8; U+1F600 is F0 9F 98 80: byte order puts U+FF61 first, while
        // String.compareTo puts the surrogate pair (D83D ...) first.
        assertThat(DetectionRowJson.BYTE_ORDER.compare("\uFF61", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF61".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(DetectionRowJson.BYTE_ORDER.compare("ab", "abc")).isNegative();
    }

    @Test
    void timesBeforeTheEpochFloorToTheEarlierSecond() {
        assertThat(DetectionRowJson.formatTime(-1)).isEqualTo("1969-12-31T23:59:59");
    }

    @Test
    void timesAreWhatTheStrftimeFormatterWritesForEveryYear() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
        List<Long> seconds = new ArrayList<>(List.of(0L, -1L, 59L, 86_399L, 86_400L, 951_782_400L /* 2000-02-29 */,
                4_107_542_400L /* 2100-03-01 */, -62_167_219_200L, -62_167_219_201L, 253_402_300_799L,
                253_402_300_800L, -100_000_000_000L, 400_000_000_000L));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            seconds.add(r.nextLong(-70_000_000_000L, 260_000_000_000L));
        }
        for (long s : seconds) {
            for (long millis : new long[] {s * 1000, s * 1000 + 999}) {
                assertThat(DetectionRowJson.formatTime(millis)).as("%d ms", millis)
                        .isEqualTo(reference.format(Instant.ofEpochSecond(s)));
            }
        }
    }
}
