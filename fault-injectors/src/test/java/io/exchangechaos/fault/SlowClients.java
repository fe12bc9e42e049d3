package io.exchangechaos.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that send half a request head and then nothing more, as a slow or hostile client does, for the tests
 * that the harness's servers keep answering others and close these after their idle timeout.
 */
public final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final long openedNanos;

    private SlowClients(InetSocketAddress server, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            socket.connect(server, 2_000);
            socket.getOutputStream().write("GET /proxies HTTP/1.1\r\nHost: slow\r\nUser-Agent: sl".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        openedNanos = System.nanoTime();
    }

    public static SlowClients open(InetSocketAddress server, int count) throws IOException {
        return new SlowClients(server, count);
    }

    /**
     * Waits until the server has closed every connection (whatever it sent first, e.g. a 408), at most {@code max};
     * answers how long after the last half head that was, or null if one is still open.
     */
    public Duration awaitAllClosed(Duration max) throws IOException {
        long deadline = openedNanos + max.toNanos();
        for (Socket socket : sockets) {
            if (!closedBy(socket, deadline)) {
                return null;
            }
        }
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    private static boolean closedBy(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a test's own socket
            }
        }
    }
}
