package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.crmkit.core.DeliveryException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending over TLS with real handshakes and the server identity checked.
 *
 * <p>SMTPS goes to GreenMail's SMTPS server. GreenMail's SMTP server does not implement STARTTLS, so
 * STARTTLS goes to a {@link StartTlsFront} that offers it and relays the encrypted conversation to
 * GreenMail's plain SMTP server. Both present a certificate made for 127.0.0.1: the one GreenMail ships
 * names no host (no subject alternative name), so a client that checks the server's identity, as the
 * channel does, can never accept it. GreenMail reads its key store once per JVM, from the system property
 * this class sets before the first TLS server of the test run starts.
 */
@Timeout(120)
class SmtpTlsTest {
    private static final String USER = "crm";
    private static final String PASSWORD = "s3cret-Tls-Pa55word";
    private static final String PASSWORD_BASE64 = Base64.getEncoder()
            .encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path certificates;

    /** For 127.0.0.1, presented by every server here. */
    private static TestCertificate loopback;
    /** For mail.other.example only. */
    private static TestCertificate otherHost;

    private GreenMail greenMail;
    private final Closer closer = new Closer();

    @BeforeAll
    static void makeCertificates() throws Exception {
        loopback = TestCertificate.create(certificates, "loopback", "IP:127.0.0.1");
        otherHost = TestCertificate.create(certificates, "other-host", "DNS:mail.other.example");
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY,
                loopback.keyStoreFile().toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY,
                TestCertificate.STORE_PASSWORD);
        Certificate served = ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore()
                .getCertificate(TestCertificate.ALIAS);
        assertThat(served).as("GreenMail serves the test certificate (it loads its key store once per JVM, so no "
                + "TLS GreenMail may start in this JVM before this class)").isEqualTo(loopback.certificate());
    }

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        greenMail.setUser("crm@example.com", USER, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        closer.close();
        greenMail.stop();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        return closer.open(closeable);
    }

    private static SmtpEmailChannel.Builder channel(SmtpEmailChannel.Security security, int port) {
        return SmtpEmailChannel.builder().host("127.0.0.1").port(port).security(security)
                .localHostName("client.test").credentials(USER, PASSWORD).from("crm@example.com");
    }

    private StartTlsFront startTlsFront(TestCertificate certificate) throws Exception {
        return open(new StartTlsFront(certificate.serverContext(), greenMail.getSmtp().getPort()));
    }

    private MimeMessage onlyReceived() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private DeliveryException refused(SmtpEmailChannel channel) {
        try (CapturedLogs.Capture logs = CapturedLogs.capture()) {
            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k-refused", "a@example.com", "s", "t")));
            assertThat(e).as("the send failed").isNotNull();
            Secrets.assertNowhereIn(e, PASSWORD, PASSWORD_BASE64);
            assertThat(logs.text()).doesNotContain(PASSWORD, PASSWORD_BASE64);
            assertThat(channel.toString()).doesNotContain(PASSWORD);
            return e;
        }
    }

    @Test
    void sendsOverSmtpsToAServerWithATrustedCertificate() throws Exception {
        SmtpEmailChannel channel = open(channel(SmtpEmailChannel.Security.SMTPS, greenMail.getSmtps().getPort())
                .sslSocketFactory(loopback.trustingClient()).build());

        channel.send(Messages.email("k-smtps", "zhangsan@example.com", "加密发送 🔒", "经由 SMTPS"));

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("加密发送 🔒");
        assertThat(received.getHeader("X-Idempotency-Key")).containsExactly("k-smtps");
    }

    @Test
    void smtpsToAServerWhoseCertificateIsNotTrustedIsPermanent() {
        SmtpEmailChannel channel = open(channel(SmtpEmailChannel.Security.SMTPS, greenMail.getSmtps().getPort())
                .build()); // the JDK's default trust store: a self-signed certificate is not in it

        DeliveryException e = refused(channel);

        assertThat(e.isRetryable()).as("an untrusted certificate will not fix itself").isFalse();
        assertThat(e.getMessage()).contains("127.0.0.1:" + greenMail.getSmtps().getPort(), "certificate");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsWithStartTlsToAServerWithATrustedCertificate() throws Exception {
        StartTlsFront front = startTlsFront(loopback);
        SmtpEmailChannel channel = open(channel(SmtpEmailChannel.Security.STARTTLS, front.port())
                .sslSocketFactory(loopback.trustingClient()).build());

        channel.send(Messages.email("k-starttls", "zhangsan@example.com", "STARTTLS 发送", "t"));

        assertThat(onlyReceived().getSubject()).isEqualTo("STARTTLS 发送");
        assertThat(front.tlsProtocols()).singleElement().asString().startsWith("TLSv1.");
    }

    @Test
    void startTlsWithAWrongPasswordIsRefusedAfterTheHandshake() throws Exception {
        StartTlsFront front = startTlsFront(loopback);
        SmtpEmailChannel channel = open(SmtpEmailChannel.builder().host("127.0.0.1").port(front.port())
                .localHostName("client.test").credentials(USER, "wrong-" + PASSWORD).from("crm@example.com")
                .sslSocketFactory(loopback.trustingClient()).build());

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.email("k-wrong", "a@example.com", "s", "t")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("535", "credentials");
        assertThat(front.tlsProtocols()).as("the credentials went over TLS").hasSize(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsToAServerWhoseCertificateIsNotTrustedIsPermanent() throws Exception {
        StartTlsFront front = startTlsFront(loopback);
        SmtpEmailChannel channel = open(channel(SmtpEmailChannel.Security.STARTTLS, front.port())
                .sslSocketFactory(otherHost.trustingClient()).build()); // trusts another certificate only

        DeliveryException e = refused(channel);

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("certificate");
        assertThat(front.tlsProtocols()).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherHostIsPermanent() throws Exception {
        StartTlsFront front = startTlsFront(otherHost);
        SmtpEmailChannel channel = open(channel(SmtpEmailChannel.Security.STARTTLS, front.port())
                .sslSocketFactory(otherHost.trustingClient()).build()); // trusted, but not for 127.0.0.1

        DeliveryException e = refused(channel);

        assertThat(e.isRetryable()).as("the server identity is checked").isFalse();
        assertThat(e.getMessage()).contains("certificate");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
