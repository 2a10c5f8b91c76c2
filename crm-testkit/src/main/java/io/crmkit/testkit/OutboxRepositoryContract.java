package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.CrmStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static io.crmkit.testkit.StoredAssertions.assertSameMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.messaging.OutboxRepository}: exact round trips of every content kind
 * (attachments byte for byte), unique idempotency keys, lookup by provider id, the version rule of
 * {@code update}, lists by status in id order, and {@code claimDue}: only QUEUED messages that are due and
 * not leased, at most {@code limit}, oldest {@code nextAttemptAt} first then id, returned and stored with the
 * lease and the next version; and under concurrent claimers every message is claimed exactly once.
 *
 * <p>Adapters whose claims must also hold across storage instances (several JVMs on one database, such as
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}) implement {@link StorageFactory#openOnSameData(CrmStorage)}; the
 * concurrent claims then run through both instances.
 */
@Timeout(180)
public abstract class OutboxRepositoryContract extends StorageContractSupport {
    /** Messages the concurrent claim test starts from. */
    protected static final int CONCURRENT_MESSAGES = 300;
    /** Threads claiming at once. */
    protected static final int CLAIMERS = 8;
    private static final long WAIT_SECONDS = 90;

    private Customer customer;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected OutboxRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void aCustomer() {
        customer = data.person("收件人 " + TestStrings.EMOJI).build();
        write(r -> r.customers().insert(customer));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private OutboxMessageBuilder message(MessageContent content) {
        return data.outboxMessage(customer.id(), data.interactionId(), content);
    }

    private OutboxMessageBuilder sms(String text) {
        return message(new MessageContent.Sms(text));
    }

    /** The timeline entry a message points to, as the messaging service writes it. */
    private Interaction interactionOf(OutboxMessage m) {
        return data.interaction(m.customerId()).id(m.interactionId()).channel(m.kind().interactionChannel())
                .direction(Direction.OUTBOUND).deliveryStatus(m.status()).build();
    }

    /** Inserts each message with its interaction, in one unit of work. */
    private void insert(List<OutboxMessage> messages) {
        write(r -> messages.forEach(m -> {
            r.interactions().insert(interactionOf(m));
            r.outbox().insert(m);
        }));
    }

    private void insert(OutboxMessage... messages) {
        insert(List.of(messages));
    }

    private void update(OutboxMessage message) {
        write(r -> r.outbox().update(message));
    }

    private Optional<OutboxMessage> find(MessageId id) {
        return read(r -> r.outbox().findById(id));
    }

    private OutboxMessage stored(MessageId id) {
        return find(id).orElseThrow(() -> new AssertionError("message " + id + " is not stored"));
    }

    private Optional<OutboxMessage> byKey(String key) {
        return read(r -> r.outbox().findByIdempotencyKey(key));
    }

    private Optional<OutboxMessage> byProviderId(String providerId) {
        return read(r -> r.outbox().findByProviderMessageId(providerId));
    }

    private List<OutboxMessage> claim(Instant now, int limit, Instant leaseUntil) {
        return writeAndGet(r -> r.outbox().claimDue(now, limit, leaseUntil));
    }

    private static List<UUID> idsOf(List<OutboxMessage> messages) {
        return ids(messages, m -> m.id().value());
    }

    private static UUID id(OutboxMessage m) {
        return m.id().value();
    }

    /** Bytes 0 to 255 over and over: every byte value, more than fits a 64 kB BLOB. */
    private static byte[] everyByte(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static MessageContent.Email fullEmail() {
        return new MessageContent.Email("发货通知 " + TestStrings.EMOJI + " " + TestStrings.SQL_INJECTION,
                TestStrings.tenKilobytes(),
                Optional.of("<p>" + TestStrings.NASTY + "</p>" + TestStrings.text(10_000)),
                List.of(new Attachment("报价单 " + TestStrings.EMOJI + " 'v1'.pdf", "application/pdf", everyByte(200_000)),
                        new Attachment("empty.txt", "text/plain", new byte[0]),
                        new Attachment("数据_%\\.csv", "text/csv", TestStrings.CHINESE.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Optional.of("服务@例子.公司"));
    }

    // ---- round trips ------------------------------------------------------------------------------------

    @Test
    void everyContentKindReadsBackExactly() {
        List<OutboxMessage> all = List.of(
                message(fullEmail()).to("张三@例子.公司").build(),
                message(new MessageContent.Email("s", "t", Optional.empty(), List.of(), Optional.empty())).build(),
                sms(TestStrings.CHINESE + " " + TestStrings.EMOJI + " " + TestStrings.QUOTES_AND_CONTROLS).build(),
                sms(TestStrings.text(2_000)).build(),
                message(new MessageContent.Voice(Optional.of(TestStrings.NASTY), Optional.empty(),
                        Optional.of("https://example.com/cb?id=1&x=%20'"))).build(),
                message(new MessageContent.Voice(Optional.empty(), Optional.of("https://example.com/录音.mp3"),
                        Optional.empty())).build());
        insert(all);

        for (OutboxMessage m : all) {
            assertSameMessage(stored(m.id()), m);
        }
        MessageContent.Email back = (MessageContent.Email) stored(all.get(0).id()).message().content();
        assertThat(back.text()).hasSize(10_000);
        assertThat(back.attachments().get(0).content()).hasSize(200_000).isEqualTo(everyByte(200_000));
        assertThat(back.attachments().get(1).content()).isEmpty();
    }

    @Test
    void messageStateReadsBackWithOptionalFieldsPresentOrEmptyAndMicrosecondInstants() {
        OutboxMessage full = sms("x").status(DeliveryStatus.DEAD).attempts(Integer.MAX_VALUE)
                .nextAttemptAt(Instant.parse("2030-01-01T00:00:00.000001Z"))
                .leaseUntil(Instant.parse("2030-01-01T00:05:00.999999Z"))
                .lastError("SMTP 451 " + TestStrings.NASTY + " " + TestStrings.text(3_000))
                .providerMessageId("<20250303.123@mail.example.com>'%_\\")
                .createdAt(Instant.parse("1999-12-31T23:59:59.999999Z"))
                .updatedAt(Instant.parse("2041-06-15T12:30:45.123456Z"))
                .version(42)
                .idempotencyKey("订单-1 " + TestStrings.EMOJI + TestStrings.LIKE_METACHARACTERS)
                .build();
        OutboxMessage empty = sms("y").build();
        List<OutboxMessage> statuses = new ArrayList<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            statuses.add(sms(status.name()).status(status).build());
        }
        insert(full, empty);
        insert(statuses);

        assertSameMessage(stored(full.id()), full);
        OutboxMessage emptyBack = stored(empty.id());
        assertSameMessage(emptyBack, empty);
        assertThat(emptyBack.leaseUntil()).isEmpty();
        assertThat(emptyBack.lastError()).isEmpty();
        assertThat(emptyBack.providerMessageId()).isEmpty();
        for (OutboxMessage m : statuses) {
            assertSameMessage(stored(m.id()), m);
        }
    }

    @Test
    void largestAttachmentReadsBackByteForByte() {
        byte[] bytes = new byte[Attachment.MAX_BYTES];
        new Random(42).nextBytes(bytes);
        OutboxMessage m = message(new MessageContent.Email("大附件", "see attachment", Optional.empty(),
                List.of(new Attachment("archive.zip", "application/zip", bytes)), Optional.empty())).build();
        insert(m);

        MessageContent.Email back = (MessageContent.Email) stored(m.id()).message().content();
        assertThat(back.attachments()).hasSize(1);
        assertThat(back.attachments().get(0).content()).hasSize(Attachment.MAX_BYTES).isEqualTo(bytes);
    }

    @Test
    void findByIdOfUnknownMessageIsEmpty() {
        insert(sms("a").build());

        assertThat(find(data.messageId())).isEmpty();
    }

    // ---- idempotency keys ---------------------------------------------------------------------------------

    @Test
    void findByIdempotencyKeyMatchesExactly() {
        OutboxMessage upper = sms("1").idempotencyKey("ORDER-1").build();
        OutboxMessage lower = sms("2").idempotencyKey("order-1").build();
        OutboxMessage meta = sms("3").idempotencyKey("订单%_\\'").build();
        insert(upper, lower, meta);

        assertThat(byKey("ORDER-1")).map(OutboxMessage::id).contains(upper.id());
        assertThat(byKey("order-1")).map(OutboxMessage::id).contains(lower.id());
        assertThat(byKey("订单%_\\'")).map(OutboxMessage::id).contains(meta.id());
        assertThat(byKey("订单%")).isEmpty();
        assertThat(byKey("ORDER-")).isEmpty();
        assertThat(byKey("ORDER-2")).isEmpty();
    }

    @Test
    void insertWithTakenIdempotencyKeyConflictsAndStoresNothing() {
        OutboxMessage first = sms("first").idempotencyKey("k-1").build();
        insert(first);
        OutboxMessage again = message(fullEmail()).idempotencyKey("k-1").build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertThat(find(again.id())).isEmpty();
        assertThat(readOne(r -> r.interactions().findById(again.interactionId())))
                .as("the interaction written in the same unit of work").isEmpty();
        assertSameMessage(byKey("k-1").orElseThrow(), first);
    }

    @Test
    void idempotencyKeyIsTakenWhateverTheStatusOfItsMessage() {
        OutboxMessage dead = sms("dead").idempotencyKey("k-dead").status(DeliveryStatus.DEAD).build();
        insert(dead);

        assertThatThrownBy(() -> insert(sms("new").idempotencyKey("k-dead").build())).isInstanceOf(ConflictException.class);
        assertSameMessage(stored(dead.id()), dead);
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredMessage() {
        OutboxMessage first = sms("first").build();
        insert(first);
        OutboxMessage sameId = sms("second").id(first.id()).idempotencyKey("other-key").build();

        assertThatThrownBy(() -> insert(sameId)).isInstanceOf(ConflictException.class);
        assertSameMessage(stored(first.id()), first);
        assertThat(byKey("other-key")).isEmpty();
    }

    @Test
    void keyOfARolledBackInsertIsFreeAgain() {
        OutboxMessage rolledBack = sms("never").idempotencyKey("k-rb").build();
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(r -> {
            r.interactions().insert(interactionOf(rolledBack));
            r.outbox().insert(rolledBack);
            throw boom;
        })).isSameAs(boom);

        assertThat(find(rolledBack.id())).isEmpty();
        assertThat(byKey("k-rb")).isEmpty();
        OutboxMessage later = sms("later").idempotencyKey("k-rb").build();
        insert(later);
        assertSameMessage(byKey("k-rb").orElseThrow(), later);
    }

    // ---- provider ids -------------------------------------------------------------------------------------

    @Test
    void findByProviderMessageIdFindsTheMessageOnceSent() {
        OutboxMessage a = sms("a").build();
        OutboxMessage b = sms("b").build();
        OutboxMessage insertedSent = sms("c").status(DeliveryStatus.SENT).providerMessageId("SM-c").build();
        insert(a, b, insertedSent);
        assertThat(byProviderId("SM-a")).isEmpty();

        OutboxMessage aSent = a.sent("SM-a", data.now());
        OutboxMessage bSent = b.sent("<B-1@mail.example.com>", data.now());
        update(aSent);
        update(bSent);

        assertSameMessage(byProviderId("SM-a").orElseThrow(), aSent);
        assertSameMessage(byProviderId("<B-1@mail.example.com>").orElseThrow(), bSent);
        assertSameMessage(byProviderId("SM-c").orElseThrow(), insertedSent);
        assertThat(byProviderId("sm-a")).as("case-sensitive").isEmpty();
        assertThat(byProviderId("SM-")).isEmpty();
        assertThat(byProviderId("SM-%")).isEmpty();
    }

    @Test
    void severalMessagesMayCarryOneProviderIdAndTheNewestIsFound() {
        Instant t = data.now();
        OutboxMessage older = sms("older").status(DeliveryStatus.SENT).providerMessageId("1").createdAt(t.minusSeconds(60)).build();
        OutboxMessage newer = sms("newer").status(DeliveryStatus.SENT).providerMessageId("1").createdAt(t).build();
        OutboxMessage queued = sms("queued").createdAt(t.plusSeconds(30)).build();
        insert(newer, older, queued);
        assertSameMessage(byProviderId("1").orElseThrow(), newer);

        // a gateway that hands out an id again does not keep the message from being recorded as sent
        OutboxMessage sentLater = queued.sent("1", t.plusSeconds(31));
        update(sentLater);
        assertSameMessage(byProviderId("1").orElseThrow(), sentLater);
        assertSameMessage(find(older.id()).orElseThrow(), older);
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Test
    void updateReplacesTheStateThroughAMessagesLife() {
        OutboxMessage m = message(fullEmail()).build();
        insert(m);
        Instant t = data.now();

        OutboxMessage leased = m.leased(t.plus(Duration.ofMinutes(5)), t.plusNanos(1_000));
        update(leased);
        assertSameMessage(stored(m.id()), leased);

        OutboxMessage retrying = leased.failed("421 try later " + TestStrings.EMOJI, Optional.of(t.plusSeconds(30)),
                DeliveryStatus.DEAD, t.plusNanos(2_000));
        update(retrying);
        assertSameMessage(stored(m.id()), retrying);
        assertThat(stored(m.id()).leaseUntil()).isEmpty();

        OutboxMessage deferred = retrying.deferred(t.plus(Duration.ofHours(8)), t.plusNanos(3_000));
        update(deferred);
        assertSameMessage(stored(m.id()), deferred);

        OutboxMessage dead = deferred.failed("still down", Optional.empty(), DeliveryStatus.DEAD, t.plusNanos(4_000));
        update(dead);
        assertSameMessage(stored(m.id()), dead);

        OutboxMessage requeued = dead.requeued(t.plusNanos(5_000));
        update(requeued);
        assertSameMessage(stored(m.id()), requeued);

        OutboxMessage sent = requeued.leased(t.plusSeconds(60), t.plusNanos(6_000)).sent("SM-life", t.plusNanos(7_000));
        write(r -> {
            r.outbox().update(requeued.leased(t.plusSeconds(60), t.plusNanos(6_000)));
            r.outbox().update(sent);
        });
        assertSameMessage(stored(m.id()), sent);

        OutboxMessage delivered = sent.reported(DeliveryStatus.DELIVERED, Optional.of("handset 已送达"), t.plusNanos(8_000));
        update(delivered);
        assertSameMessage(stored(m.id()), delivered);
        assertThat(delivered.version()).isEqualTo(m.version() + 8);
        assertSameMessage(byKey(m.message().idempotencyKey()).orElseThrow(), delivered);
    }

    @Test
    void updateWithWrongVersionConflictsAndChangesNothing() {
        OutboxMessage m = sms("v").version(3).build();
        insert(m);
        OutboxMessage next = m.leased(data.now().plusSeconds(60), data.now());
        OutboxMessage sameVersion = new OutboxMessage(next.message(), next.customerId(), next.interactionId(), next.status(),
                next.attempts(), next.nextAttemptAt(), next.leaseUntil(), next.lastError(), next.providerMessageId(),
                next.createdAt(), next.updatedAt(), 3);
        OutboxMessage skipping = next.leased(data.now().plusSeconds(90), data.now());
        OutboxMessage backwards = new OutboxMessage(next.message(), next.customerId(), next.interactionId(),
                next.status(), next.attempts(), next.nextAttemptAt(), next.leaseUntil(), next.lastError(),
                next.providerMessageId(), next.createdAt(), next.updatedAt(), 2);

        assertThatThrownBy(() -> update(sameVersion)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> update(skipping)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> update(backwards)).isInstanceOf(ConflictException.class);
        assertSameMessage(stored(m.id()), m);

        update(next);
        assertSameMessage(stored(m.id()), next);
    }

    @Test
    void updateFromACopyWhoseLeaseWasTakenOverConflicts() {
        Instant t0 = data.now();
        insert(sms("a").nextAttemptAt(t0).build());
        OutboxMessage claimedByA = claim(t0, 10, t0.plusSeconds(30)).get(0);
        Instant t1 = t0.plusSeconds(31);
        OutboxMessage claimedByB = claim(t1, 10, t1.plusSeconds(30)).get(0);

        assertThatThrownBy(() -> update(claimedByA.sent("SM-A", t1))).isInstanceOf(ConflictException.class);
        assertSameMessage(stored(claimedByB.id()), claimedByB);
        update(claimedByB.sent("SM-B", t1));
        assertThat(stored(claimedByB.id()).providerMessageId()).contains("SM-B");
        assertThat(byProviderId("SM-A")).isEmpty();
    }

    @Test
    void updateOfUnknownMessageThrowsNotFoundAndStoresNothing() {
        OutboxMessage ghost = sms("ghost").version(2).build();

        assertThatThrownBy(() -> update(ghost)).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost.id())).isEmpty();
        assertThat(byKey(ghost.message().idempotencyKey())).isEmpty();
    }

    // ---- claimDue -----------------------------------------------------------------------------------------

    @Test
    void claimTakesQueuedMessagesDueNowOrEarlierOnly() {
        Instant now = data.now();
        Instant lease = now.plus(Duration.ofDays(10)); // outlasts the test: claimed ones stay claimed
        assertThat(claim(now, 10, lease)).as("claim from an empty outbox").isEmpty();
        OutboxMessage longAgo = sms("long ago").nextAttemptAt(now.minus(Duration.ofDays(400))).build();
        OutboxMessage atNow = sms("at now").nextAttemptAt(now).build();
        OutboxMessage microLater = sms("1 µs later").nextAttemptAt(now.plusNanos(1_000)).build();
        OutboxMessage tomorrow = sms("tomorrow").nextAttemptAt(now.plus(Duration.ofDays(1))).build();
        insert(tomorrow, microLater, atNow, longAgo);

        assertThat(idsOf(claim(now, 10, lease))).containsExactly(id(longAgo), id(atNow));
        assertThat(stored(microLater.id()).leaseUntil()).isEmpty();
        assertThat(stored(tomorrow.id()).leaseUntil()).isEmpty();

        assertThat(idsOf(claim(now.plusNanos(1_000), 10, lease))).containsExactly(id(microLater));
        assertThat(claim(now.plus(Duration.ofDays(1)).minusNanos(1_000), 10, lease)).isEmpty();
        assertThat(idsOf(claim(now.plus(Duration.ofDays(1)), 10, lease))).containsExactly(id(tomorrow));
    }

    @Test
    void claimSkipsMessagesWhileTheirLeaseRunsAndTakesThemWhenItIsOver() {
        Instant now = data.now();
        Instant lease = now.plus(Duration.ofMinutes(5));
        OutboxMessage leasedLonger = sms("leased").leaseUntil(now.plusNanos(1_000)).version(2).build();
        OutboxMessage leaseEndsNow = sms("ends now").leaseUntil(now).version(2).build();
        OutboxMessage leaseOver = sms("over").leaseUntil(now.minus(Duration.ofHours(1))).version(2).build();
        OutboxMessage free = sms("free").build();
        insert(leasedLonger, leaseEndsNow, leaseOver, free);

        List<OutboxMessage> claimed = claim(now, 10, lease);

        assertThat(idsOf(claimed)).containsExactlyInAnyOrder(id(leaseEndsNow), id(leaseOver), id(free));
        assertSameMessage(stored(leasedLonger.id()), leasedLonger);
        assertThat(claim(now, 10, lease)).as("all leased now").isEmpty();

        Instant beforeLeasesEnd = lease.minusNanos(1_000);
        List<OutboxMessage> longerOne = claim(beforeLeasesEnd, 10, beforeLeasesEnd.plusSeconds(60));
        assertThat(idsOf(longerOne)).as("only the lease that ended a microsecond after the first claim")
                .containsExactly(id(leasedLonger));
        assertSameMessage(longerOne.get(0), leasedLonger.leased(beforeLeasesEnd.plusSeconds(60), beforeLeasesEnd));

        List<OutboxMessage> again = claim(lease, 10, lease.plusSeconds(60));
        assertThat(idsOf(again)).as("claimed again when the first claim's lease is over")
                .containsExactlyInAnyOrder(id(leaseEndsNow), id(leaseOver), id(free));
        for (OutboxMessage m : again) {
            OutboxMessage before = claimed.stream().filter(c -> c.id().equals(m.id())).findFirst().orElseThrow();
            assertSameMessage(m, before.leased(lease.plusSeconds(60), lease));
        }
        assertThat(stored(free.id()).version()).as("claimed twice").isEqualTo(free.version() + 2);
    }

    @Test
    void claimNeverTakesMessagesInOtherStatuses() {
        Instant now = data.now();
        List<OutboxMessage> others = new ArrayList<>();
        for (DeliveryStatus status : EnumSet.complementOf(EnumSet.of(DeliveryStatus.QUEUED))) {
            others.add(sms(status.name()).status(status).nextAttemptAt(now.minusSeconds(60)).build());
            others.add(sms(status.name() + " expired lease").status(status).nextAttemptAt(now.minusSeconds(60))
                    .leaseUntil(now.minusSeconds(30)).build());
        }
        OutboxMessage queued = sms("queued").nextAttemptAt(now).build();
        insert(others);
        insert(queued);

        assertThat(idsOf(claim(now.plus(Duration.ofDays(1)), 100, now.plus(Duration.ofDays(2))))).containsExactly(id(queued));
        for (OutboxMessage m : others) {
            assertSameMessage(stored(m.id()), m);
        }
    }

    @Test
    void claimTakesAtMostLimitOldestFirstThenById() {
        Instant t = data.now().minus(Duration.ofHours(1));
        // made in this order, so ids ascend in this order; their nextAttemptAt disagree with it
        OutboxMessage m0 = sms("0").nextAttemptAt(t.plusSeconds(30)).build();
        OutboxMessage m1 = sms("1").nextAttemptAt(t.plusSeconds(10)).build();
        OutboxMessage m2 = sms("2").nextAttemptAt(t.plusSeconds(20)).build();
        OutboxMessage m3 = sms("3").nextAttemptAt(t.plusSeconds(10)).build();
        OutboxMessage m4 = sms("4").nextAttemptAt(t).build();
        OutboxMessage m5 = sms("5").nextAttemptAt(t.plusSeconds(10)).build();
        OutboxMessage m6 = sms("6").nextAttemptAt(t.plusNanos(1_000)).build();
        List<OutboxMessage> shuffled = new ArrayList<>(List.of(m0, m1, m2, m3, m4, m5, m6));
        Collections.shuffle(shuffled, new Random(5));
        insert(shuffled);
        Instant now = data.now();
        Instant lease = now.plusSeconds(300);

        assertThat(idsOf(claim(now, 2, lease))).containsExactly(id(m4), id(m6));
        assertThat(idsOf(claim(now, 3, lease))).containsExactly(id(m1), id(m3), id(m5));
        assertThat(idsOf(claim(now, 1, lease))).containsExactly(id(m2));
        assertThat(idsOf(claim(now, 5, lease))).containsExactly(id(m0));
        assertThat(claim(now, 5, lease)).isEmpty();
    }

    @Test
    void claimedMessagesCarryTheLeaseAndTheNextVersionAndAreStoredSo() {
        Instant now = data.now();
        Instant lease = now.plus(Duration.ofSeconds(90)).plusNanos(123_000);
        OutboxMessage email = message(fullEmail()).nextAttemptAt(now.minusSeconds(5)).build();
        OutboxMessage retried = sms("retry").attempts(2).lastError("timeout").version(5)
                .nextAttemptAt(now.minusSeconds(1)).leaseUntil(now.minusSeconds(2)).build();
        insert(email, retried);

        List<OutboxMessage> claimed = claim(now, 10, lease);

        assertThat(idsOf(claimed)).containsExactly(id(email), id(retried));
        assertSameMessage(claimed.get(0), email.leased(lease, now));
        assertSameMessage(claimed.get(1), retried.leased(lease, now));
        for (OutboxMessage c : claimed) {
            assertThat(c.leaseUntil()).contains(lease);
            assertSameMessage(stored(c.id()), c);
        }
        assertThat(claimed.get(1).version()).isEqualTo(6);
        assertThat(claimed.get(1).attempts()).as("a claim is not an attempt").isEqualTo(2);
    }

    @Test
    void claimInAFailedUnitOfWorkLeavesTheMessageUnleased() {
        Instant now = data.now();
        OutboxMessage m = sms("m").build();
        insert(m);
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(r -> {
            assertThat(r.outbox().claimDue(now, 10, now.plusSeconds(60))).hasSize(1);
            throw boom;
        })).isSameAs(boom);

        assertSameMessage(stored(m.id()), m);
        assertThat(idsOf(claim(now, 10, now.plusSeconds(60)))).containsExactly(id(m));
    }

    @Test
    void concurrentClaimersClaimEveryMessageExactlyOnce() throws Exception {
        Instant now = data.now();
        Instant lease = now.plus(Duration.ofMinutes(10));
        List<OutboxMessage> all = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_MESSAGES; i++) {
            all.add(sms("m" + i).nextAttemptAt(now.minusNanos(1_000L * (i % 17))).build());
        }
        insert(all);
        Optional<CrmStorage> second = openSecondStorageOnSameData();
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        try {
            if (second.isPresent()) {
                Optional<OutboxMessage> seen = second.get().read(r -> r.outbox().findById(all.get(0).id()));
                assertThat(seen)
                        .as("StorageFactory.openOnSameData must give a storage on the same data").isPresent();
            }
            AtomicInteger conflicts = new AtomicInteger();
            CountDownLatch ready = new CountDownLatch(CLAIMERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<OutboxMessage>>> futures = new ArrayList<>();
            for (int t = 0; t < CLAIMERS; t++) {
                CrmStorage on = second.isPresent() && t % 2 == 1 ? second.get() : storage;
                int limit = 3 + t % 5;
                futures.add(pool.submit((Callable<List<OutboxMessage>>) () -> {
                    ready.countDown();
                    if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start signal never came");
                    }
                    List<OutboxMessage> mine = new ArrayList<>();
                    for (int round = 0; ; round++) {
                        if (round > 10_000) {
                            throw new IllegalStateException("no end after 10000 claims");
                        }
                        List<OutboxMessage> batch;
                        try {
                            batch = on.inTransaction(r -> r.outbox().claimDue(now, limit, lease));
                        } catch (ConflictException lostRace) {
                            conflicts.incrementAndGet(); // allowed: the claim wrote nothing; claim again
                            continue;
                        }
                        if (batch.isEmpty()) {
                            return mine;
                        }
                        assertThat(batch).as("a batch holds at most the limit").hasSizeLessThanOrEqualTo(limit);
                        mine.addAll(batch);
                    }
                }));
            }
            assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all claimers ready").isTrue();
            go.countDown();
            List<OutboxMessage> claimed = new ArrayList<>();
            for (Future<List<OutboxMessage>> f : futures) {
                try {
                    claimed.addAll(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a claimer failed: " + e.getCause(), e.getCause());
                }
            }

            List<UUID> claimedIds = idsOf(claimed);
            Set<UUID> distinct = new HashSet<>(claimedIds);
            assertThat(claimedIds.size() - distinct.size()).as("messages claimed more than once (%d conflicts retried)",
                    conflicts.get()).isZero();
            assertThat(distinct).as("every message claimed").containsExactlyInAnyOrderElementsOf(idsOf(all));
            for (OutboxMessage c : claimed) {
                assertThat(c.version()).as("version of claimed %s", c.id()).isEqualTo(2);
                assertThat(c.leaseUntil()).contains(lease);
            }
            List<OutboxMessage> after = readList(r -> {
                List<OutboxMessage> found = new ArrayList<>();
                all.forEach(m -> found.add(r.outbox().findById(m.id()).orElseThrow()));
                return found;
            });
            assertThat(after).allSatisfy(m -> {
                assertThat(m.version()).as("stored version of %s: claimed once", m.id()).isEqualTo(2);
                assertThat(m.leaseUntil()).contains(lease);
            });
            assertThat(claim(now, CONCURRENT_MESSAGES, lease)).as("nothing left to claim").isEmpty();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("claimers stopped").isTrue();
            second.ifPresent(CrmStorage::close);
        }
    }

    // ---- byStatus -----------------------------------------------------------------------------------------

    @Test
    void byStatusListsOnlyThatStatusInIdOrderInPages() {
        List<OutboxMessage> all = new ArrayList<>();
        List<DeliveryStatus> cycle = List.of(DeliveryStatus.DEAD, DeliveryStatus.QUEUED, DeliveryStatus.SENT,
                DeliveryStatus.DEAD, DeliveryStatus.FAILED, DeliveryStatus.DELIVERED);
        for (int i = 0; i < 30; i++) {
            all.add(sms("m" + i).status(cycle.get(i % cycle.size())).build());
        }
        List<OutboxMessage> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(23));
        insert(shuffled);

        for (DeliveryStatus status : DeliveryStatus.values()) {
            List<UUID> expected = idsOf(all.stream().filter(m -> m.status() == status).toList());
            for (int limit : PAGE_LIMITS) {
                List<OutboxMessage> paged = readAllPages(limit, (r, p) -> r.outbox().byStatus(status, AccessScope.everything(), p));
                assertThat(idsOf(paged)).as("%s, limit %d", status, limit).containsExactlyElementsOf(expected);
            }
        }
        Page<OutboxMessage> refused = read(r -> r.outbox().byStatus(DeliveryStatus.REFUSED, AccessScope.everything(), PageRequest.first(5)));
        assertThat(refused.items()).isEmpty();
        assertThat(refused.hasNext()).isFalse();
    }

    @Test
    void byStatusFollowsUpdates() {
        OutboxMessage a = sms("a").status(DeliveryStatus.DEAD).build();
        OutboxMessage b = sms("b").status(DeliveryStatus.DEAD).build();
        insert(a, b);

        OutboxMessage requeued = a.requeued(data.now());
        update(requeued);

        assertThat(idsOf(read(r -> r.outbox().byStatus(DeliveryStatus.DEAD, AccessScope.everything(), PageRequest.first(10))).items()))
                .containsExactly(id(b));
        List<OutboxMessage> queued = read(r -> r.outbox().byStatus(DeliveryStatus.QUEUED, AccessScope.everything(), PageRequest.first(10))).items();
        assertThat(queued).hasSize(1);
        assertSameMessage(queued.get(0), requeued);
    }
}
