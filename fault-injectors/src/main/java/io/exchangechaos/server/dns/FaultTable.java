package io.exchangechaos.server.dns;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults in force, in activation order. Lookups far outnumber changes, hence copy-on-write.
 * When several patterns match a name, the most recently activated fault wins.
 */
final class FaultTable {

    private record Entry(ActiveDnsFault fault, NamePattern pattern) {
    }

    private final Zone zone;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    FaultTable(Zone zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    ActiveDnsFault activate(FaultSpec spec) {
        zone.outsideProblem("pattern", spec.pattern()).ifPresent(p -> {
            throw new InvalidInputException(p);
        });
        NamePattern pattern = NamePattern.parse(spec.pattern()).orElseThrow();
        ActiveDnsFault fault = new ActiveDnsFault("dns-" + sequence.incrementAndGet(), spec, clock.instant());
        entries.add(new Entry(fault, pattern));
        return fault;
    }

    boolean heal(String id) {
        return entries.removeIf(e -> e.fault().id().equals(id));
    }

    int clear() {
        int count = entries.size();
        entries.clear();
        return count;
    }

    List<ActiveDnsFault> list() {
        return entries.stream().map(Entry::fault).toList();
    }

    Optional<ActiveDnsFault> find(String id) {
        return entries.stream().map(Entry::fault).filter(f -> f.id().equals(id)).findFirst();
    }

    Optional<ActiveDnsFault> match(String canonicalName) {
        List<Entry> snapshot = List.copyOf(entries);
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            if (snapshot.get(i).pattern().matches(canonicalName)) {
                return Optional.of(snapshot.get(i).fault());
            }
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }
}
