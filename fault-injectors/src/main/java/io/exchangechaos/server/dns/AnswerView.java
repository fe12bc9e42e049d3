package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Split-horizon answers: the address a record's address becomes for one client. A container backend whose
 * services reach each other at different addresses from different networks uses it so every client is answered
 * with the address it can reach. Fault answers ({@code WRONG_ADDRESS}) are never rewritten.
 */
@FunctionalInterface
public interface AnswerView {
    /** Every client gets the record's own addresses. */
    AnswerView SAME_FOR_ALL = (client, address) -> address;

    Inet4Address answer(InetAddress client, Inet4Address address);
}
