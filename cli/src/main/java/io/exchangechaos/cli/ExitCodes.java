package io.exchangechaos.cli;

/** The `chaos` exit codes (CONTRACTS.md): a run's come from its verdict, see {@code Verdict.exitCode()}. */
final class ExitCodes {
    static final int OK = 0;
    /** A run's verdict was FAIL; for `report verify`, the run directory was altered. */
    static final int FAIL = 1;
    /** A usage or definition error: nothing was started. */
    static final int USAGE = 2;
    /** INCONCLUSIVE or ABORTED; also a crash of the harness itself, which proves nothing either way. */
    static final int INCONCLUSIVE = 3;

    private ExitCodes() {
    }
}
