package io.crmkit.bench.messaging;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.messaging.SmtpEmailChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Emails per second to GreenMail in the same JVM (loopback, plain SMTP, one sending thread):
 * {@link SmtpEmailChannel} on its one reused connection and, forced by a 1 ns idle timeout, on a new
 * connection per message; beside two hand-written Jakarta Mail baselines sending the same message: one
 * connected {@code Transport} reused for every message (the best case) and {@code Transport.send}
 * opening a connection per message (what naive code does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpSendBenchmark {
    private static final String SUBJECT = "您好，张三：您的订单已发货";
    private static final String TEXT = "尊敬的张三：\n您的订单 #1024 已发货，预计三天内送达。\n祝好";

    private GreenMail greenMail;
    private SmtpEmailChannel channel;
    private SmtpEmailChannel channelNoReuse;
    private Session session;
    private Transport transport;
    private long counter;

    @Setup(Level.Trial)
    public void start() throws MessagingException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        channel = SmtpEmailChannel.builder().host("127.0.0.1").port(port).security(SmtpEmailChannel.Security.NONE)
                .localHostName("bench.local").from("crm@example.com", "示例公司客服").build();
        // the same channel, but any idle time at all replaces the connection: one connection per message
        channelNoReuse = SmtpEmailChannel.builder().host("127.0.0.1").port(port)
                .security(SmtpEmailChannel.Security.NONE).idleTimeout(Duration.ofNanos(1))
                .localHostName("bench.local").from("crm@example.com", "示例公司客服").build();
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.localhost", "bench.local");
        p.put("mail.from", "crm@example.com"); // the Message-ID's domain, so saveChanges() does not look up the local host
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        session = Session.getInstance(p);
        transport = session.getTransport("smtp");
        transport.connect();
    }

    @Setup(Level.Iteration)
    public void emptyMailboxes() throws FolderException {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @TearDown(Level.Trial)
    public void stop() throws MessagingException {
        channel.close();
        channelNoReuse.close();
        transport.close();
        greenMail.stop();
    }

    @Benchmark
    public DeliveryReceipt channelReusedConnection() {
        return channel.send(outbound());
    }

    @Benchmark
    public DeliveryReceipt channelConnectionPerMessage() {
        return channelNoReuse.send(outbound());
    }

    private OutboundMessage outbound() {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), "bench-" + counter++, "zhangsan@example.com",
                new MessageContent.Email(SUBJECT, TEXT, Optional.empty(), List.of(), Optional.empty()));
    }

    @Benchmark
    public MimeMessage baselineReusedTransport() throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = message();
        transport.sendMessage(message, message.getAllRecipients());
        return message;
    }

    @Benchmark
    public MimeMessage baselineConnectionPerMessage() throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = message();
        Transport.send(message);
        return message;
    }

    private MimeMessage message() throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("crm@example.com", "示例公司客服", "UTF-8"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("zhangsan@example.com"));
        message.setSubject(SUBJECT, "UTF-8");
        message.setHeader("X-Idempotency-Key", "bench-" + counter++);
        message.setText(TEXT, "UTF-8");
        message.saveChanges();
        return message;
    }
}
