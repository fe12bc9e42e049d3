package io.exchangechaos.server.proxy.net;

/** Attachment of a selection key: told which operations are ready. */
interface IoHandler {
    void onReady(int readyOps);
}
