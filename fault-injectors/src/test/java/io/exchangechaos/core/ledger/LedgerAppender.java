package io.exchangechaos.core.ledger;

import io.exchangechaos.fault.network.NetworkRecipes;
import java.nio.file.Path;

/** A separate JVM appending to a ledger, for the cross-process test: {@code LedgerAppender FILE PREFIX COUNT}. */
public final class LedgerAppender {
    private LedgerAppender() {
    }

    public static void main(String[] args) {
        FaultLedger ledger = new FaultLedger(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            ledger.recordInject(args[1] + "-" + i, "t", "x", new NetworkRecipes.EnableProxy("http://h:1", "p"));
        }
    }
}
