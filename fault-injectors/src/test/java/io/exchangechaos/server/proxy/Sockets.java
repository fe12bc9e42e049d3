package io.exchangechaos.server.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Blocking client helpers with timeouts, so no test can hang. */
final class Sockets {
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private Sockets() {
    }

    static Socket connect(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends the bytes and reads as many back; returns how long that took. */
    static Duration roundTrip(Socket socket, byte[] request) throws IOException {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        byte[] response = readExactly(socket.getInputStream(), request.length);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!java.util.Arrays.equals(request, response)) {
            throw new AssertionError("echo returned different bytes");
        }
        return elapsed;
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] data = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(data, read, length - read);
            if (n < 0) {
                throw new IOException("end of stream after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return data;
    }

    /** Reads until the peer closes; returns everything read. */
    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static byte[] bytes(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        return data;
    }
}
