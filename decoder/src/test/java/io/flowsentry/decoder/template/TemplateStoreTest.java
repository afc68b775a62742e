package io.flowsentry.decoder.template;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store remembers the template of its last look-up; a template replaced, withdrawn or expired
 * after a look-up must never be served from that memory.
 */
class TemplateStoreTest {

    private static final long TIMEOUT = 1_800_000;
    private final DecodeCounters counters = new DecodeCounters();
    private final TemplateStore store = new TemplateStore(2, TIMEOUT, counters);

    /** A template of one field: element {@code id}, 4 bytes. */
    private static Template template(int templateId, long domain, int id, long now) {
        byte[] spec = {(byte) (id >>> 8), (byte) id, 0, 4};
        return new TemplateCompiler(8).compile(new TemplateKey(0, 1, 10, domain, templateId), SourceType.IPFIX, false,
                1, 0, spec, 0, spec.length, true, now);
    }

    private Template get(int templateId, long domain, long now) {
        return store.get(0, 1, 10, domain, templateId, now);
    }

    @Test
    void aReplacedTemplateIsServedAfterALookUpOfTheOldOne() {
        Template old = template(256, 1, 7, 0);
        store.put(old);
        assertThat(get(256, 1, 0)).isSameAs(old);
        Template replacement = template(256, 1, 11, 0);
        store.put(replacement);
        assertThat(get(256, 1, 0)).isSameAs(replacement);
    }

    @Test
    void withdrawnTemplatesAreGoneAfterALookUp() {
        store.put(template(256, 1, 7, 0));
        assertThat(get(256, 1, 0)).isNotNull();
        assertThat(store.withdraw(0, 1, 10, 1, 256)).isTrue();
        assertThat(get(256, 1, 0)).isNull();
        store.put(template(257, 1, 7, 0));
        assertThat(get(257, 1, 0)).isNotNull();
        assertThat(store.withdrawAll(1, false)).isEqualTo(1);
        assertThat(get(257, 1, 0)).isNull();
    }

    @Test
    void anExpiredTemplateIsCountedOnceAndNotServedAgain() {
        store.put(template(256, 1, 7, 0));
        assertThat(get(256, 1, TIMEOUT)).isNotNull();
        assertThat(get(256, 1, TIMEOUT + 1)).isNull();
        assertThat(get(256, 1, TIMEOUT + 2)).isNull();
        assertThat(counters.get(DecodeCounter.TEMPLATES_EXPIRED)).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void lookUpsThatAlternateFindEachTemplateByItsWholeKey() {
        Template a = template(256, 1, 7, 0);
        Template b = template(256, 2, 11, 0);
        store.put(a);
        store.put(b);
        for (int i = 0; i < 3; i++) {
            assertThat(get(256, 1, 0)).isSameAs(a);
            assertThat(get(256, 2, 0)).isSameAs(b);
            assertThat(get(257, 1, 0)).isNull();
            assertThat(store.get(0, 1, 9, 1, 256, 0)).as("the same ids in NetFlow v9").isNull();
            assertThat(store.get(0, 2, 10, 1, 256, 0)).as("another exporter address").isNull();
        }
    }

    @Test
    void aPurgeToMakeRoomDropsTheRememberedTemplateToo() {
        store.put(template(256, 1, 7, 0));
        store.put(template(257, 1, 7, TIMEOUT));
        assertThat(get(256, 1, TIMEOUT)).isNotNull();
        // Full; at TIMEOUT + 1 template 256 has expired and is purged to make room for 258.
        assertThat(store.put(template(258, 1, 7, TIMEOUT + 1))).isTrue();
        assertThat(store.size()).isEqualTo(2);
        assertThat(get(256, 1, 0)).as("even at a time when it would not have expired").isNull();
    }
}
