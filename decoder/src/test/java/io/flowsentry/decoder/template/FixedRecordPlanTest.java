package io.flowsentry.decoder.template;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FixedRecordPlan} decodes fixed-length flow records with every choice resolved when the template
 * is compiled; {@link RecordFields} decodes the same records field by field with presence bits. Both
 * must write the same flow record and count the same field-length errors, for any template: here
 * random templates over every element the decoder understands (duplicates, both address families,
 * reduced-size and impossible lengths, every time form, firewall and sampling elements, names) and
 * random records whose values favour the edge cases (zero addresses, small firewall codes).
 */
class FixedRecordPlanTest {

    /** (element id, enterprise number, natural length) of every element with a {@link FieldKind}, and two skipped ones. */
    private static final long[][] ELEMENTS = {
            {1, 0, 8}, {2, 0, 8}, {4, 0, 1}, {6, 0, 2}, {7, 0, 2}, {8, 0, 4}, {11, 0, 2}, {12, 0, 4},
            {21, 0, 4}, {22, 0, 4}, {27, 0, 16}, {28, 0, 16}, {34, 0, 4}, {50, 0, 4}, {48, 0, 1}, {302, 0, 4},
            {85, 0, 8}, {86, 0, 8}, {89, 0, 1}, {96, 0, 16}, {150, 0, 4}, {151, 0, 4}, {152, 0, 8}, {153, 0, 8},
            {154, 0, 8}, {155, 0, 8}, {156, 0, 8}, {157, 0, 8}, {158, 0, 4}, {159, 0, 4}, {160, 0, 8},
            {231, 0, 8}, {232, 0, 8}, {233, 0, 1}, {40005, 0, 1}, {298, 0, 8}, {299, 0, 8}, {305, 0, 4},
            {306, 0, 4}, {309, 0, 4}, {310, 0, 4}, {33002, 0, 2}, {56701, 0, 32},
            {1, FieldKind.PEN_REVERSE, 8}, {2, FieldKind.PEN_REVERSE, 8}, {85, FieldKind.PEN_REVERSE, 8},
            {86, FieldKind.PEN_REVERSE, 8}, {5, 0, 1}, {10, 0, 4}};

    private final SplittableRandom random = new SplittableRandom(20261128);

