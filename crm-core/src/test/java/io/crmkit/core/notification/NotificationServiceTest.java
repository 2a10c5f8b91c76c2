package io.crmkit.core.notification;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.NewDocument;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.QuietHours;
import io.crmkit.core.messaging.RetryPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notices raised from domain events, the inbox with its per-user read state, and pushes by preference. */
class NotificationServiceTest {
    private static final DepartmentRef SALES = DepartmentRef.of("销售部");
    private static final DepartmentRef SUPPORT = DepartmentRef.of("客服部");
    private static final Actor LI = new Actor(UserRef.of("li.si"), Set.of(), Set.of(SALES));
    private static final Actor WANG = new Actor(UserRef.of("王五"), Set.of(), Set.of(SALES));
    private static final Actor ZHAO = new Actor(UserRef.of("zhao"), Set.of(), Set.of(SUPPORT));

    private final MutableClock clock = MutableClock.at(TestCrm.START); // 08:00 UTC, a Monday
    private final Recorder email = new Recorder(ChannelKind.EMAIL);
    private final Recorder sms = new Recorder(ChannelKind.SMS);
    private final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Crm crm = TestCrm.builder(clock).listener(events::add)
            .messaging(MessagingSettings.builder().channel(email).channel(sms)
                    .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)), ChannelKind.SMS)
                    .retryPolicy(new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMinutes(1))).build())
            .service(ServiceSettings.builder().policy(SlaPolicy.builder("fast")
                    .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)).build()).build())
            .build();

    @AfterEach
    void close() {
        crm.close();
    }

    private Task assignedTo(Assignee assignee) {
        return crm.as(LI).tasks().create(NewTask.titled("准备报价单 '; DROP TABLE tasks; --").assignTo(assignee));
    }

    private List<Notice> inboxOf(Actor actor) {
        return crm.as(actor).notifications().inbox(PageRequest.first(100)).items().stream().map(InboxEntry::notice).toList();
    }

    @Test
    void aTaskAssignedToAUserReachesTheirInboxOnly() {
        Task t = assignedTo(Assignee.userInDepartment(WANG.user(), SALES));

        assertThat(inboxOf(WANG)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.TASK_ASSIGNED);
            assertThat(n.recipient()).isEqualTo(WANG.user());
            assertThat(n.recordKind()).isEqualTo(RecordKind.TASK);
            assertThat(n.recordId()).isEqualTo(t.id().value());
            assertThat(n.actor()).isEqualTo(LI.user());
            assertThat(n.at()).isEqualTo(clock.instant());
        });
        assertThat(inboxOf(LI)).as("same department, but the notice is to a user").isEmpty();
        assertThat(inboxOf(ZHAO)).isEmpty();
        assertThat(events).filteredOn(NotificationEvent.Raised.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.recordId()).isEqualTo(inboxOf(WANG).get(0).id().value()));
    }

    @Test
    void aDepartmentNoticeReachesEveryMemberWithAReadStateOfTheirOwn() {
        assignedTo(Assignee.department(SALES));
        Actor chen = new Actor(UserRef.of("chen"), Set.of(), Set.of(SALES, SUPPORT));

        assertThat(inboxOf(WANG)).singleElement().satisfies(n -> assertThat(n.recipient()).isEqualTo(SALES));
        assertThat(inboxOf(chen)).hasSize(1);
        assertThat(inboxOf(ZHAO)).isEmpty();
        assertThat(inboxOf(LI)).as("a member, but not notified of their own doing").isEmpty();

        NoticeId id = inboxOf(WANG).get(0).id();
        InboxEntry read = crm.as(WANG).notifications().markRead(id);
        assertThat(read.readAt()).contains(clock.instant());
        assertThat(crm.as(WANG).notifications().unreadCount()).isZero();
        assertThat(crm.as(chen).notifications().unreadCount()).isEqualTo(1);
        assertThat(crm.as(chen).notifications().unread(PageRequest.first(10)).items()).extracting(e -> e.notice().id())
                .containsExactly(id);
        assertThat(crm.as(WANG).notifications().unread(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void anotherUsersNoticeIsMissing() {
        assignedTo(Assignee.user(WANG.user()));
        NoticeId id = inboxOf(WANG).get(0).id();

        assertThat(crm.as(ZHAO).notifications().get(id)).isEmpty();
        assertThatThrownBy(() -> crm.as(ZHAO).notifications().markRead(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(ZHAO).notifications().pushes(id)).isInstanceOf(NotFoundException.class);
        assertThat(crm.as(ZHAO).access().can(io.crmkit.core.security.Action.READ, RecordKind.NOTICE, id.value())).isFalse();
        assertThat(crm.as(WANG).access().can(io.crmkit.core.security.Action.READ, RecordKind.NOTICE, id.value())).isTrue();
        assertThat(crm.as(WANG).notifications().get(id)).hasValueSatisfying(e -> assertThat(e.isRead()).isFalse());
    }

    @Test
    void markingReadTwiceKeepsTheFirstTimeAndMarkAllReadCountsTheUnread() {
        for (int i = 0; i < 3; i++) {
            assignedTo(Assignee.user(WANG.user()));
            clock.advance(Duration.ofMinutes(1));
        }
        NotificationService wang = crm.as(WANG).notifications();
        NoticeId first = inboxOf(WANG).get(2).id();
        var at = wang.markRead(first).readAt();
        clock.advance(Duration.ofMinutes(5));
        assertThat(wang.markRead(first).readAt()).isEqualTo(at);
        assertThat(wang.unreadCount()).isEqualTo(2);
        assertThat(wang.markAllRead()).isEqualTo(2);
        assertThat(wang.unreadCount()).isZero();
        assertThat(wang.markAllRead()).isZero();
        assertThat(wang.inbox(PageRequest.first(10)).items()).allSatisfy(e -> assertThat(e.isRead()).isTrue());
    }

    @Test
    void theInboxIsNewestFirstAcrossKeysetPages() {
        List<NoticeId> raised = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            assignedTo(i % 2 == 0 ? Assignee.user(WANG.user()) : Assignee.department(SALES));
            raised.add(0, crm.as(WANG).notifications().inbox(PageRequest.first(1)).items().get(0).notice().id());
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1)); // some share a time: then the id orders them
            }
        }
        List<NoticeId> paged = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        while (true) {
            var p = crm.as(WANG).notifications().inbox(page);
            p.items().forEach(e -> paged.add(e.notice().id()));
            if (!p.hasNext()) {
                break;
            }
            page = page.next(p).orElseThrow();
        }
        assertThat(paged).containsExactlyElementsOf(raised);
    }

    @Test
    void aMentionNamesAHostUserByIdPlainOrInBraces() {
        Task t = crm.as(LI).tasks().create(NewTask.titled("回访"));
        crm.as(LI).tasks().comment(t.id(), "请 @王五 和 @{Zhao Yun} 看一下, cc @zhao. 邮件 li@example.com @li.si 😀");

        assertThat(inboxOf(WANG)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.MENTIONED);
            assertThat(n.recordId()).isEqualTo(t.id().value());
        });
        assertThat(inboxOf(Actor.user("Zhao Yun"))).hasSize(1);
        assertThat(inboxOf(ZHAO)).as("a full stop ends the id").hasSize(1);
        assertThat(inboxOf(Actor.user("example.com"))).as("an address is no mention").isEmpty();
        assertThat(inboxOf(LI)).as("mentioning oneself notifies nobody").isEmpty();

        crm.as(LI).tasks().comment(t.id(), "no mention here");
        assertThat(inboxOf(WANG)).hasSize(1);
    }

    @Test
    void aSharedDocumentNotifiesItsGrantee() {
        Document d = crm.as(LI).documents().upload(NewDocument.named("合同.pdf", "application/pdf"),
                new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        crm.as(LI).documents().grant(d.id(), SUPPORT, ShareAccess.READ);

        assertThat(inboxOf(ZHAO)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.DOCUMENT_SHARED);
            assertThat(n.recipient()).isEqualTo(SUPPORT);
            assertThat(n.recordId()).isEqualTo(d.id().value());
        });
    }

    @Test
    void aServiceCaseBreachingItsSlaNotifiesItsAssignee() {
        Customer c = crm.customers().create(NewCustomer.person("张三"));
        ServiceCase sc = crm.cases().create(NewServiceCase.of(c.id(), ServiceCaseOrigin.PHONE, "repair", "漏水")
                .assignTo(Assignee.user(ZHAO.user())));
        clock.advance(Duration.ofMinutes(61));
        assertThat(crm.cases().checkSla()).isPositive();

        assertThat(inboxOf(ZHAO)).filteredOn(n -> n.kind() == NoticeKind.CASE_BREACHED).singleElement()
                .satisfies(n -> assertThat(n.recordId()).isEqualTo(sc.id().value()));
    }

    @Test
    void aNoticeRollsBackWithTheChangeThatRaisedIt() {
        Task t = crm.as(LI).tasks().create(NewTask.titled("x"));
        assertThatThrownBy(() -> crm.as(LI).inTransaction(s -> {
            s.tasks().assign(t.id(), Assignee.user(WANG.user()), null);
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inboxOf(WANG)).isEmpty();
        assertThat(crm.as(LI).tasks().require(t.id()).assignee()).isEmpty();
    }

    @Test
    void preferencesPushByEmailSmsAndWebhook() {
        NotificationPreferences prefs = NotificationPreferences.none(WANG.user())
                .withEmail(EmailAddress.of("wang@例子.公司")).withPhone(PhoneNumber.parse("138 0013 8000", "CN"))
                .withZone(ZoneId.of("Asia/Shanghai"))
                .withPush(NoticeKind.TASK_ASSIGNED, PushChannel.EMAIL, PushChannel.SMS, PushChannel.WEBHOOK);
        assertThat(crm.as(WANG).notifications().savePreferences(prefs)).isEqualTo(prefs);
        assertThat(crm.as(WANG).notifications().preferences()).isEqualTo(prefs);

        Task t = assignedTo(Assignee.user(WANG.user()));
        NoticeId id = inboxOf(WANG).get(0).id();
        assertThat(crm.as(WANG).notifications().pushes(id)).extracting(NoticePush::kind, NoticePush::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ChannelKind.EMAIL, PushStatus.QUEUED),
                        org.assertj.core.groups.Tuple.tuple(ChannelKind.SMS, PushStatus.QUEUED));
        assertThat(events).filteredOn(NotificationEvent.PushRequested.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((NotificationEvent.PushRequested) e).recipient()).isEqualTo(WANG.user()));

        assertThat(crm.notifications().pushPending()).isEqualTo(2);
        assertThat(email.sent).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("wang@例子.公司");
            assertThat(((MessageContent.Email) m.content()).text()).contains("task " + t.id(), "by li.si");
        });
        assertThat(sms.sent).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("+8613800138000"));
        assertThat(crm.as(WANG).notifications().pushes(id)).extracting(NoticePush::status)
                .containsOnly(PushStatus.SENT);
        assertThat(crm.notifications().pushPending()).isZero();
    }

    @Test
    void anSmsPushWaitsOutQuietHoursInTheUsersZone() {
        // 08:00 UTC is 01:00 in Los Angeles (daylight time since 9 March): quiet until 08:00 there, 15:00 UTC
        crm.as(WANG).notifications().savePreferences(NotificationPreferences.none(WANG.user())
                .withEmail(EmailAddress.of("wang@example.com")).withPhone(PhoneNumber.parse("+1 415 555 0134", "US"))
                .withZone(ZoneId.of("America/Los_Angeles")).withPush(NoticeKind.TASK_ASSIGNED, PushChannel.SMS, PushChannel.EMAIL));
        assignedTo(Assignee.user(WANG.user()));

        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(email.sent).hasSize(1);
        assertThat(sms.sent).isEmpty();
        clock.advance(Duration.ofHours(7).minusSeconds(1));
        assertThat(crm.notifications().pushPending()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(sms.sent).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("+14155550134"));
    }

    @Test
    void aFailedPushIsRetriedThenGivenUpAndAPermanentFailureIsNot() {
        crm.as(WANG).notifications().savePreferences(NotificationPreferences.none(WANG.user())
                .withEmail(EmailAddress.of("wang@example.com")).withPush(NoticeKind.TASK_ASSIGNED, PushChannel.EMAIL));
        email.failures.add(DeliveryException.retryable("try later", null));
        email.failures.add(DeliveryException.retryable("still down", null));
        assignedTo(Assignee.user(WANG.user()));
        NoticeId id = inboxOf(WANG).get(0).id();

        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(crm.as(WANG).notifications().pushes(id)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PushStatus.QUEUED);
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.lastError()).contains("try later");
        });
        assertThat(crm.notifications().pushPending()).as("backing off").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(crm.as(WANG).notifications().pushes(id)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PushStatus.DEAD));

        email.failures.add(DeliveryException.permanent("550 no such user", null));
        assignedTo(Assignee.user(WANG.user()));
        NoticeId second = inboxOf(WANG).get(0).id();
        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(crm.as(WANG).notifications().pushes(second)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PushStatus.FAILED));
        assertThat(email.sent).isEmpty();
    }

    @Test
    void preferencesAreValidatedAndOnlyTheUsersOwn() {
        assertThat(violationsOf(() -> crm.as(WANG).notifications().savePreferences(NotificationPreferences.none(WANG.user())
                .withPush(NoticeKind.MENTIONED, PushChannel.EMAIL).withPush(NoticeKind.CASE_BREACHED, PushChannel.SMS))))
                .containsExactlyInAnyOrder("push.mentioned:email_missing", "push.case_breached:phone_missing");
        assertThat(crm.as(WANG).notifications().preferences()).isEqualTo(NotificationPreferences.none(WANG.user()));
        assertThatThrownBy(() -> crm.as(ZHAO).notifications().savePreferences(NotificationPreferences.none(WANG.user())))
                .isInstanceOf(AccessDeniedException.class);
        NotificationPreferences byHost = NotificationPreferences.none(WANG.user()).withPush(NoticeKind.MENTIONED, PushChannel.WEBHOOK);
        assertThat(crm.notifications().savePreferences(byHost)).isEqualTo(byHost);
        assertThat(crm.as(WANG).notifications().preferences()).isEqualTo(byHost);
    }

    /** A channel that records what it sent and fails as scripted. */
    static final class Recorder implements MessageChannel {
        private final ChannelKind kind;
        final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        final Deque<DeliveryException> failures = new ArrayDeque<>();

        Recorder(ChannelKind kind) {
            this.kind = kind;
        }

        @Override
        public ChannelKind kind() {
            return kind;
        }

        @Override
        public synchronized DeliveryReceipt send(OutboundMessage message) {
            DeliveryException f = failures.poll();
            if (f != null) {
                throw f;
            }
            sent.add(message);
            return new DeliveryReceipt("r-" + sent.size());
        }
    }
}
