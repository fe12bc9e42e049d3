package io.exchangechaos.fault.discovery;

import io.exchangechaos.server.dns.DnsFaultClient;

/**
 * The DNS server that answers a stack's names, as DNS faults need it: the facet a stack served by the harness's
 * DNS fault server offers ({@code stack.facet(DnsControl.class)}).
 */
public interface DnsControl {

    DnsFaultClient dns();
}
