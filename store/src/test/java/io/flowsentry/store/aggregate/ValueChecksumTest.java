package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

class ValueChecksumTest {

    /** Every setter of the value (each slot of an array setter) with a value of 1: one write per field. */
    private static List<String> writeEachFieldOnce(java.util.function.Consumer<AggregateValue> check) throws Exception {
        List<String> written = new ArrayList<>();
        for (Method m : AggregateValue.class.getMethods()) {
            if (!m.getName().startsWith("set") || m.getName().equals("setChecksum")) {
                continue;
            }
            int slots = m.getParameterCount() == 2 ? arrayLength(m) : 1;
            for (int slot = 0; slot < slots; slot++) {
                AggregateValue v = Values.newHeapInstance(AggregateValue.class);
                Class<?> type = m.getParameterTypes()[m.getParameterCount() - 1];
                Object one = type == long.class ? (Object) 1L : (Object) 1;
                if (m.getParameterCount() == 2) {
                    m.invoke(v, slot, one);
                } else {
                    m.invoke(v, one);
                }
                check.accept(v);
                written.add(m.getName() + "[" + slot + "]");
            }
        }
        return written;
    }

    private static int arrayLength(Method setter) throws Exception {
        Method getter = AggregateValue.class.getMethod("get" + setter.getName().substring(3), int.class);
        return getter.getAnnotation(net.openhft.chronicle.values.Array.class).length();
    }

    @Test
    void everyFieldAndSlotOfTheValueCountsInTheSumUnderItsOwnNumber() throws Exception {
        Set<Long> sums = new HashSet<>();
        List<String> written = writeEachFieldOnce(v -> {
            long sum = ValueChecksum.of(v);
            assertThat(sum).as("a field left out of the checksum").isNotZero();
            sums.add(sum);
        });
        // 14 scalar fields, 2 x 64 addresses, 32 ports, 8 apps, 2 x 16 sketch words
        assertThat(written).hasSize(14 + 128 + 32 + 8 + 32);
        assertThat(sums).as("two fields share a number").hasSize(written.size());
    }

    @Test
    void theAllZeroValueOfAnInsertSumsToZeroAndIsNotIntact() {
        AggregateValue v = Values.newHeapInstance(AggregateValue.class);
        assertThat(ValueChecksum.of(v)).isZero();
        assertThat(ValueChecksum.intact(v)).as("count 0: never merged").isFalse();
    }

    @Test
    void changesAddUpToTheSumOverTheWholeValueAndAWriteWithoutItsChangeIsNoticed() {
        AggregateValue v = Values.newHeapInstance(AggregateValue.class);
        long sum = 0;
        long[] counts = {5, 9, 12, 0, 7};
        for (int i = 0; i < counts.length; i++) {
            sum += ValueChecksum.change(ValueChecksum.COUNT, v.getCount(), counts[i]);
            v.setCount(counts[i]);
            sum += ValueChecksum.change(ValueChecksum.IP_LO + i, v.getIpLoAt(i), counts[i] * 31);
            v.setIpLoAt(i, counts[i] * 31);
            sum += ValueChecksum.change(ValueChecksum.PORT_SKETCH + 15, v.getPortSketchAt(15), i);
            v.setPortSketchAt(15, i);
            assertThat(ValueChecksum.of(v)).as("after write %d", i).isEqualTo(sum);
        }
        v.setChecksum(sum);
        assertThat(ValueChecksum.intact(v)).isTrue();
        v.setPackets(1); // a merge cut short after this write
        assertThat(ValueChecksum.intact(v)).isFalse();
    }
}
