package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * Everything a harness does to the DNS fault server. {@link DnsFaultServer} implements it in
 * process and {@link DnsFaultClient} over HTTP, so harness code never knows which it holds.
 */
public interface DnsFaultControl {

    /** Starts a fault; close the handle (or {@link #heal}) to end it. Other faults stay in place. */
    FaultHandle inject(FaultSpec spec);

    /** Ends one fault; false when no fault has that id (already healed, or never existed). */
    boolean heal(String faultId);

    /** Ends every fault; returns how many there were. */
    int clearFaults();

    List<ActiveDnsFault> faults();

    List<ZoneRecord> records();

    /** Adds or replaces a record, with its own TTL. */
    ZoneRecord putRecord(ZoneRecord record);

    /** Adds or replaces a record with the server's default TTL. */
    ZoneRecord putRecord(String name, List<Inet4Address> addresses);

    boolean removeRecord(String name);

    Optional<ZoneRecord> record(String name);

    List<QueryLogEntry> queries(QueryFilter filter);

    QueryCounts queryCounts();

    DnsServerStatus status();
}
