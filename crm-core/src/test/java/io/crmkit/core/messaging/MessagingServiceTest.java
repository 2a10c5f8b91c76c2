package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagingServiceTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
    private final FakeChannel email = new FakeChannel(ChannelKind.EMAIL);
    private final FakeChannel sms = new FakeChannel(ChannelKind.SMS);
    private final FakeChannel voice = new FakeChannel(ChannelKind.VOICE);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private Crm crm;

    private Crm crm(UnaryOperator<MessagingSettings.Builder> config) {
        MessagingSettings messaging = config.apply(MessagingSettings.builder().channel(email).channel(sms).channel(voice)
                .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5)))).build();
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).listener(events::add).messaging(messaging).build();
        return crm;
    }

    private Crm crm() {
        return crm(b -> b);
    }

    @AfterEach
    void close() {
        if (crm != null) {
            crm.close();
        }
    }

    private Customer zhang() {
        return crm.customers().create(NewCustomer.person("张伟").email("zhang.wei@example.cn").phone("13800138000")
                .timeZone(ZoneId.of("Asia/Shanghai")));
    }

    private Interaction interaction(MessageResult r) {
        return crm.interactions().get(r.interactionId()).orElseThrow();
    }

    @Test
    void emailIsQueuedOnTheTimelineThenSentAndMarked() {
        crm();
        Customer c = zhang();
        MessageResult r = crm.as(Actor.user("wang.fang")).messaging().send(MessageRequest.email(c.id())
                .subject("发货通知 📦").text("您的订单已发货").html("<p>您的订单已发货</p>").replyTo("service@example.cn"));

        assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
        Interaction queued = interaction(r);
        assertThat(queued.channel()).isEqualTo(InteractionChannel.EMAIL);
        assertThat(queued.subject()).contains("发货通知 📦");
        assertThat(queued.author()).isEqualTo(UserRef.of("wang.fang"));
        assertThat(queued.deliveryStatus()).contains(DeliveryStatus.QUEUED);
        assertThat(queued.links()).containsExactly(new RecordLink(RecordLink.Type.MESSAGE, r.messageId().value()));
        assertThat(email.attempts).isEmpty();

        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);

        assertThat(email.delivered).hasSize(1);
        OutboundMessage sent = email.delivered.get(0);
        assertThat(sent.to()).isEqualTo("zhang.wei@example.cn");
        assertThat(sent.idempotencyKey()).isEqualTo(r.messageId().toString());
        MessageContent.Email content = (MessageContent.Email) sent.content();
        assertThat(content.subject()).isEqualTo("发货通知 📦");
        assertThat(content.html()).contains("<p>您的订单已发货</p>");
        assertThat(content.replyTo()).contains("service@example.cn");
        Interaction after = interaction(r);
        assertThat(after.deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(after.providerMessageId()).contains("EMAIL-1");
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(crm.messaging().dispatchPending()).isZero();
        assertThat(events).filteredOn(e -> e instanceof MessageEvent.StatusChanged)
                .extracting(e -> ((MessageEvent.StatusChanged) e).status())
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SENT);
    }

    @Test
    void templatesFillVariablesAndEscapeThemOnlyInHtml() {
        crm();
        Customer c = crm.customers().create(NewCustomer.person("O'Brien <Tom>").email("tom@example.com"));
        crm.messaging().send(MessageRequest.email(c.id())
                .template(MessageTemplate.email("Hi {{name}}", "Order {{ order }} for {{name}}", "<b>{{name}}</b> {{order}}"))
                .variable("order", "A&B-1"));
        crm.messaging().dispatchPending();

        MessageContent.Email content = (MessageContent.Email) email.delivered.get(0).content();
        assertThat(content.subject()).isEqualTo("Hi O'Brien <Tom>");
        assertThat(content.text()).isEqualTo("Order A&B-1 for O'Brien <Tom>");
        assertThat(content.html()).contains("<b>O&#39;Brien &lt;Tom&gt;</b> A&amp;B-1");
    }

    @Test
    void aMissingTemplateVariableIsRejectedAndNothingIsStored() {
        crm();
        Customer c = zhang();
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.sms(c.id())
                .template(MessageTemplate.text("{{name}}您好，验证码 {{code}}，{{expires}} 分钟内有效"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(ValidationException.Violation::field, ValidationException.Violation::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("variables.code", "missing"),
                                org.assertj.core.groups.Tuple.tuple("variables.expires", "missing")));
        assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void optedOutCustomersAreRefusedWithTheReasonRecorded() {
        crm();
        Customer c = crm.customers().create(NewCustomer.person("李娜").phone("13900001111")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, "replied TD"));
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("双十一大促"));

        assertThat(r.refused()).isTrue();
        assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("opted out of SMS").contains("replied TD"));
        Interaction refused = interaction(r);
        assertThat(refused.deliveryStatus()).contains(DeliveryStatus.REFUSED);
        assertThat(refused.outcome()).hasValueSatisfying(o -> assertThat(o).startsWith("refused: customer opted out"));
        crm.messaging().dispatchPending();
        assertThat(sms.attempts).isEmpty();
        assertThat(crm.messaging().withStatus(DeliveryStatus.REFUSED, PageRequest.first(10)).items()).hasSize(1);
        // email was not refused: consent is per channel
        Customer withEmail = crm.customers().update(c.edit().email("li.na@example.cn"));
        assertThat(crm.messaging().send(MessageRequest.email(withEmail.id()).subject("s").text("t")).status())
                .isEqualTo(DeliveryStatus.QUEUED);
    }

    @Test
    void quietHoursDeferInTheCustomersTimeZoneAndNeverDrop() {
        crm(b -> b.quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)), ChannelKind.SMS, ChannelKind.VOICE));
        Customer c = zhang();
        clock.set(Instant.parse("2026-03-02T14:30:00Z")); // 22:30 in Shanghai
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("明天上午九点上门服务"));
        MessageResult mail = crm.messaging().send(MessageRequest.email(c.id()).subject("s").text("email has no quiet hours"));

        assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(r.notBefore()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z")); // 08:00 in Shanghai
        assertThat(mail.notBefore()).isEqualTo(clock.instant());
        crm.messaging().dispatchPending();
        assertThat(sms.attempts).isEmpty();
        assertThat(email.delivered).hasSize(1);

        clock.set(Instant.parse("2026-03-02T23:59:59Z"));
        crm.messaging().dispatchPending();
        assertThat(sms.attempts).isEmpty();
        clock.set(Instant.parse("2026-03-03T00:00:00Z"));
        crm.messaging().dispatchPending();
        assertThat(sms.delivered).extracting(OutboundMessage::to).containsExactly("+8613800138000");
    }

    @Test
    void aRetryThatWouldFallIntoQuietHoursWaitsForTheirEnd() {
        crm(b -> b.quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)), ChannelKind.SMS)
                .retryPolicy(new RetryPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(10))));
        Customer c = zhang();
        clock.set(Instant.parse("2026-03-02T12:55:00Z")); // 20:55 in Shanghai
        sms.thenFail(DeliveryException.retryable("gateway busy", null));
        email.thenFail(DeliveryException.retryable("server busy", null));
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("您的快递已到"));
        MessageResult mail = crm.messaging().send(MessageRequest.email(c.id()).subject("s").text("email has no quiet hours"));
        crm.messaging().dispatchPending();

        // the backoff (about 10 minutes) would retry at about 21:05, inside quiet hours: 08:00 instead
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().nextAttemptAt()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(crm.messaging().get(mail.messageId()).orElseThrow().nextAttemptAt()).isBefore(Instant.parse("2026-03-02T13:10:00Z"));
        clock.set(Instant.parse("2026-03-02T15:00:00Z")); // 23:00
        crm.messaging().dispatchPending();
        assertThat(sms.attempts).hasSize(1);
        clock.set(Instant.parse("2026-03-03T00:00:00Z"));
        crm.messaging().dispatchPending();
        assertThat(sms.delivered).hasSize(1);
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndTheSameIdempotencyKey() {
        crm();
        Customer c = zhang();
        sms.thenFail(DeliveryException.retryable("gateway 503", null), DeliveryException.retryable("timeout", null));
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("您好"));

        crm.messaging().dispatchPending();
        OutboxMessage afterFirst = crm.messaging().get(r.messageId()).orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.lastError()).contains("gateway 503");
        // first wait: 10 s with jitter between half and all of it
        assertThat(Duration.between(clock.instant(), afterFirst.nextAttemptAt())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.QUEUED);

        crm.messaging().dispatchPending(); // not due yet
        assertThat(sms.attempts).hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        crm.messaging().dispatchPending();
        OutboxMessage afterSecond = crm.messaging().get(r.messageId()).orElseThrow();
        assertThat(Duration.between(clock.instant(), afterSecond.nextAttemptAt())).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        crm.messaging().dispatchPending();

        assertThat(sms.attempts).hasSize(3).extracting(OutboundMessage::idempotencyKey).containsOnly(r.messageId().toString());
        OutboxMessage done = crm.messaging().get(r.messageId()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.SENT);
    }

    @Test
    void retryAfterFromTheProviderIsHonouredWhenLongerThanTheBackoff() {
        crm();
        Customer c = zhang();
        sms.thenFail(new DeliveryException("429 too many requests", true, Duration.ofMinutes(2), null));
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("hi"));
        crm.messaging().dispatchPending();
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().nextAttemptAt())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
    }

    @Test
    void permanentFailuresAreNotRetried() {
        crm();
        Customer c = zhang();
        email.thenFail(DeliveryException.permanent("550 mailbox unavailable", null));
        MessageResult r = crm.messaging().send(MessageRequest.email(c.id()).subject("s").text("t"));
        crm.messaging().dispatchPending();
        clock.advance(Duration.ofHours(1));
        crm.messaging().dispatchPending();

        assertThat(email.attempts).hasSize(1);
        OutboxMessage failed = crm.messaging().get(r.messageId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).contains("550 mailbox unavailable");
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.FAILED);
    }

    @Test
    void exhaustedRetriesAreDeadLetteredListedAndCanBeRetried() {
        crm();
        Customer c = zhang();
        DeliveryException down = DeliveryException.retryable("connection refused", null);
        voice.thenFail(down, down, down);
        MessageResult r = crm.messaging().send(MessageRequest.voice(c.id()).script("您好，您的快递已到"));
        for (int i = 0; i < 5; i++) {
            crm.messaging().dispatchPending();
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(voice.attempts).hasSize(3);
        assertThat(crm.messaging().dead(PageRequest.first(10)).items()).extracting(OutboxMessage::id).containsExactly(r.messageId());
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.DEAD);

        crm.messaging().retry(r.messageId());
        crm.messaging().dispatchPending();
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(crm.messaging().dead(PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> crm.messaging().retry(r.messageId())).isInstanceOf(ValidationException.class);
    }

    @Test
    void aHostIdempotencyKeyQueuesTheMessageOnce() {
        crm();
        Customer c = zhang();
        MessageResult first = crm.messaging().send(MessageRequest.sms(c.id()).text("code 1234").idempotencyKey("otp-778"));
        MessageResult second = crm.messaging().send(MessageRequest.sms(c.id()).text("code 1234").idempotencyKey("otp-778"));
        assertThat(second.messageId()).isEqualTo(first.messageId());
        crm.messaging().dispatchPending();
        assertThat(sms.delivered).extracting(OutboundMessage::idempotencyKey).containsExactly("otp-778");
        assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void idempotencyKeysMustFitInAHeader() {
        crm();
        Customer c = zhang();
        for (String bad : new String[] {"订单-1", "has space", "tab\tkey", "x".repeat(201)}) {
            assertThatThrownBy(() -> crm.messaging().send(MessageRequest.sms(c.id()).text("t").idempotencyKey(bad)))
                    .as(bad).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("idempotencyKey")).isTrue());
        }
        assertThat(crm.messaging().send(MessageRequest.sms(c.id()).text("t").idempotencyKey("order-1:sms/2026")).status())
                .isEqualTo(DeliveryStatus.QUEUED);
        assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void theRateLimitDefersWhatExceedsItToTheNextWindow() {
        crm(b -> b.rateLimit(ChannelKind.SMS, 2, Duration.ofMinutes(1)));
        Customer c = zhang();
        clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        for (int i = 0; i < 5; i++) {
            crm.messaging().send(MessageRequest.sms(c.id()).text("msg " + i));
        }
        assertThat(crm.messaging().dispatchPending()).isEqualTo(2);
        assertThat(crm.messaging().dispatchPending()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(crm.messaging().dispatchPending()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
        assertThat(sms.delivered).extracting(m -> ((MessageContent.Sms) m.content()).text())
                .containsExactlyInAnyOrder("msg 0", "msg 1", "msg 2", "msg 3", "msg 4");
    }

    @Test
    void deliveryReportsUpdateTheTimeline() {
        crm();
        Customer c = zhang();
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("hi"));
        crm.messaging().dispatchPending();
        String providerId = crm.messaging().get(r.messageId()).orElseThrow().providerMessageId().orElseThrow();

        assertThat(crm.messaging().reportDelivery(providerId, DeliveryStatus.DELIVERED, "handset ack")).isPresent();
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.DELIVERED);
        assertThat(crm.messaging().reportDelivery("unknown-id", DeliveryStatus.DELIVERED, null)).isEmpty();
        assertThatThrownBy(() -> crm.messaging().reportDelivery(providerId, DeliveryStatus.QUEUED, null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void requestsAreValidatedBeforeAnythingIsWritten() {
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms).build()).build();
        Customer noContact = crm.customers().create(NewCustomer.person("无联系方式"));
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.email(noContact.id()).subject("s").text("t")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("kind")).isTrue());
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.sms(noContact.id()).text("t")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("to")).isTrue());
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.sms(noContact.id()).to("not a number").text(" ")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(ValidationException.Violation::field).contains("to", "text"));
        assertThat(crm.interactions().timeline(noContact.id(), TimelineQuery.all(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void anEmailWhoseTextIsBlankIsRejectedAndNothingIsStored() {
        crm();
        Customer c = zhang();
        for (String blank : List.of(" ", "\n\t ")) {
            assertThatThrownBy(() -> crm.messaging().send(MessageRequest.email(c.id()).subject("s").text(blank)))
                    .as("text %s", blank.codePoints().boxed().toList())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(ValidationException.Violation::field, ValidationException.Violation::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "required")));
        }
        // a template whose text renders blank is rejected the same way
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.email(c.id())
                .template(MessageTemplate.email("s", "{{note}}")).variable("note", " ")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("text")).isTrue());
        assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.messaging().dispatchPending()).isZero();
    }

    @Test
    void emailsCarryAttachmentsAndVoiceCallsAScriptOrAudio() {
        crm();
        Customer c = zhang();
        byte[] pdf = "%PDF-1.4 报价单".getBytes(StandardCharsets.UTF_8);
        crm.messaging().send(MessageRequest.email(c.id()).subject("报价单").text("见附件")
                .attach(new Attachment("报价单.pdf", "application/pdf", pdf)));
        crm.messaging().send(MessageRequest.voice(c.id()).audioUrl("https://cdn.example.cn/notice.mp3")
                .statusCallback("https://host.example.cn/calls"));
        assertThatThrownBy(() -> crm.messaging().send(MessageRequest.voice(c.id()).script("x").audioUrl("https://a/b.mp3")))
                .isInstanceOf(ValidationException.class);
        crm.messaging().dispatchPending();

        MessageContent.Email mail = (MessageContent.Email) email.delivered.get(0).content();
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("报价单.pdf");
            assertThat(a.content()).isEqualTo(pdf);
        });
        MessageContent.Voice call = (MessageContent.Voice) voice.delivered.get(0).content();
        assertThat(call.audioUrl()).contains("https://cdn.example.cn/notice.mp3");
        assertThat(call.script()).isEmpty();
        assertThat(call.statusCallbackUrl()).contains("https://host.example.cn/calls");
    }
}
