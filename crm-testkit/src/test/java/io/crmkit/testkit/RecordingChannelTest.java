package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.messaging.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RecordingChannelTest {
    private final TestClock clock = TestClock.create();
    private final RecordingChannel sms = RecordingChannel.of(ChannelKind.SMS);
    private Crm crm;

    private Crm crm(RecordingChannel... channels) {
        var messaging = MessagingSettings.builder().retryPolicy(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
        for (RecordingChannel c : channels) {
            messaging.channel(c);
        }
        var builder = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(messaging.build());
        crm = builder.build();
        return crm;
    }

    @AfterEach
    void closeCrm() {
        if (crm != null) {
            crm.close();
        }
    }

    private Customer zhang() {
        return crm.customers().create(NewCustomer.person("张伟").phone("+86 138 0013 8000").email("zhang.wei@example.cn"));
    }

    private OutboxMessage message(MessageResult r) {
        return crm.messaging().get(r.messageId()).orElseThrow();
    }

    private Interaction interaction(MessageResult r) {
        return crm.interactions().get(r.interactionId()).orElseThrow();
    }

    /** Moves the clock past any retry wait of the policy above. */
    private void afterTheRetryWait() {
        clock.advance(Duration.ofMinutes(2));
    }

    private static OutboundMessage smsMessage(String text) {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), "key-" + text, "+8613800138000",
                new MessageContent.Sms(text));
    }

    // ---- through a CRM ----------------------------------------------------------------------------------

    @Test
    void recordsTheSmsTheCrmSendsAndTheCrmRecordsItsReceipt() {
        crm(sms);
        Customer c = zhang();

        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("您好 " + TestStrings.EMOJI + "，您的订单已发货"));
        assertThat(sms.attempts()).as("queued, not sent yet").isEmpty();
        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);

        assertThat(sms.sent()).hasSize(1);
        assertThat(sms.attempts()).isEqualTo(sms.sent());
        OutboundMessage sent = sms.sent().get(0);
        assertThat(sent.id()).isEqualTo(r.messageId());
        assertThat(sent.to()).isEqualTo(c.phones().get(0).value());
        assertThat(sent.content()).isEqualTo(new MessageContent.Sms("您好 " + TestStrings.EMOJI + "，您的订单已发货"));
        assertThat(message(r).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(message(r).providerMessageId()).contains("rec-1");
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(interaction(r).providerMessageId()).contains("rec-1");
        assertThat(crm.messaging().dispatchPending()).as("nothing left").isZero();
        assertThat(sms.attempts()).hasSize(1);
    }

    @Test
    void receiptsAreNumberedInTheOrderOfSuccessfulSends() {
        crm(sms);
        Customer c = zhang();
        MessageResult first = crm.messaging().send(MessageRequest.sms(c.id()).text("1"));
        crm.messaging().dispatchPending();
        MessageResult second = crm.messaging().send(MessageRequest.sms(c.id()).text("2"));
        crm.messaging().dispatchPending();

        assertThat(message(first).providerMessageId()).contains("rec-1");
        assertThat(message(second).providerMessageId()).contains("rec-2");
        assertThat(sms.sent()).extracting(m -> ((MessageContent.Sms) m.content()).text()).containsExactly("1", "2");
    }

    @Test
    void retryableFailuresAreRetriedUntilTheSendSucceeds() {
        crm(sms.failRetryably(2));
        Customer c = zhang();
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("retry me"));

        crm.messaging().dispatchPending();
        assertThat(sms.attempts()).hasSize(1);
        assertThat(sms.sent()).isEmpty();
        assertThat(message(r).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(message(r).attempts()).isEqualTo(1);
        assertThat(message(r).lastError()).hasValueSatisfying(e -> assertThat(e).contains("scripted transient failure"));
        assertThat(crm.messaging().dispatchPending()).as("not due before the retry wait").isZero();

        afterTheRetryWait();
        crm.messaging().dispatchPending();
        afterTheRetryWait();
        crm.messaging().dispatchPending();

        assertThat(sms.attempts()).hasSize(3).allSatisfy(m -> assertThat(m.id()).isEqualTo(r.messageId()));
        assertThat(sms.sent()).hasSize(1);
        assertThat(message(r).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(message(r).attempts()).isEqualTo(3);
        assertThat(message(r).providerMessageId()).contains("rec-1");
        assertThat(sms.attempts().get(0).idempotencyKey()).as("the same key on every attempt")
                .isEqualTo(sms.attempts().get(2).idempotencyKey());
    }

    @Test
    void tooManyRetryableFailuresDeadLetterTheMessage() {
        crm(sms.failRetryably(3));
        Customer c = zhang();
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("doomed"));

        for (int i = 0; i < 3; i++) {
            crm.messaging().dispatchPending();
            afterTheRetryWait();
        }

        assertThat(sms.attempts()).hasSize(3);
        assertThat(sms.sent()).isEmpty();
        assertThat(message(r).status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.DEAD);
        assertThat(crm.messaging().dispatchPending()).isZero();
    }

    @Test
    void permanentFailureIsNotRetried() {
        crm(sms.failPermanently(1));
        Customer c = zhang();
        MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("wrong number"));

        crm.messaging().dispatchPending();
        afterTheRetryWait();
        crm.messaging().dispatchPending();

        assertThat(sms.attempts()).hasSize(1);
        assertThat(sms.sent()).isEmpty();
        assertThat(message(r).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(message(r).lastError()).hasValueSatisfying(e -> assertThat(e).contains("scripted permanent failure"));
        assertThat(interaction(r).deliveryStatus()).contains(DeliveryStatus.FAILED);
    }

    @Test
    void scriptedFailuresApplyToTheNextAttemptsInOrderThenSendsSucceed() {
        crm(sms.failPermanently(1).failRetryably(1));
        Customer c = zhang();
        MessageResult a = crm.messaging().send(MessageRequest.sms(c.id()).text("a"));
        MessageResult b = crm.messaging().send(MessageRequest.sms(c.id()).text("b"));
        MessageResult d = crm.messaging().send(MessageRequest.sms(c.id()).text("c"));

        crm.messaging().dispatchPending();

        assertThat(message(a).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(message(b).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(message(b).attempts()).isEqualTo(1);
        assertThat(message(d).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(message(d).providerMessageId()).contains("rec-1");
        afterTheRetryWait();
        crm.messaging().dispatchPending();
        assertThat(message(b).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(message(b).providerMessageId()).contains("rec-2");
        assertThat(sms.attempts()).extracting(OutboundMessage::id)
                .containsExactly(a.messageId(), b.messageId(), d.messageId(), b.messageId());
    }

    @Test
    void channelsOfSeveralKindsWithTheirOwnPrefixesRecordOnlyTheirKind() {
        RecordingChannel email = RecordingChannel.of(ChannelKind.EMAIL, "mail-");
        crm(sms, email);
        Customer c = zhang();
        MessageResult text = crm.messaging().send(MessageRequest.sms(c.id()).text("sms"));
        MessageResult mail = crm.messaging().send(MessageRequest.email(c.id()).subject("发货通知").text("已发货"));

        crm.messaging().dispatchPending();

        assertThat(sms.sent()).extracting(OutboundMessage::id).containsExactly(text.messageId());
        assertThat(email.sent()).extracting(OutboundMessage::id).containsExactly(mail.messageId());
        assertThat(email.sent().get(0).to()).isEqualTo("zhang.wei@example.cn");
        assertThat(message(text).providerMessageId()).contains("rec-1");
        assertThat(message(mail).providerMessageId()).contains("mail-1");
    }

    @Test
    void closingTheCrmClosesTheChannel() {
        crm(sms);
        assertThat(sms.isClosed()).isFalse();

        crm.close();
        crm = null;

        assertThat(sms.isClosed()).isTrue();
        assertThatThrownBy(() -> sms.send(smsMessage("late"))).isInstanceOf(IllegalStateException.class);
        assertThat(sms.attempts()).isEmpty();
    }

    @Test
    void awaitSentWaitsForABackgroundDispatcher() throws InterruptedException {
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms)
                .backgroundDispatch(Duration.ofMillis(20)).build()).build();
        Customer c = zhang();

        crm.messaging().send(MessageRequest.sms(c.id()).text("in the background"));

        assertThat(sms.awaitSent(1, Duration.ofSeconds(30))).isTrue();
        assertThat(sms.sent()).hasSize(1);
        assertThat(sms.awaitSent(2, Duration.ofMillis(50))).as("a second message never comes").isFalse();
    }

    // ---- on its own -------------------------------------------------------------------------------------

    @Test
    void clearForgetsRecordsAndScriptButKeepsNumbering() {
        sms.send(smsMessage("a"));
        sms.failRetryably(5);
        assertThatThrownBy(() -> sms.send(smsMessage("b"))).isInstanceOf(DeliveryException.class);

        sms.clear();

        assertThat(sms.sent()).isEmpty();
        assertThat(sms.attempts()).isEmpty();
        DeliveryReceipt receipt = sms.send(smsMessage("c"));
        assertThat(receipt.providerMessageId()).as("no scripted failure left; numbering goes on").isEqualTo("rec-2");
        assertThat(sms.sent()).extracting(OutboundMessage::idempotencyKey).containsExactly("key-c");
    }

    @Test
    void scriptedExceptionsTellRetryableFromPermanent() {
        DeliveryException custom = new DeliveryException("429 slow down", true, Duration.ofSeconds(7), null);
        sms.failRetryably(1).failPermanently(1).failNext(1, custom);

        assertThatThrownBy(() -> sms.send(smsMessage("1"))).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> sms.send(smsMessage("2"))).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.isRetryable()).isFalse());
        assertThatThrownBy(() -> sms.send(smsMessage("3"))).isSameAs(custom);
        assertThat(sms.send(smsMessage("4")).providerMessageId()).isEqualTo("rec-1");
        assertThat(sms.attempts()).hasSize(4);
        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void rejectsMessagesOfAnotherKindAndBadScripts() {
        OutboundMessage email = new OutboundMessage(new MessageId(UUID.randomUUID()), "k", "a@example.com",
                new MessageContent.Email("s", "t", java.util.Optional.empty(), List.of(), java.util.Optional.empty()));

        assertThatThrownBy(() -> sms.send(email)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sms.failRetryably(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordingChannel.of(null)).isInstanceOf(NullPointerException.class);
        assertThat(sms.kind()).isEqualTo(ChannelKind.SMS);
        assertThat(sms.attempts()).isEmpty();
    }

    @Test
    void concurrentSendsAreAllRecordedWithDistinctReceiptsAndExactlyTheScriptedFailures() throws Exception {
        int threads = 8;
        int perThread = 200;
        int failures = 150;
        sms.failRetryably(failures);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<List<String>>) () -> {
                    if (!go.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no start signal");
                    }
                    List<String> receipts = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            receipts.add(sms.send(smsMessage(thread + "-" + i)).providerMessageId());
                        } catch (DeliveryException expected) {
                            assertThat(expected.isRetryable()).isTrue();
                        }
                    }
                    return receipts;
                }));
            }
            go.countDown();
            Set<String> receipts = new HashSet<>();
            int count = 0;
            for (Future<List<String>> f : futures) {
                List<String> mine = f.get(30, TimeUnit.SECONDS);
                count += mine.size();
                receipts.addAll(mine);
            }

            int total = threads * perThread;
            assertThat(sms.attempts()).hasSize(total);
            assertThat(sms.sent()).hasSize(total - failures);
            assertThat(count).isEqualTo(total - failures);
            assertThat(receipts).hasSize(total - failures).contains("rec-1", "rec-" + (total - failures));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
