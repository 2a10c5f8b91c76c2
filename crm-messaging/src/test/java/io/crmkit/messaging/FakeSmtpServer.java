package io.crmkit.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A tiny SMTP server on a loopback socket with scripted replies: answers AUTH, RCPT TO and the end of DATA
 * as told, and everything else the way a normal server does. Or, with {@code silent}, accepts connections
 * and never says a word. {@link #requiringAuth(String, String)} makes one that refuses mail (530) until
 * the client has authenticated with AUTH PLAIN and the right user name and password. Unless it requires
 * authentication or has a scripted AUTH reply, it does not advertise AUTH in its EHLO reply.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Map<String, String> replies;
    private final boolean silent;
    /** "user\0password", as AUTH PLAIN carries them after the authorization identity. */
    private final @Nullable String requiredCredentials;
    /** The AUTH PLAIN credentials clients sent, decoded. */
    final java.util.List<String> plainCredentials = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The commands clients sent ("EHLO", "MAIL", "DATA", ...), in order. */
    final java.util.List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Socket> silentSockets = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CountDownLatch accepted = new CountDownLatch(1);

    /**
     * @param replies reply lines by command ("AUTH", "RCPT", "DATA-END"), overriding the normal ones; in the
     *                AUTH reply, {@code {credentials}} stands for the Base64 credentials the client sent
     */
    FakeSmtpServer(Map<String, String> replies, boolean silent) throws IOException {
        this(replies, silent, null);
    }

    private FakeSmtpServer(Map<String, String> replies, boolean silent, @Nullable String requiredCredentials)
            throws IOException {
        this.replies = replies;
        this.silent = silent;
        this.requiredCredentials = requiredCredentials;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-smtp");
        t.setDaemon(true);
        t.start();
    }

    /** A server that accepts mail only after AUTH PLAIN with this user name and password. */
    static FakeSmtpServer requiringAuth(String username, String password) throws IOException {
        return new FakeSmtpServer(Map.of(), false, username + "\0" + password);
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
            SmtpWire.say(out, "220 fake ESMTP");
            boolean offersAuth = requiredCredentials != null || replies.containsKey("AUTH");
            boolean authenticated = false;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                commands.add(command);
                switch (command) {
                    case "EHLO" -> SmtpWire.say(out, offersAuth ? "250-fake\r\n250-AUTH PLAIN\r\n250 8BITMIME"
                            : "250-fake\r\n250 8BITMIME");
                    case "AUTH" -> authenticated = authenticate(line, in, out);
                    case "MAIL" -> SmtpWire.say(out, requiredCredentials != null && !authenticated
                            ? "530 5.7.0 Authentication required" : "250 OK");
                    case "HELO", "RSET", "NOOP" -> SmtpWire.say(out, "250 OK");
                    case "RCPT" -> SmtpWire.say(out, replies.getOrDefault("RCPT", "250 OK"));
                    case "DATA" -> {
                        SmtpWire.say(out, "354 go ahead");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // swallow the message
                        }
                        SmtpWire.say(out, replies.getOrDefault("DATA-END", "250 queued"));
                    }
                    case "QUIT" -> {
                        SmtpWire.say(out, "221 bye");
                        return;
                    }
                    default -> SmtpWire.say(out, "502 not implemented");
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    /** Answers AUTH PLAIN, with the initial response on the line or after a 334; true when accepted. */
    private boolean authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || !words[1].equalsIgnoreCase("PLAIN")) {
            SmtpWire.say(out, "504 5.5.4 only PLAIN");
            return false;
        }
        String credentials = words.length > 2 ? words[2] : null;
        if (credentials == null) {
            SmtpWire.say(out, "334 ");
            credentials = in.readLine();
        }
        String decoded = decode(credentials);
        plainCredentials.add(decoded);
        String scripted = replies.get("AUTH");
        if (scripted != null) {
            SmtpWire.say(out, scripted.replace("{credentials}", String.valueOf(credentials)));
            return scripted.startsWith("235");
        }
        String[] parts = decoded.split("\0", -1); // authorization identity, user, password
        boolean ok = requiredCredentials != null && parts.length == 3
                && (parts[1] + "\0" + parts[2]).equals(requiredCredentials);
        SmtpWire.say(out, ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
        return ok;
    }

    private static String decode(@Nullable String base64) {
        try {
            return base64 == null ? "" : new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : silentSockets) {
            socket.close();
        }
    }
}
