package io.exchangechaos.server.dns;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The zone's A records, changeable at run time; the version doubles as the SOA serial. */
final class RecordStore {

    private final Zone zone;
    private final Map<String, ZoneRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong(1);

    RecordStore(Zone zone) {
        this.zone = zone;
    }

    ZoneRecord put(ZoneRecord record) {
        zone.outsideProblem("name", record.name()).ifPresent(p -> {
            throw new InvalidInputException(p);
        });
        records.put(record.name(), record);
        version.incrementAndGet();
        return record;
    }

    boolean remove(String name) {
        boolean removed = records.remove(DnsNames.canonical(name)) != null;
        if (removed) {
            version.incrementAndGet();
        }
        return removed;
    }

    Optional<ZoneRecord> get(String canonicalName) {
        return Optional.ofNullable(records.get(canonicalName));
    }

    /** True when a record lies below the name: the name exists as an empty non-terminal (NODATA, not NXDOMAIN). */
    boolean hasDescendant(String canonicalName) {
        String suffix = "." + canonicalName;
        return records.keySet().stream().anyMatch(n -> n.endsWith(suffix));
    }

    List<ZoneRecord> all() {
        return records.values().stream().sorted(Comparator.comparing(ZoneRecord::name)).toList();
    }

    long version() {
        return version.get();
    }
}
