package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.OutboundMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SmtpEmailChannelTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    private GreenMail greenMail;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        greenMail.setUser("crm@example.com", "crm", PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        greenMail.stop();
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private SmtpEmailChannel.Builder plain(int port) {
        return SmtpEmailChannel.builder().host("127.0.0.1").port(port).security(SmtpEmailChannel.Security.NONE)
                .localHostName("client.test").from("crm@example.com", "示例公司客服");
    }

    private SmtpEmailChannel open(SmtpEmailChannel.Builder builder) {
        SmtpEmailChannel channel = builder.build();
        toClose.add(channel);
        return channel;
    }

    private MimeMessage onlyReceived() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void sendsChineseSubjectSenderNameAndBodyWithEmojiIntact() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()));
        String subject = "您好，张三：您的订单已发货 🎉";
        String text = "尊敬的张三：\n您的订单 #1024 已发货。😀\n祝好";

        channel.send(Messages.email("k-1", "zhangsan@example.com", subject, text));

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo(subject);
        assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("crm@example.com");
        assertThat(from.getPersonal()).isEqualTo("示例公司客服");
        assertThat(received.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("zhangsan@example.com");
        assertThat(received.getContentType()).startsWithIgnoringCase("text/plain").containsIgnoringCase("UTF-8");
        assertThat(((String) received.getContent()).replace("\r\n", "\n")).isEqualTo(text);
    }

    @Test
    void sendsHtmlAsAlternativeToText() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()));
        String html = "<p>您好，<b>张三</b> 👋</p>";

        channel.send(Messages.email("k-2", "zhangsan@example.com",
                Messages.content("回访", "您好，张三 👋", html, List.of(), null)));

        MimeMessage received = onlyReceived();
        assertThat(received.getContentType()).startsWithIgnoringCase("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWithIgnoringCase("text/plain");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("您好，张三 👋");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWithIgnoringCase("text/html")
                .containsIgnoringCase("UTF-8");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(html);
    }

    @Test
    void sendsAttachmentsByteForByteBesideTheBody() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()));
        byte[] pdf = new byte[50_000];
        new Random(42).nextBytes(pdf);
        byte[] csv = "名称,金额\n服务费,100\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        channel.send(Messages.email("k-3", "zhangsan@example.com", Messages.content("报价单", "请查收附件。",
                "<p>请查收附件。</p>", List.of(new Attachment("报价单 2024.pdf", "application/pdf", pdf),
                        new Attachment("items.csv", "text/csv", csv)), null)));

        MimeMessage received = onlyReceived();
        assertThat(received.getContentType()).startsWithIgnoringCase("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWithIgnoringCase("multipart/alternative");
        BodyPart first = mixed.getBodyPart(1);
        assertThat(first.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(first.getFileName()).isEqualTo("报价单 2024.pdf");
        assertThat(first.getContentType()).startsWithIgnoringCase("application/pdf");
        assertThat(bytes(first)).isEqualTo(pdf);
        BodyPart second = mixed.getBodyPart(2);
        assertThat(second.getFileName()).isEqualTo("items.csv");
        assertThat(bytes(second)).isEqualTo(csv);
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void returnsTheMessageIdItSentAndCarriesTheIdempotencyKey() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()).messageIdDomain("crm.example.com"));

        DeliveryReceipt receipt = channel.send(Messages.email("0190f0c2-7a1b-7c3d", "a@example.com", "s", "t"));

        MimeMessage received = onlyReceived();
        assertThat(receipt.providerMessageId()).isEqualTo("<0190f0c2-7a1b-7c3d@crm.example.com>");
        assertThat(received.getMessageID()).isEqualTo(receipt.providerMessageId());
        assertThat(received.getHeader("X-Idempotency-Key")).containsExactly("0190f0c2-7a1b-7c3d");
    }

    @Test
    void keysThatAreNotDotAtomsGiveAStableMessageId() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()));
        OutboundMessage message = Messages.email("订单 <1024>", "a@example.com", "s", "t");

        DeliveryReceipt first = channel.send(message);
        DeliveryReceipt retry = channel.send(message);

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(first.providerMessageId()).isEqualTo(retry.providerMessageId()).matches("<[0-9a-f-]{36}@crmkit>");
        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsOnly(first.providerMessageId());
    }

    @Test
    void usesTheDefaultReplyToUnlessTheMessageNamesOne() throws Exception {
        SmtpEmailChannel channel = open(plain(smtpPort()).replyTo("service@example.com"));

        channel.send(Messages.email("k-r1", "a@example.com", "s", "t"));
        channel.send(Messages.email("k-r2", "b@example.com",
                Messages.content("s", "t", null, List.of(), "sales@example.com")));

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] all = greenMail.getReceivedMessages();
        assertThat(all).hasSize(2);
        for (MimeMessage m : all) {
            String expected = m.getMessageID().contains("k-r1") ? "service@example.com" : "sales@example.com";
            assertThat(m.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(expected);
        }
    }

    @Test
    void authenticatesWithUserNameAndPassword() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort())) {
            SmtpEmailChannel channel = open(plain(proxy.port()).credentials("crm", PASSWORD));

            channel.send(Messages.email("k-auth", "a@example.com", "s", "t"));

            assertThat(onlyReceived().getSubject()).isEqualTo("s");
            // GreenMail checks the credentials it is given (the next test gets 535 for a wrong password)
            assertThat(proxy.clientSent()).containsPattern("(?m)^AUTH (PLAIN|LOGIN)");
            assertThat(proxy.serverSent()).contains("235 2.7.0");
            assertThat(proxy.clientSent().indexOf("AUTH ")).as("authenticated before sending")
                    .isLessThan(proxy.clientSent().indexOf("MAIL FROM"));
            assertThat(channel.toString()).contains("crm").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsPermanentAndNeverShown() {
        SmtpEmailChannel channel = open(plain(smtpPort()).credentials("crm", "wrong-" + PASSWORD));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k-bad", "a@example.com", "s", "t")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("credentials").contains("535").doesNotContain(PASSWORD);
        assertThat(channel.toString()).doesNotContain(PASSWORD);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiresStartTlsByDefaultAndRefusesAServerWithoutIt() {
        SmtpEmailChannel channel = open(SmtpEmailChannel.builder().host("127.0.0.1").port(smtpPort())
                .localHostName("client.test").from("crm@example.com"));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k-tls", "a@example.com", "s", "t")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsManyMessagesOverOneConnection() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort())) {
            SmtpEmailChannel channel = open(plain(proxy.port()));
            for (int i = 0; i < 5; i++) {
                channel.send(Messages.email("k-reuse-" + i, "a@example.com", "第 " + i + " 封", "t"));
            }
            assertThat(greenMail.waitForIncomingEmail(5_000, 5)).isTrue();
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void replacesAConnectionThatSatIdleLongerThanTheIdleTimeout() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort())) {
            SmtpEmailChannel channel = open(plain(proxy.port()).idleTimeout(Duration.ofNanos(1)));
            for (int i = 0; i < 3; i++) {
                channel.send(Messages.email("k-idle-" + i, "a@example.com", "s" + i, "t"));
            }
            assertThat(greenMail.waitForIncomingEmail(5_000, 3)).isTrue();
            assertThat(proxy.connections()).isEqualTo(3);
        }
    }

    @Test
    void sharesTheConnectionSafelyBetweenThreads() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort())) {
            SmtpEmailChannel channel = open(plain(proxy.port()));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<DeliveryReceipt>> sends = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    OutboundMessage m = Messages.email("k-par-" + i, "a@example.com", "s" + i, "t" + i);
                    sends.add(() -> channel.send(m));
                }
                for (Future<DeliveryReceipt> f : pool.invokeAll(sends, 30, TimeUnit.SECONDS)) {
                    assertThat(f.get().providerMessageId()).startsWith("<k-par-");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(greenMail.waitForIncomingEmail(10_000, 40)).isTrue();
            assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject).hasSize(40)
                    .doesNotHaveDuplicates();
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void reconnectsOnceWhenTheReusedConnectionWasDropped() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort())) {
            SmtpEmailChannel channel = open(plain(proxy.port()));
            channel.send(Messages.email("k-before", "a@example.com", "before", "t"));
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();

            restartGreenMail(); // drops the connection under the channel

            channel.send(Messages.email("k-after", "a@example.com", "after", "t"));
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("after");
            assertThat(proxy.connections()).isEqualTo(2);
        }
    }

    @Test
    void aServerThatIsDownIsRetryableAndTheSameChannelSendsOnceItIsBack() throws Exception {
        int port = smtpPort();
        SmtpEmailChannel channel = open(plain(port));
        channel.send(Messages.email("k-1", "a@example.com", "first", "t"));
        greenMail.stop();

        DeliveryException down = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k-2", "a@example.com", "second", "t")));
        assertThat(down.isRetryable()).isTrue();
        assertThat(down.getMessage()).contains("127.0.0.1:" + port);

        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        channel.send(Messages.email("k-2", "a@example.com", "second", "t"));
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("second");
    }

    @Test
    void connectionRefusedIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SmtpEmailChannel channel = open(plain(closedPort));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k", "a@example.com", "s", "t")));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("connection failed");
    }

    private void restartGreenMail() {
        int port = smtpPort();
        greenMail.stop();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Test
    void afterCloseSendingIsAnError() {
        SmtpEmailChannel channel = plain(smtpPort()).build();
        channel.send(Messages.email("k", "a@example.com", "s", "t"));
        channel.close();
        channel.close();

        assertThatThrownBy(() -> channel.send(Messages.email("k2", "a@example.com", "s", "t")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInvalidRecipientIsPermanent() {
        SmtpEmailChannel channel = open(plain(smtpPort()));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k", "not an address", "s", "t")));

        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void refusesContentOfAnotherKind() {
        SmtpEmailChannel channel = open(plain(smtpPort()));
        assertThat(channel.kind()).isEqualTo(ChannelKind.EMAIL);

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.sms("k", "a@example.com", "hi")));

        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void acceptsTheHostsSession() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort()));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        p.put("mail.smtp.localhost", "client.test");
        SmtpEmailChannel channel = open(SmtpEmailChannel.builder().session(Session.getInstance(p))
                .from("crm@example.com"));

        channel.send(Messages.email("k-session", "a@example.com", "会话", "t"));

        assertThat(onlyReceived().getSubject()).isEqualTo("会话");
    }

    /**
     * Against a server that refuses mail until the client authenticates. GreenMail 2.1's SMTP server cannot
     * be one: it accepts mail without AUTH whatever its configuration ("authentication required" only stops
     * it from creating unknown users when they log in), so this uses the scripted server.
     */
    @Nested
    class RequiredAuthentication {
        private FakeSmtpServer server;

        @BeforeEach
        void startServer() throws IOException {
            server = FakeSmtpServer.requiringAuth("crm", PASSWORD);
        }

        @AfterEach
        void closeServer() throws IOException {
            server.close();
        }

        @Test
        void acceptsTheChannelWithTheRightCredentials() {
            SmtpEmailChannel channel = open(plain(server.port()).credentials("crm", PASSWORD));

            assertThat(channel.send(Messages.email("k-ok", "a@example.com", "s", "t")).providerMessageId())
                    .isEqualTo("<k-ok@crmkit>");
            assertThat(server.plainCredentials).singleElement().asString().endsWith("crm\0" + PASSWORD);
        }

        @Test
        void refusesTheChannelWithoutCredentialsPermanently() {
            SmtpEmailChannel channel = open(plain(server.port()));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k-none", "a@example.com", "s", "t")));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("530", "Authentication required");
        }

        @Test
        void refusesWrongCredentialsPermanently() {
            SmtpEmailChannel channel = open(plain(server.port()).credentials("crm", "wrong-" + PASSWORD));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k-wrong", "a@example.com", "s", "t")));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("535", "rejected the credentials").doesNotContain(PASSWORD);
        }
    }

    /** Angus Mail skips the login when the server does not advertise AUTH; the channel must not. */
    @Nested
    class ServerWithoutAuthentication {
        private FakeSmtpServer server;

        @BeforeEach
        void startServer() throws IOException {
            server = new FakeSmtpServer(Map.of(), false);
        }

        @AfterEach
        void closeServer() throws IOException {
            server.close();
        }

        @Test
        void refusesToSendUnauthenticatedWhenCredentialsAreConfigured() {
            SmtpEmailChannel channel = open(plain(server.port()).credentials("crm", PASSWORD));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k-noauth", "a@example.com", "s", "t")));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("offers no authentication", "not sent").doesNotContain(PASSWORD);
            assertThat(server.commands).contains("EHLO").doesNotContain("MAIL", "RCPT", "DATA");
            assertThat(server.plainCredentials).isEmpty();
        }

        @Test
        void sendsWhenNoCredentialsAreConfigured() {
            SmtpEmailChannel channel = open(plain(server.port()));

            assertThat(channel.send(Messages.email("k-open", "a@example.com", "s", "t")).providerMessageId())
                    .isEqualTo("<k-open@crmkit>");
            assertThat(server.commands).contains("MAIL", "RCPT", "DATA");
        }
    }

    @Nested
    class RejectedBySmtp {
        private FakeSmtpServer server;

        @AfterEach
        void closeServer() throws IOException {
            if (server != null) {
                server.close();
            }
        }

        private DeliveryException sendThrough(Map<String, String> replies) throws IOException {
            server = new FakeSmtpServer(replies, false);
            SmtpEmailChannel channel = open(plain(server.port()));
            return catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k", "nobody@example.com", "s", "t")));
        }

        @Test
        void aPermanentRecipientRejectionIsNotRetryable() throws IOException {
            DeliveryException e = sendThrough(Map.of("RCPT", "550 5.1.1 no such user"));
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("550");
        }

        @Test
        void aTemporaryRecipientRejectionIsRetryable() throws IOException {
            DeliveryException e = sendThrough(Map.of("RCPT", "451 4.7.1 greylisted, try again later"));
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("451");
        }

        @Test
        void aMessageRejectedAfterDataIsNotRetryable() throws IOException {
            DeliveryException e = sendThrough(Map.of("DATA-END", "554 5.7.1 message refused as spam"));
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("554");
        }

        @Test
        void aMessageDeferredAfterDataIsRetryable() throws IOException {
            DeliveryException e = sendThrough(Map.of("DATA-END", "452 4.3.1 insufficient storage"));
            assertThat(e.isRetryable()).isTrue();
        }

        @Test
        void theConnectionStaysUsableAfterARejection() throws IOException {
            server = new FakeSmtpServer(Map.of("RCPT", "550 5.1.1 no such user"), false);
            SmtpEmailChannel channel = open(plain(server.port()));
            for (int i = 0; i < 3; i++) {
                OutboundMessage m = Messages.email("k" + i, "nobody@example.com", "s", "t");
                assertThatThrownBy(() -> channel.send(m)).isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.isRetryable()).isFalse());
            }
        }

        @Test
        void aServerThatNeverAnswersTimesOutAsRetryable() throws Exception {
            server = new FakeSmtpServer(Map.of(), true);
            SmtpEmailChannel channel = open(plain(server.port()).connectTimeout(Duration.ofMillis(500))
                    .readTimeout(Duration.ofMillis(500)));

            long start = System.nanoTime();
            DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> catchThrowableOfType(DeliveryException.class,
                            () -> channel.send(Messages.email("k", "a@example.com", "s", "t"))));

            assertThat(e.isRetryable()).isTrue();
            assertThat(server.accepted.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
