package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.notification.Inbox;
import io.crmkit.core.notification.InboxEntry;
import io.crmkit.core.notification.Notice;
import io.crmkit.core.notification.NoticeId;
import io.crmkit.core.notification.NoticeKind;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.PushChannel;
import io.crmkit.core.notification.PushStatus;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.notification.NotificationRepository}: exact round trips of notices (Unicode and
 * SQL metacharacters in ids), the inbox of a user and their departments newest first across keyset pages, without the
 * notices its user caused, read state per reader (mark one, mark all up to a time, count unread), preferences replaced
 * whole, and the push queue: claims by due time under a lease, never the same push twice, versioned updates.
 */
public abstract class NotificationRepositoryContract extends StorageContractSupport {
    private static final UserRef WANG = UserRef.of("王五 '; DROP TABLE notices; --");
    private static final UserRef LI = UserRef.of("li.si");
    private static final DepartmentRef SALES = DepartmentRef.of("销售部 😀 %_");
    private static final DepartmentRef SUPPORT = DepartmentRef.of("support");
    /** The order of the inbox: newest first, then the greater id first. */
    protected static final Comparator<Notice> NEWEST_FIRST = Comparator.comparing(Notice::at)
            .thenComparing(n -> n.id().value()).reversed();

    protected NotificationRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private Notice notice(Grantee to, UserRef actor, Instant at) {
        return new Notice(new NoticeId(data.uuid()), NoticeKind.TASK_ASSIGNED, to, RecordKind.TASK, data.uuid(), actor, at);
    }

    private void insert(Notice... notices) {
        write(r -> {
            for (Notice n : notices) {
                r.notifications().insert(n);
            }
        });
    }

    private List<Notice> inbox(Inbox inbox, boolean unreadOnly, int limit) {
        return readAllPages(limit, (r, p) -> r.notifications().inbox(inbox, unreadOnly, p)).stream()
                .map(InboxEntry::notice).toList();
    }

    @Test
    void noticesRoundTripExactly() {
        Notice toUser = new Notice(new NoticeId(data.uuid()), NoticeKind.MENTIONED, WANG, RecordKind.TASK, data.uuid(),
                UserRef.of("赵六 😀"), data.now());
        Notice toDepartment = new Notice(new NoticeId(data.uuid()), NoticeKind.DOCUMENT_SHARED, SALES, RecordKind.DOCUMENT,
                data.uuid(), LI, data.now().plusMillis(1));
        insert(toUser, toDepartment);
        assertThat(readOne(r -> r.notifications().findById(toUser.id()))).contains(toUser);
        assertThat(readOne(r -> r.notifications().findById(toDepartment.id()))).contains(toDepartment);
        assertThat(readOne(r -> r.notifications().findById(new NoticeId(data.uuid())))).isEmpty();
        assertThatThrownBy(() -> insert(toUser)).isInstanceOf(ConflictException.class);
    }

    @Test
    void theInboxHoldsTheUsersAndTheirDepartmentsNoticesNewestFirstOnEveryPageSize() {
        Inbox wang = new Inbox(WANG, Set.of(SALES, SUPPORT));
        List<Notice> expected = new ArrayList<>();
        Instant t = data.now();
        for (int i = 0; i < 12; i++) {
            Grantee to = i % 3 == 0 ? WANG : i % 3 == 1 ? SALES : SUPPORT;
            Notice n = notice(to, LI, i % 4 == 0 ? t : t.plusSeconds(i)); // some share a time
            expected.add(n);
        }
        insert(expected.toArray(Notice[]::new));
        insert(notice(LI, WANG, t), notice(DepartmentRef.of("other"), LI, t), notice(WANG, WANG, t.plusSeconds(99)),
                notice(SALES, WANG, t.plusSeconds(98)));

        for (int limit : PAGE_LIMITS) {
            assertThat(inbox(wang, false, limit)).as("limit %d", limit).containsExactlyElementsOf(sorted(expected, NEWEST_FIRST));
        }
        assertThat(inbox(new Inbox(WANG, Set.of()), false, 100)).extracting(Notice::recipient).containsOnly(WANG).hasSize(4);
        assertThat((long) read(r -> r.notifications().countUnread(wang))).isEqualTo(12);
    }

