package io.exchangechaos.stack.engine;

import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.Weakness;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param peers every replica's Raft id and the address its peers reach it at (which may be a proxy in front of
 *              {@code raft}, the address this replica binds)
 */
public record EngineConfig(String id, HostPort http, HostPort raft, Map<String, HostPort> peers, Path dataDir,
                           Weakness weakness, Transport transport) {

    /** Ratis's RPC transport between replicas. */
    public enum Transport { GRPC, NETTY }

    public EngineConfig {
        if (!peers.containsKey(id)) {
            throw new IllegalArgumentException("--peers " + peers.keySet() + " does not name this replica [" + id
                + "]; add " + id + "=HOST:PORT");
        }
    }

    public static Map<String, HostPort> parsePeers(String text) {
        Map<String, HostPort> peers = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("peer [" + part + "] is not id=host:port; write it like r1=127.0.1.21:9191");
            }
            peers.put(part.substring(0, eq).trim(), HostPort.parse(part.substring(eq + 1).trim()));
        }
        return peers;
    }
}
