package io.crmkit.messaging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that counts the connections it accepts, so tests can see connection reuse, and
 * keeps what each side sent (as ISO-8859-1 text), so tests can see the protocol conversation.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final StringBuffer fromClients = new StringBuffer();
    private final StringBuffer fromServer = new StringBuffer();

    CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SocketRelay.daemon(this::acceptLoop, "proxy-accept");
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return accepted.get();
    }

    /** Everything the clients sent, all connections together. */
    String clientSent() {
        return fromClients.toString();
    }

    /** Everything the server answered, all connections together. */
    String serverSent() {
        return fromServer.toString();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                sockets.add(client);
                Socket server = SocketRelay.connectToLoopback(targetPort);
                sockets.add(server);
                SocketRelay.pump(client, server, fromClients, "proxy-pump");
                SocketRelay.pump(server, client, fromServer, "proxy-pump");
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(SocketRelay::closeQuietly);
    }
}
