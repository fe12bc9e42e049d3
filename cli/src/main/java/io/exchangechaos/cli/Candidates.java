package io.exchangechaos.cli;

import io.exchangechaos.core.topology.Weakness;
import java.util.Iterator;
import java.util.List;

/** Values offered by {@code --help} and by shell completion. */
final class Candidates {

    private Candidates() {
    }

    static final class Topologies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("single-region", "multi-region").iterator();
        }
    }

    static final class Backends implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("local", "docker").iterator();
        }
    }

    static final class Weaknesses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Weakness.ids().iterator();
        }
    }

    /** The library's names; empty when the library can't be listed (completion is generated at build time). */
    static final class Scenarios implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            try {
                return Library.names().iterator();
            } catch (RuntimeException e) {
                return List.<String>of().iterator();
            }
        }
    }
}
