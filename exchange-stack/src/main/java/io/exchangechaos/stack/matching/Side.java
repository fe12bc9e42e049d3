package io.exchangechaos.stack.matching;

public enum Side { BUY, SELL }