    @Test
    void readStateIsPerReader() {
        Notice dept = notice(SALES, LI, data.now());
        Notice own = notice(WANG, LI, data.now().plusSeconds(1));
        insert(dept, own);
        Inbox wang = new Inbox(WANG, Set.of(SALES));
        Inbox zhao = new Inbox(UserRef.of("zhao"), Set.of(SALES));
        Instant at = data.now().plusSeconds(5);

        assertThat((boolean) writeAndGet(r -> r.notifications().markRead(dept.id(), WANG, at))).isTrue();
        assertThat((boolean) writeAndGet(r -> r.notifications().markRead(dept.id(), WANG, at.plusSeconds(1)))).isFalse();
        assertThat(readOne(r -> r.notifications().readAt(dept.id(), WANG))).contains(at);
        assertThat(readOne(r -> r.notifications().readAt(dept.id(), zhao.user()))).isEmpty();
        assertThat(inbox(wang, true, 10)).containsExactly(own);
        assertThat(inbox(zhao, true, 10)).containsExactly(dept);
        assertThat(read(r -> r.notifications().inbox(wang, false, io.crmkit.core.PageRequest.first(10))).items())
                .extracting(InboxEntry::readAt).containsExactly(Optional.empty(), Optional.of(at));
        assertThatThrownBy(() -> write(r -> r.notifications().markRead(new NoticeId(data.uuid()), WANG, at)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void markAllReadMarksTheUnreadUpToATimeAndCountsThem() {
        Notice a = notice(WANG, LI, data.now());
        Notice b = notice(SALES, LI, data.now().plusSeconds(1));
        Notice later = notice(WANG, LI, data.now().plusSeconds(10));
        Notice others = notice(UserRef.of("zhao"), LI, data.now());
        insert(a, b, later, others);
        Inbox wang = new Inbox(WANG, Set.of(SALES));
        write(r -> r.notifications().markRead(a.id(), WANG, data.now()));

        Instant at = data.now().plusSeconds(5);
        assertThat((int) writeAndGet(r -> r.notifications().markAllRead(wang, data.now().plusSeconds(1), at))).isEqualTo(1);
        assertThat(readOne(r -> r.notifications().readAt(b.id(), WANG))).contains(at);
        assertThat(readOne(r -> r.notifications().readAt(a.id(), WANG))).contains(data.now());
        assertThat((long) read(r -> r.notifications().countUnread(wang))).isEqualTo(1);
        assertThat(inbox(wang, true, 10)).containsExactly(later);
        assertThat((long) read(r -> r.notifications().countUnread(new Inbox(UserRef.of("zhao"), Set.of())))).isEqualTo(1);
    }

    @Test
    void preferencesAreReplacedWhole() {
        NotificationPreferences full = NotificationPreferences.none(WANG).withEmail(EmailAddress.of("王@例子.公司"))
                .withPhone(PhoneNumber.parse("+86 138 0013 8000", "CN")).withZone(ZoneId.of("Asia/Shanghai"))
                .withPush(NoticeKind.TASK_ASSIGNED, PushChannel.SMS, PushChannel.EMAIL)
                .withPush(NoticeKind.MENTIONED, PushChannel.WEBHOOK);
        write(r -> r.notifications().savePreferences(full));
        assertThat(readOne(r -> r.notifications().preferences(WANG))).contains(full);
        assertThat(readOne(r -> r.notifications().preferences(LI))).isEmpty();

        NotificationPreferences bare = NotificationPreferences.none(WANG);
        write(r -> r.notifications().savePreferences(bare));
        assertThat(readOne(r -> r.notifications().preferences(WANG))).contains(bare);
    }

    private NoticePush push(Notice n, ChannelKind kind, Instant due) {
        return new NoticePush(data.uuid(), n.id(), WANG, kind, kind == ChannelKind.SMS ? "+8613800138000" : "王@例子.公司",
                "crmkit: " + TestStrings.NASTY, TestStrings.QUOTES_AND_CONTROLS, PushStatus.QUEUED, 0, due,
                Optional.empty(), Optional.empty(), data.now(), data.now(), 1);
    }

    @Test
    void pushesAreClaimedWhenDueUnderALeaseAndUpdatedByVersion() {
        Notice n = notice(WANG, LI, data.now());
        insert(n);
        Instant now = data.now();
        NoticePush due = push(n, ChannelKind.EMAIL, now.minusSeconds(5));
        NoticePush dueLater = push(n, ChannelKind.SMS, now.plusSeconds(60));
        NoticePush dueFirst = push(n, ChannelKind.SMS, now.minusSeconds(10));
        write(r -> {
            r.notifications().insertPush(due);
            r.notifications().insertPush(dueLater);
            r.notifications().insertPush(dueFirst);
        });
        assertThat(readList(r -> r.notifications().pushes(n.id()))).containsExactlyInAnyOrder(due, dueLater, dueFirst);

        Instant lease = now.plus(Duration.ofMinutes(1));
        List<NoticePush> claimed = writeAndGet(r -> r.notifications().claimDuePushes(now, 10, lease));
        assertThat(claimed).extracting(NoticePush::id).containsExactly(dueFirst.id(), due.id());
        assertThat(claimed).allSatisfy(p -> {
            assertThat(p.leaseUntil()).contains(lease);
            assertThat(p.version()).isEqualTo(2);
        });
        assertThat(this.<List<NoticePush>>writeAndGet(r -> r.notifications().claimDuePushes(now, 10, lease))).as("leased").isEmpty();

        NoticePush sent = claimed.get(0).sent(now.plusSeconds(1));
        write(r -> r.notifications().updatePush(sent));
        assertThat(readList(r -> r.notifications().pushes(n.id()))).contains(sent);
        assertThatThrownBy(() -> write(r -> r.notifications().updatePush(sent))).isInstanceOf(ConflictException.class);
        NoticePush retried = claimed.get(1).failed("timeout 😀 '", Optional.of(now.plusSeconds(30)), PushStatus.DEAD,
                now.plusSeconds(1));
        write(r -> r.notifications().updatePush(retried));

        List<NoticePush> again = writeAndGet(r -> r.notifications().claimDuePushes(now.plusSeconds(61), 10,
                now.plusSeconds(200)));
        assertThat(again).extracting(NoticePush::id).containsExactly(retried.id(), dueLater.id());
        assertThat(again.get(0).lastError()).contains("timeout 😀 '");
        assertThat(again.get(0).attempts()).isEqualTo(1);
        assertThat(this.<List<NoticePush>>writeAndGet(r -> r.notifications().claimDuePushes(now.plusSeconds(61), 0, lease))).isEmpty();
        assertThatThrownBy(() -> write(r -> r.notifications().updatePush(push(n, ChannelKind.EMAIL, now))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void twoStoragesOnTheSameDataNeverClaimThePushTwice() {
        Notice n = notice(WANG, LI, data.now());
        insert(n);
        for (int i = 0; i < 20; i++) {
            NoticePush p = push(n, ChannelKind.EMAIL, data.now().minusSeconds(i));
            write(r -> r.notifications().insertPush(p));
        }
        Instant lease = data.now().plusSeconds(60);
        var second = openSecondStorageOnSameData();
        try {
            io.crmkit.core.spi.CrmStorage other = second.orElse(storage);
            List<NoticePush> a = writeAndGet(r -> r.notifications().claimDuePushes(data.now(), 12, lease));
            List<NoticePush> b = other.inTransaction(r -> r.notifications().claimDuePushes(data.now(), 12, lease));
            assertThat(a).hasSize(12);
            assertThat(b).hasSize(8);
            assertThat(a).extracting(NoticePush::id).doesNotContainAnyElementsOf(b.stream().map(NoticePush::id).toList());
        } finally {
            second.ifPresent(io.crmkit.core.spi.CrmStorage::close);
        }
    }
}
