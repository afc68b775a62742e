package io.flowsentry.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until moved by {@link #advance}: expiry in the decoder follows it. */
public final class SteppingClock extends Clock {

    private long millis;

    public SteppingClock(long startMillis) {
        this.millis = startMillis;
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

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
