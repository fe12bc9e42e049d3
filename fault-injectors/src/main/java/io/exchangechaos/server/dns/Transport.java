package io.exchangechaos.server.dns;

/** How a query reached the server. */
public enum Transport {
    UDP, TCP
}
