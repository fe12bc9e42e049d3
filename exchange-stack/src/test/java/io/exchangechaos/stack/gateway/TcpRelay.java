package io.exchangechaos.stack.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a FIX client and a gateway, so a test can break the connection the way a network does: reset
 * it (RST both ways, no FIN, no Logout) or blackhole it (bytes are read and dropped, nothing closes). A test's own
 * tool, far smaller than the harness's proxy, which exchange-stack may not use.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackholed;
    private volatile boolean refusing;

    TcpRelay(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress("127.0.0.1", upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket up = new Socket();
                up.connect(upstream, 2000);
                client.setTcpNoDelay(true);
                up.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(up);
                pump(client, up);
                pump(up, client);
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!blackholed) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                closeQuietly(from);
                if (!blackholed) {
                    // a blackhole passes nothing on, not even a close: the far side must time the connection out
                    closeQuietly(to);
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Every connection reset (RST, as a crashed host or a firewall does); new ones are reset at once. */
    void resetAll() {
        refusing = true;
        // linger 0 on every socket first: whichever close comes first, a pump's or ours, is then a reset
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                // gone already
            }
        }
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
    }

    /** Bytes stop getting through either way; no connection closes. */
    void blackhole() {
        blackholed = true;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        resetAll();
    }
}
