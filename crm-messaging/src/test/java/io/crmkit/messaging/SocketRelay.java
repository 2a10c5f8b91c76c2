package io.crmkit.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Plumbing of the loopback relays in these tests: daemon threads that copy bytes from one socket to another. */
final class SocketRelay {
    private SocketRelay() {
    }

    /** A connection to this port on the loopback address, within 5 seconds. */
    static Socket connectToLoopback(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
        return socket;
    }

    /**
     * Copies everything {@code from} sends to {@code to} on a daemon thread, appending it (as ISO-8859-1
     * text) to {@code record} when there is one; closes both sockets when either side ends.
     */
    static void pump(Socket from, Socket to, @Nullable StringBuffer record, String threadName) {
        daemon(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (record != null) {
                        record.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, threadName);
    }

    /** Runs the task on a new daemon thread. */
    static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
