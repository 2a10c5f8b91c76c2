package io.crmkit.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny SMTP server on a loopback socket with scripted replies: answers RCPT TO and the end of DATA as
 * told, and everything else the way a normal server does. Or, with {@code silent}, accepts connections
 * and never says a word.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Map<String, String> replies;
    private final boolean silent;
    private final java.util.List<Socket> silentSockets = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CountDownLatch accepted = new CountDownLatch(1);

    /** @param replies reply lines by command ("RCPT", "DATA-END"), overriding the normal ones */
    FakeSmtpServer(Map<String, String> replies, boolean silent) throws IOException {
        this.replies = replies;
        this.silent = silent;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.countDown();
                if (silent) {
                    silentSockets.add(socket); // keep it open and say nothing
                    continue;
                }
                Thread t = new Thread(() -> converse(socket), "fake-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            say(out, "220 fake ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> say(out, "250-fake\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> say(out, "250 OK");
                    case "RCPT" -> say(out, replies.getOrDefault("RCPT", "250 OK"));
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // swallow the message
                        }
                        say(out, replies.getOrDefault("DATA-END", "250 queued"));
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "502 not implemented");
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : silentSockets) {
            socket.close();
        }
    }
}
