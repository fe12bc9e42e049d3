package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link Checker} needs of the adapter to observe its invariant: any one of some sets of {@link Capability}s,
 * each needed whole. {@code Needs.allOf(LIST_ORDERS, ATTRIBUTION).or(LOOKUP_BY_CLIENT_ID)} is met by an adapter that
 * lists attributed orders, or by one that looks orders up.
 */
public record Needs(List<Set<Capability>> anyOf) {
    /** Met by every adapter: the checker reads only the history. */
    public static final Needs NOTHING = new Needs(List.of(Set.of()));

    public Needs {
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("Needs at least one set of capabilities (an empty set needs nothing)");
        }
        anyOf = anyOf.stream().map(s -> s.isEmpty() ? Set.<Capability>of() : Set.copyOf(EnumSet.copyOf(s))).toList();
    }

    public static Needs allOf(Capability... capabilities) {
        return new Needs(List.of(Set.of(capabilities)));
    }

    /** These needs, or {@code capabilities} instead. */
    public Needs or(Capability... capabilities) {
        List<Set<Capability>> more = new ArrayList<>(anyOf);
        more.add(Set.of(capabilities));
        return new Needs(more);
    }

    public boolean metBy(Collection<Capability> has) {
        return anyOf.stream().anyMatch(has::containsAll);
    }

    /** The first set of needs {@code has} meets, in the order they were given. */
    public Set<Capability> firstMetBy(Collection<Capability> has) {
        return anyOf.stream().filter(has::containsAll).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "none of " + this + " is met by " + has));
    }

    /**
     * Why an adapter with {@code has} cannot meet these: what it cannot do and what it would need, e.g. {@code cannot
     * list every order it holds or attribute each listed order to the client's order id (needs LIST_ORDERS and
     * ATTRIBUTION)}.
     */
    public String whyNot(Collection<Capability> has) {
        EnumSet<Capability> missing = EnumSet.noneOf(Capability.class);
        anyOf.forEach(s -> s.stream().filter(c -> !has.contains(c)).forEach(missing::add));
        return "cannot " + missing.stream().map(Capability::can).collect(Collectors.joining(" or ")) + " (needs "
            + this + ")";
    }

    /** {@code LIST_ORDERS and ATTRIBUTION, or LOOKUP_BY_CLIENT_ID}. */
    @Override
    public String toString() {
        return anyOf.stream().map(s -> s.isEmpty() ? "nothing" : EnumSet.copyOf(s).stream().map(Enum::name)
            .collect(Collectors.joining(" and "))).collect(Collectors.joining(", or "));
    }
}