    @Test
    void randomTemplatesDecodeAsTheFieldByFieldPath() {
        int compared = 0;
        for (int template = 0; template < 3000; template++) {
            boolean ipfix = random.nextBoolean();
            List<long[]> fields = randomFields(ipfix);
            Template t = compile(fields, ipfix);
            assertThat(t.plan).as("a fixed-length flow template has a plan").isNotNull();
            for (int record = 0; record < 8; record++) {
                int pos = FixedRecordPlan.READ_BACK + random.nextInt(5);
                byte[] b = record(fields, pos);
                MessageContext ctx = context(ipfix, record);
                compareBothPaths(t, b, pos, ctx, fields);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(24_000);
    }

    @Test
    void aSetAtTheStartOfItsArrayDecodesAsOneAfterAHeader() {
        for (int template = 0; template < 300; template++) {
            boolean ipfix = random.nextBoolean();
            List<long[]> fields = randomFields(ipfix);
            Template t = compile(fields, ipfix);
            ByteArrayOutputStream set = new ByteArrayOutputStream();
            for (int record = 0; record < 3; record++) {
                byte[] b = record(fields, 0);
                set.write(b, 0, b.length);
            }
            byte[] padding = new byte[random.nextInt(t.minRecordLength)];
            set.write(padding, 0, padding.length);
            byte[] atStart = set.toByteArray();
            byte[] afterHeader = new byte[20 + atStart.length];
            System.arraycopy(atStart, 0, afterHeader, 20, atStart.length);
            DecodeCounters generalCounters = new DecodeCounters();
            DecodeCounters plannedCounters = new DecodeCounters();
            List<List<Object>> general = readSet(atStart, 0, t, ipfix, generalCounters);
            assertThat(readSet(afterHeader, 20, t, ipfix, plannedCounters)).hasSize(3).isEqualTo(general);
            assertThat(plannedCounters.nonZero()).isEqualTo(generalCounters.nonZero());
        }
    }

    private static List<List<Object>> readSet(byte[] b, int pos, Template t, boolean ipfix, DecodeCounters counters) {
        List<List<Object>> records = new ArrayList<>();
        SourceType type = ipfix ? SourceType.IPFIX : SourceType.NETFLOW_V9;
        MessageContext ctx = new MessageContext().set(0, 1, 7, type, 1_700_000_000_000L,
                ipfix ? MessageContext.NO_UPTIME : 5_000, new DomainState(7, type), r -> records.add(describe(r)));
        new DataRecordReader(counters).readSet(b, pos, b.length, t, ctx);
        return records;
    }

    @Test
    void bothAddressFamiliesPreferIpv4UnlessItIsZeroBesideARealIpv6() {
        List<long[]> fields = List.of(new long[]{8, 0, 4}, new long[]{27, 0, 16}, new long[]{12, 0, 4}, new long[]{28, 0, 16});
        Template t = compile(fields, true);
        byte[] b = new byte[40];
        b[0] = 10; // source 10.0.0.0, beside 2001:db8::1
        b[4] = 0x20;
        b[5] = 0x01;
        b[6] = 0x0d;
        b[7] = (byte) 0xb8;
        b[19] = 1;
        // destination 0.0.0.0 beside ::2
        b[39] = 2;
        FlowRecord r = new FlowRecord();
        write(t, r, b, context(true, 0));
        assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).isEqualTo("10.0.0.0");
        assertThat(IpAddress.toString(r.dstHi(), r.dstLo())).isEqualTo("::2");
    }

    @Test
    void uptimeTimesUseTheV9HeaderElseTheSystemInitTime() {
        List<long[]> fields = List.of(new long[]{22, 0, 4}, new long[]{21, 0, 4});
        byte[] b = {0, 0, 0x03, (byte) 0xe8, 0, 0, 0x07, (byte) 0xd0}; // 1,000 and 2,000 ms after boot
        FlowRecord r = new FlowRecord();
        MessageContext v9 = new MessageContext().set(0, 1, 0, SourceType.NETFLOW_V9, 1_700_000_000_000L, 10_000,
                new DomainState(0, SourceType.NETFLOW_V9), null);
        write(compile(fields, false), r, b, v9);
        assertThat(r.timeStart()).isEqualTo(1_700_000_000_000L - 9_000);
        assertThat(r.timeEnd()).isEqualTo(1_700_000_000_000L - 8_000);
        DomainState domain = new DomainState(0, SourceType.IPFIX);
        MessageContext ipfix = new MessageContext().set(0, 1, 0, SourceType.IPFIX, 1_700_000_000_000L,
                MessageContext.NO_UPTIME, domain, null);
        Template t = compile(fields, true);
        write(t, r, b, ipfix);
        assertThat(r.timeStart()).as("no init time yet: the export time").isEqualTo(1_700_000_000_000L);
        domain.systemInitMillis(1_600_000_000_000L);
        write(t, r, b, ipfix);
        assertThat(r.timeStart()).isEqualTo(1_600_000_000_000L + 1_000);
        assertThat(r.timeEnd()).isEqualTo(1_600_000_000_000L + 2_000);
    }

    @Test
    void firewallElementsGiveTheAction() {
        List<long[]> fields = List.of(new long[]{89, 0, 1}, new long[]{233, 0, 1});
        Template t = compile(fields, true);
        FlowRecord r = new FlowRecord();
        write(t, r, new byte[]{(byte) 0x80, 1}, context(true, 0));
        assertThat(r.action()).as("forwardingStatus 128 is dropped").isEqualTo(Action.BLOCKED);
        write(t, r, new byte[]{0, 2}, context(true, 0));
        assertThat(r.action()).as("firewallEvent 2 is flow deleted").isEqualTo(Action.ALLOWED);
        write(compile(List.of(new long[]{7, 0, 2}), true), r, new byte[2], context(true, 0));
        assertThat(r.action()).isEqualTo(Action.UNKNOWN);
    }

    /** Decodes {@code record} with the plan, placed after the {@link FixedRecordPlan#READ_BACK} bytes it may read before it. */
    private static void write(Template t, FlowRecord r, byte[] record, MessageContext ctx) {
        byte[] b = new byte[FixedRecordPlan.READ_BACK + record.length];
        System.arraycopy(record, 0, b, FixedRecordPlan.READ_BACK, record.length);
        t.plan.writeTo(r, b, FixedRecordPlan.READ_BACK, ctx, new AppNameCache());
    }

    private void compareBothPaths(Template t, byte[] b, int pos, MessageContext ctx, List<long[]> fields) {
        DecodeCounters planCounters = new DecodeCounters();
        DecodeCounters fieldCounters = new DecodeCounters();
        // The decoder's record is reused and a sink may write into it: the plan must overwrite every field.
        FlowRecord viaPlan = new FlowRecord().src(1, 2).dst(3, 4).srcPort(5).dstPort(6).protocol(7).bytes(8).packets(9)
                .reverseBytes(10).reversePackets(11).tcpFlags(12).action(Action.BLOCKED).app("left over")
                .sourceType(SourceType.ZEEK_CONN).exporter(13, 14).observationDomain(15).samplingInterval(16)
                .timeStart(17).timeEnd(18);
        t.plan.writeTo(viaPlan, b, pos, ctx, new AppNameCache());
        planCounters.add(DecodeCounter.FIELD_LENGTH_UNEXPECTED, t.plan.badLengthFields);
        RecordFields recordFields = new RecordFields(fieldCounters, new AppNameCache());
        recordFields.clear();
        recordFields.readFixed(b, pos, t);
        FlowRecord viaFields = new FlowRecord();
        recordFields.writeTo(viaFields, ctx);
        StringBuilder spec = new StringBuilder();
        for (long[] f : fields) {
            spec.append(f[0]).append('/').append(f[1]).append(':').append(f[2]).append(' ');
        }
        assertThat(describe(viaPlan)).as("template %s", spec).isEqualTo(describe(viaFields));
        assertThat(planCounters.nonZero()).as("template %s", spec).isEqualTo(fieldCounters.nonZero());
    }

    /** Every field of the record, reverse counters included. */
    private static List<Object> describe(FlowRecord r) {
        return List.of(r.timeStart(), r.timeEnd(), r.srcHi(), r.srcLo(), r.dstHi(), r.dstLo(), r.srcPort(), r.dstPort(),
                r.protocol(), r.bytes(), r.packets(), r.reverseBytes(), r.reversePackets(), r.tcpFlags(), r.action(),
                String.valueOf(r.app()), r.sourceType(), r.exporterHi(), r.exporterLo(), r.observationDomain(),
                r.samplingInterval());
    }

    /**
     * 1 to 20 elements, some twice, lengths natural, reduced, or impossible for their kind. IPFIX: no
     * v9-only element (ids from 32768 would read as enterprise-specific); v9: no enterprise number.
     */
    private List<long[]> randomFields(boolean ipfix) {
        int n = 1 + random.nextInt(20);
        List<long[]> fields = new ArrayList<>();
        while (fields.size() < n) {
            long[] e = ELEMENTS[random.nextInt(ELEMENTS.length)];
            if (ipfix ? e[0] >= 0x8000 : e[1] != 0) {
                continue;
            }
            int length = (int) e[2];
            int draw = random.nextInt(10);
            if (draw == 0) {
                length = 1 + random.nextInt(12);
            } else if (draw == 1 && length > 1 && length <= 8) {
                length = 1 + random.nextInt(length);
            }
            fields.add(new long[]{e[0], e[1], length});
        }
        return fields;
    }

    private static Template compile(List<long[]> fields, boolean ipfix) {
        ByteArrayOutputStream spec = new ByteArrayOutputStream();
        for (long[] f : fields) {
            boolean enterprise = f[1] != 0;
            u16(spec, (int) f[0] | (enterprise ? 0x8000 : 0));
            u16(spec, (int) f[2]);
            if (enterprise) {
                u16(spec, (int) (f[1] >>> 16));
                u16(spec, (int) f[1]);
            }
        }
        byte[] b = spec.toByteArray();
        SourceType type = ipfix ? SourceType.IPFIX : SourceType.NETFLOW_V9;
        return new TemplateCompiler(64).compile(new TemplateKey(0, 1, ipfix ? 10 : 9, 0, 256), type, false,
                fields.size(), 0, b, 0, b.length, ipfix, 0);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    /** A record at offset {@code pos}: per field zeros, a small number, a name, or random bytes. */
    private byte[] record(List<long[]> fields, int pos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[pos], 0, pos);
        for (long[] f : fields) {
            int length = (int) f[2];
            byte[] value = new byte[length];
            switch (random.nextInt(4)) {
                case 0 -> { }
                case 1 -> {
                    int small = random.nextInt(2100);
                    for (int i = length - 1, v = small; i >= 0 && v != 0; i--, v >>>= 8) {
                        value[i] = (byte) v;
                    }
                }
                case 2 -> {
                    byte[] name = (random.nextBoolean() ? "HTTP  " : "dns\0pad").getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(name, 0, value, 0, Math.min(length, name.length));
                }
                default -> random.nextBytes(value);
            }
            out.write(value, 0, length);
        }
        return out.toByteArray();
    }

    /** v9 with a header uptime, or IPFIX; a domain with or without options data (init time, samplers). */
    private MessageContext context(boolean ipfix, int variant) {
        SourceType type = ipfix ? SourceType.IPFIX : SourceType.NETFLOW_V9;
        DomainState domain = new DomainState(7, type);
        if (variant % 2 == 1) {
            domain.systemInitMillis(1_699_000_000_000L);
            domain.recordSampling(3, true, 100);
            domain.recordSampling(0, false, 10);
        }
        long uptime = ipfix ? MessageContext.NO_UPTIME : 3_600_000L + variant;
        return new MessageContext().set(0, IpAddress.v4Lo(0xc0000201), 7, type, 1_700_000_000_000L, uptime, domain, null);
    }
}
