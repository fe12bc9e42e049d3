package io.exchangechaos.server.proxy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The toxics of one proxy: an ordered list per direction, names unique across both.
 * Immutable; every change returns a new chain so live connections can read it without locks.
 */
public record ToxicChain(List<Toxic> upstream, List<Toxic> downstream) {

    public static final ToxicChain EMPTY = new ToxicChain(List.of(), List.of());

    public ToxicChain {
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
    }

    public List<Toxic> forDirection(ToxicStream direction) {
        return direction == ToxicStream.UPSTREAM ? upstream : downstream;
    }

    /** Upstream toxics first, then downstream, each in insertion order. */
    public List<Toxic> all() {
        List<Toxic> all = new ArrayList<>(upstream.size() + downstream.size());
        all.addAll(upstream);
        all.addAll(downstream);
        return List.copyOf(all);
    }

    public Optional<Toxic> find(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return upstream.isEmpty() && downstream.isEmpty();
    }

    /** Appends the toxic to its direction; the caller has checked the name is free. */
    public ToxicChain with(Toxic toxic) {
        if (find(toxic.name()).isPresent()) {
            throw new IllegalArgumentException("toxic [" + toxic.name() + "] already exists");
        }
        List<Toxic> list = new ArrayList<>(forDirection(toxic.stream()));
        list.add(toxic);
        return toxic.stream() == ToxicStream.UPSTREAM ? new ToxicChain(list, downstream) : new ToxicChain(upstream, list);
    }

    /** Replaces the toxic of the same name in place, keeping its position. */
    public ToxicChain replacing(Toxic toxic) {
        return new ToxicChain(replace(upstream, toxic), replace(downstream, toxic));
    }

    public ToxicChain without(String name) {
        return new ToxicChain(
                upstream.stream().filter(t -> !t.name().equals(name)).toList(),
                downstream.stream().filter(t -> !t.name().equals(name)).toList());
    }

    private static List<Toxic> replace(List<Toxic> list, Toxic toxic) {
        return list.stream().map(t -> t.name().equals(toxic.name()) ? toxic : t).toList();
    }
}
