package io.flowsentry.collector.publish.webhook;

/** Waits between delivery attempts; tests inject a recording or shortened one. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
