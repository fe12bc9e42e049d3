package io.exchangechaos.server.proxy.toxic;

import java.nio.ByteBuffer;

/**
 * Bytes read from one side of a connection on their way to the other. Mutable on purpose: it is
 * a buffer owned by exactly one stage at a time, not a value, and it is on the data path.
 */
public final class Chunk {
    private final byte[] data;
    private int offset;
    private int length;
    /** nanoTime the chunk was read, moved forward by each delaying toxic so delays add up. */
    private long time;

    public Chunk(byte[] data, int offset, int length, long time) {
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.time = time;
    }

    public static Chunk copyOf(ByteBuffer buffer, long time) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new Chunk(bytes, 0, bytes.length, time);
    }

    public static Chunk of(byte[] bytes, long time) {
        return new Chunk(bytes, 0, bytes.length, time);
    }

    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public long time() {
        return time;
    }

    public void time(long newTime) {
        this.time = newTime;
    }

    /** Cuts the first {@code n} bytes off into a new chunk sharing the array. */
    public Chunk split(int n) {
        if (n <= 0 || n > length) {
            throw new IllegalArgumentException("split [" + n + "] outside chunk of length [" + length + "]");
        }
        Chunk head = new Chunk(data, offset, n, time);
        offset += n;
        length -= n;
        return head;
    }

    /** Drops everything after the first {@code n} bytes; returns how many were dropped. */
    public int truncate(int n) {
        int dropped = length - n;
        length = n;
        return dropped;
    }

    /** Marks {@code n} bytes as written to a socket. */
    public void consumed(int n) {
        offset += n;
        length -= n;
    }

    public ByteBuffer asBuffer() {
        return ByteBuffer.wrap(data, offset, length);
    }

    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }
}
