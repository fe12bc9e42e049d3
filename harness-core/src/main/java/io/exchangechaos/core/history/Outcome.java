package io.exchangechaos.core.history;

/** How an operation ended, Jepsen-style: it happened, it did not, or nobody knows yet. */
public enum Outcome {
    OK, FAIL, INFO
}
