package io.flowsentry.collector.detect;

import io.flowsentry.flow.FlowRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An immutable set of suppression rules with a hit counter per rule. Applied per flow, before
 * aggregation: precise (a row never mixes suppressed and unsuppressed destinations, and its count is
 * the count of unsuppressed flows). A reload builds a new instance and hands it to the engine whole.
 */
public final class SuppressionRules {

    public static final SuppressionRules NONE = new SuppressionRules(List.of());

    private final SuppressionRule[] rules;
    private final AtomicLongArray hits;

    public SuppressionRules(List<SuppressionRule> rules) {
        this.rules = rules.toArray(new SuppressionRule[0]);
        this.hits = new AtomicLongArray(this.rules.length);
    }

    /**
     * The index of the first rule in force at {@code nowMillis} that matches the flow (its hit counted), or
     * -1. Rules past their {@code expires} are ignored. Allocates nothing.
     */
    public int firstMatch(FlowRecord flow, long nowMillis) {
        for (int i = 0; i < rules.length; i++) {
            SuppressionRule r = rules[i];
            if (r.activeAt(nowMillis) && r.matches(flow)) {
                hits.incrementAndGet(i);
                return i;
            }
        }
        return -1;
    }

    public List<SuppressionRule> rules() {
        return List.of(rules);
    }

    /** Flows suppressed by the rule at {@code index} since this set was built. */
    public long hits(int index) {
        return hits.get(index);
    }

    public int size() {
        return rules.length;
    }
}
