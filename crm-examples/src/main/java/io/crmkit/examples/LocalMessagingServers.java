package io.crmkit.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.messaging.HttpSmsChannel;
import io.crmkit.messaging.SmtpEmailChannel;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real servers inside this JVM for examples that send messages without touching the outside world:
 * an SMTP server (GreenMail) on a free loopback port, and a local SMS sink, a tiny HTTP gateway that
 * accepts JSON like {@code {"to":"+86...","text":"..."}} and answers with an id that no other run gives out,
 * like a real gateway: {@code {"id":"sink-0f1e..."}}.
 */
final class LocalMessagingServers implements AutoCloseable {
    private final GreenMail smtp;
    private final HttpServer smsSink;
    private final List<String> smsBodies = new CopyOnWriteArrayList<>();

    LocalMessagingServers() {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            smsSink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException(e);
        }
        smsSink.createContext("/sms", exchange -> {
            smsBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = ("{\"id\":\"sink-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        smsSink.start();
    }

    /** An email channel to the local SMTP server. */
    MessageChannel emailChannel() {
        return SmtpEmailChannel.builder().host("127.0.0.1").port(smtpPort())
                .security(SmtpEmailChannel.Security.NONE).from("crm@example.cn", "华东精密客服").build();
    }

    /** An SMS channel to the local sink. */
    MessageChannel smsChannel() {
        return HttpSmsChannel.jsonGateway().url(smsUrl()).bearerToken("local-sink-token").from("CRMKIT").build();
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    String smsUrl() {
        return "http://127.0.0.1:" + smsSink.getAddress().getPort() + "/sms";
    }

    /** Emails the SMTP server received. */
    MimeMessage[] receivedEmails() {
        return smtp.getReceivedMessages();
    }

    /** Request bodies the SMS sink received. */
    List<String> receivedSms() {
        return List.copyOf(smsBodies);
    }

    @Override
    public void close() {
        smsSink.stop(0);
        smtp.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
