package io.flowsentry.decoder.corpus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow times made absolute from each version's own form: v5 First/Last and v9 FIRST/LAST_SWITCHED
 * (sysUpTime-relative, with the header's uptime and unix secs), IPFIX flowStart/EndSysUpTime with
 * systemInitTimeMilliseconds from options data.
 */
class CorpusTimesTest {

    private static final DateTimeFormatter NFDUMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** smb_mix_input.truth.json: the first session starts at 1,700,000,000 s; all end within 60 s. */
    private static final long INPUT_START = 1_700_000_000_000L;
    private static final long INPUT_END = INPUT_START + 60_000;

    /**
     * softflowd -a exports follow the input pcap's clock, so every flow lies in the input's span
     * (smb_mix_input.truth.json: from 1,700,000,000 s, all within 60 s), and nfdump's start and end
     * seconds (CSV {@code ts}, {@code te}, UTC) are the oracle per record. A v9 header carries whole
     * seconds only (RFC 3954 §5.1 UNIX Secs), so v9 times may be up to 1 s early; nfdump shares that.
     */
    @ParameterizedTest
    @CsvSource({"smb_mix_input__v5_pcaptime_port40030", "smb_mix_input__v9_pcaptime_port40031"})
    void v5AndV9TimesEqualNfdump(String name) {
        Path dir = Corpus.source("softflowd");
        Replay replay = Replay.of(dir.resolve("exports/" + name + ".pcap"));
        List<long[]> nfdump = new ArrayList<>();
        for (String line : new String(Corpus.bytes(dir.resolve("oracle/" + name + ".nfdump.csv"))).split("\n")) {
            String[] c = line.split(",", -1);
            if (c.length > 3 && !c[0].equals("ts") && c[0].matches("\\d{4}-.*")) {
                nfdump.add(new long[]{seconds(c[0]), seconds(c[1])});
            }
        }
        assertThat(replay.flows).hasSize(nfdump.size()).isNotEmpty();
        for (int i = 0; i < nfdump.size(); i++) {
            var r = replay.flows.get(i).record();
            assertThat(r.timeStart()).as(name + " record " + i + " start").isBetween(INPUT_START - 1000, INPUT_END);
            assertThat(r.timeEnd()).as(name + " record " + i + " end").isBetween(r.timeStart(), INPUT_END);
            assertThat(Math.floorDiv(r.timeStart(), 1000)).as(name + " record " + i + " start second").isEqualTo(nfdump.get(i)[0]);
            assertThat(Math.floorDiv(r.timeEnd(), 1000)).as(name + " record " + i + " end second").isEqualTo(nfdump.get(i)[1]);
        }
    }

    /**
     * softflowd IPFIX: tshark shows each flow's flowStart/EndSysUpTime (seconds, column start/end) and
     * the options record's systemInitTimeMilliseconds (other_fields sys_init_time); their sum, to the
     * millisecond, is the flow's time. (nfdump 1.7.1 gets these wrong: negative durations, README.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"smb_mix_input__v10_pcaptime_port40032", "smb_mix_input__v10_port40012",
            "zeek_btest_smb1__v10_port40018", "zeek_doc_20171220_smb_at_schedule__v10_port40015"})
    void ipfixSysUpTimeTimesEqualTshark(String name) {
        Path dir = Corpus.source("softflowd");
        Replay replay = Replay.of(dir.resolve("exports/" + name + ".pcap"));
        long sysInit = 0;
        List<long[]> tshark = new ArrayList<>();
        for (var row : Corpus.tsv(dir.resolve("oracle/" + name + ".flows.tsv"))) {
            if (row.get("kind").equals("option")) {
                Matcher m = SYS_INIT.matcher(row.get("other_fields"));
                assertThat(m.find()).isTrue();
                sysInit = LocalDateTime.parse(m.group(1).replaceAll("\\s+", " "), TSHARK).toInstant(ZoneOffset.UTC).toEpochMilli();
            } else {
                tshark.add(new long[]{millis(row.get("start")), millis(row.get("end"))});
            }
        }
        assertThat(sysInit).isPositive();
        assertThat(replay.flows).hasSize(tshark.size()).isNotEmpty();
        for (int i = 0; i < tshark.size(); i++) {
            var r = replay.flows.get(i).record();
            assertThat(r.timeStart()).as(name + " record " + i + " start").isEqualTo(sysInit + tshark.get(i)[0]);
            assertThat(r.timeEnd()).as(name + " record " + i + " end").isEqualTo(sysInit + tshark.get(i)[1]);
            assertThat(r.samplingInterval()).as("options: sampling packet interval 1, space 0").isEqualTo(1);
        }
    }

    private static final Pattern SYS_INIT = Pattern.compile("\"sys_init_time\": \"([^\"]+) UTC\"");
    private static final DateTimeFormatter TSHARK = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss.SSSSSSSSS", Locale.ENGLISH);

    /**
     * tshark's "7.859000000" seconds as milliseconds. A flowStartSysUpTime of 0 it prints as the
     * absolute time "Jan  1, 1970 00:00:00.000000000 UTC", which is 0 as well.
     */
    private static long millis(String seconds) {
        if (seconds.endsWith(" UTC")) {
            String text = seconds.substring(0, seconds.length() - 4).replaceAll("\\s+", " ");
            return LocalDateTime.parse(text, TSHARK).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return new java.math.BigDecimal(seconds).movePointRight(3).longValueExact();
    }

    private static long seconds(String text) {
        return LocalDateTime.parse(text.trim(), NFDUMP).toEpochSecond(ZoneOffset.UTC);
    }
}
