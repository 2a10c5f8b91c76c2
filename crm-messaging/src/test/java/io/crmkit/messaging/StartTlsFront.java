package io.crmkit.messaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server that offers STARTTLS, made of a loopback front and a plain SMTP server behind it (GreenMail,
 * whose SMTP server has no STARTTLS). The front greets, answers EHLO offering only STARTTLS, refuses mail
 * before TLS, upgrades the connection with its certificate on STARTTLS, and from then on relays the
 * encrypted conversation to the server behind it (whose greeting it swallows), so the client says EHLO,
 * AUTH and sends the mail to GreenMail over TLS. {@link #tlsProtocols()} lists the handshakes it completed.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket listener;
    private final SSLContext tls;
    private final int backendPort;
    private final List<String> tlsProtocols = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    StartTlsFront(SSLContext tls, int backendPort) throws IOException {
        this.tls = tls;
        this.backendPort = backendPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SocketRelay.daemon(this::acceptLoop, "starttls-accept");
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The TLS protocol of each completed handshake, such as {@code TLSv1.3}. */
    List<String> tlsProtocols() {
        return List.copyOf(tlsProtocols);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                SocketRelay.daemon(() -> converse(client), "starttls-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            SmtpWire.say(out, "220 front ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> SmtpWire.say(out, "250-front\r\n250-STARTTLS\r\n250 8BITMIME");
                    case "HELO", "NOOP", "RSET" -> SmtpWire.say(out, "250 OK");
                    case "STAR" -> {
                        SmtpWire.say(out, "220 2.0.0 ready to start TLS");
                        relayOverTls(client);
                        return;
                    }
                    case "QUIT" -> {
                        SmtpWire.say(out, "221 bye");
                        client.close();
                        return;
                    }
                    default -> SmtpWire.say(out, "530 5.7.0 must issue a STARTTLS command first");
                }
            }
            client.close();
        } catch (IOException ignored) {
            // the client went away or the handshake failed
            SocketRelay.closeQuietly(client);
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
        sockets.add(secure);
        secure.setUseClientMode(false);
        secure.startHandshake();
        tlsProtocols.add(secure.getSession().getProtocol());
        Socket backend = SocketRelay.connectToLoopback(backendPort);
        sockets.add(backend);
        InputStream fromBackend = backend.getInputStream();
        String greeting;
        do {
            greeting = readLine(fromBackend);
        } while (greeting != null && !greeting.startsWith("220 "));
        SocketRelay.pump(secure, backend, null, "starttls-pump");
        SocketRelay.pump(backend, secure, null, "starttls-pump");
    }

    /** One line without its CRLF, read byte by byte so nothing after it is consumed; null at the end. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).replaceAll("\r$", "");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(SocketRelay::closeQuietly);
    }
}
