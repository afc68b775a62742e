package io.flowsentry.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when told: the capture time of offline input (template and pending-set
 * expiry then follow the capture, not the wall clock), and the injected clock of tests.
 */
public final class SettableClock extends Clock {

    private volatile long millis;

    public SettableClock(long epochMillis) {
        this.millis = epochMillis;
    }

    public SettableClock(Instant start) {
        this(start.toEpochMilli());
    }

    public void set(long epochMillis) {
        millis = epochMillis;
    }

    public void set(Instant instant) {
        millis = instant.toEpochMilli();
    }

    public void advance(Duration delta) {
        millis += delta.toMillis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** UTC only: asking for UTC returns this clock, any other zone is refused. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("a settable clock is UTC only, not " + zone);
    }
}
