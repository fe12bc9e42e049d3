package io.exchangechaos.stack.matching;

/** A market order carries a protection price (the edge of the price band) and never rests. */
public enum OrderType { LIMIT, MARKET }
