package io.exchangechaos.fault.dns;

/** How a query reached the server. */
public enum Transport {
    UDP, TCP
}
