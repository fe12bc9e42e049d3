package io.exchangechaos.core.topology;

import java.util.List;

/**
 * A name the harness's DNS server answers, with its addresses (IP literals, usually proxy addresses).
 * Written {@code {name: engine.r1.exchange.test, address: 127.0.1.21}} or with a list of addresses.
 */
public record DnsRecord(String name, List<String> addresses) {

    public DnsRecord {
        addresses = List.copyOf(addresses);
    }

    /** True if {@code pattern} (a name where {@code *} stands for one label) matches this record. */
    public boolean matches(String pattern) {
        String[] want = pattern.split("\\.", -1);
        String[] have = name.split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equalsIgnoreCase(have[i])) {
                return false;
            }
        }
        return true;
    }
}
