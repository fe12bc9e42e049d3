package io.exchangechaos.stack.matching;

public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED;

    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
