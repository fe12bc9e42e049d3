package io.exchangechaos.server.proxy.api;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** 20-character request ids, unique per server, like the xids Toxiproxy puts in the header. */
final class RequestIds {
    private final int prefix = new SecureRandom().nextInt();
    private final AtomicLong counter = new AtomicLong();

    String next() {
        return String.format("%08x%012x", prefix, counter.incrementAndGet() & 0xFFFFFFFFFFFFL);
    }
}
