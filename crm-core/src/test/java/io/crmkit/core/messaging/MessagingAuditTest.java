package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.Pages;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A send creates the message's entry; the dispatcher's results are the system's; retries and reports the caller's. */
class MessagingAuditTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z");
    private final FakeChannel email = new FakeChannel(ChannelKind.EMAIL);
    private final Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
            .messaging(MessagingSettings.builder().channel(email)
                    .retryPolicy(new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofMinutes(5))).build())
            .build();

    @AfterEach
    void close() {
        crm.close();
    }

    private List<AuditEntry> history(MessageId id) {
        return Pages.all(p -> crm.audit().history(RecordKind.MESSAGE, id.value(), p));
    }

    private static Optional<String> after(AuditEntry e, String field) {
        return e.change(field).flatMap(FieldChange::newValue);
    }

    @Test
    void sendDispatchRetryAndReportAreRecorded() {
        Customer c = crm.customers().create(NewCustomer.person("张伟").email("zhang.wei@example.cn"));
        email.thenFail(DeliveryException.retryable("mailbox busy", null));
        var alice = crm.as(Actor.user("alice")).messaging();

        MessageResult sent = alice.send(MessageRequest.email(c.id()).subject("您好 😀").text("正文"));
        crm.messaging().dispatchPending();
        OutboxMessage dead = crm.messaging().get(sent.messageId()).orElseThrow();
        alice.retry(sent.messageId());
        crm.messaging().dispatchPending();
        String provider = crm.messaging().get(sent.messageId()).orElseThrow().providerMessageId().orElseThrow();
        crm.as(Actor.user("webhook")).messaging().reportDelivery(provider, DeliveryStatus.DELIVERED, null);

        List<AuditEntry> entries = history(sent.messageId());
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.TRANSITION,
                AuditAction.TRANSITION, AuditAction.TRANSITION, AuditAction.TRANSITION);
        assertThat(entries).extracting(AuditEntry::source).containsExactly(AuditSource.API, AuditSource.SYSTEM,
                AuditSource.API, AuditSource.SYSTEM, AuditSource.API);
        assertThat(entries).extracting(e -> e.actor().id()).containsExactly("alice", "system", "alice", "system", "webhook");
        assertThat(entries).extracting(e -> after(e, "status").orElse("-"))
                .containsExactly("QUEUED", "DEAD", "QUEUED", "SENT", "DELIVERED");
        AuditEntry created = entries.get(0);
        assertThat(after(created, "to")).contains("zhang.wei@example.cn");
        assertThat(after(created, "subject")).contains("您好 😀");
        assertThat(after(created, "interactionId")).contains(sent.interactionId().toString());
        assertThat(after(entries.get(1), "lastError")).contains("mailbox busy");
        assertThat(after(entries.get(3), "providerMessageId")).contains(provider);
        assertThat(Pages.all(p -> crm.audit().byActor(UserRef.of("system"), clock.instant().minusSeconds(60),
                clock.instant().plusSeconds(60), p))).extracting(AuditEntry::source)
                .containsExactlyInAnyOrder(AuditSource.API, AuditSource.SYSTEM, AuditSource.SYSTEM); // the customer, the dispatcher
        assertThat(crm.audit().verify().ok()).isTrue();
    }
}
