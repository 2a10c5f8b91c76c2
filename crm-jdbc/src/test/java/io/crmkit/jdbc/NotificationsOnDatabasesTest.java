package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.notification.InboxEntry;
import io.crmkit.core.notification.NoticeKind;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.PushChannel;
import io.crmkit.core.notification.PushStatus;
import io.crmkit.core.project.NewProject;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectTask;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.testkit.RecordingChannel;
import io.crmkit.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Notifications and projects through {@code Crm} on every database: notices raised in the transaction of the change
 * (and rolled back with it), the inbox and its read state, an email push sent from the push queue, and a project's
 * progress and blocked tasks read back from the tables.
 */
class NotificationsOnDatabasesTest {
    private static final Actor WANG = Actor.user("王五 '; --").inDepartments("销售部");
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingChannel email = RecordingChannel.of(ChannelKind.EMAIL);
    private TestDb db;
    private String url;
    private String prefix;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (db != null && db != TestDb.H2) {
            TestDb.dropTables(url, prefix);
        }
    }

    private Crm crm(TestDb which) {
        which.assumeAvailable();
        db = which;
        url = which.url();
        prefix = TestDb.newPrefix();
        JdbcStorage storage = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(4).build();
        Crm crm = Crm.builder().storage(storage).clock(TestClock.at(Instant.parse("2026-03-02T02:00:00Z")))
                .messaging(MessagingSettings.builder().channel(email).build()).build();
        opened.add(crm);
        return crm;
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void noticesAreRaisedReadAndPushed(TestDb which) {
        Crm crm = crm(which);
        crm.as(WANG).notifications().savePreferences(NotificationPreferences.none(WANG.user())
                .withEmail(EmailAddress.of("wang@例子.公司")).withPush(NoticeKind.TASK_ASSIGNED, PushChannel.EMAIL));
        Task mine = crm.tasks().create(NewTask.titled("报价 😀").assignTo(Assignee.user(WANG.user())));
        crm.tasks().create(NewTask.titled("部门").assignTo(Assignee.department(DepartmentRef.of("销售部"))));
        crm.tasks().comment(mine.id(), "请 @{王五 '; --} 看一下");
        assertThatThrownBy(() -> crm.inTransaction(s -> {
            s.tasks().assign(mine.id(), Assignee.user(WANG.user()), null);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);

        List<InboxEntry> inbox = crm.as(WANG).notifications().inbox(PageRequest.first(10)).items();
        assertThat(inbox).extracting(e -> e.notice().kind())
                .containsExactlyInAnyOrder(NoticeKind.TASK_ASSIGNED, NoticeKind.TASK_ASSIGNED, NoticeKind.MENTIONED);
        assertThat(crm.as(WANG).notifications().unreadCount()).isEqualTo(3);
        crm.as(WANG).notifications().markRead(inbox.get(0).notice().id());
        assertThat(crm.as(WANG).notifications().unread(PageRequest.first(10)).items()).hasSize(2);
        assertThat(crm.as(WANG).notifications().markAllRead()).isEqualTo(2);
        assertThat(crm.as(WANG).notifications().unreadCount()).isZero();

        assertThat(crm.notifications().pushPending()).isEqualTo(1);
        assertThat(email.sent()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("wang@例子.公司"));
        InboxEntry assigned = inbox.stream().filter(e -> e.notice().recordId().equals(mine.id().value())
                && e.notice().kind() == NoticeKind.TASK_ASSIGNED).findFirst().orElseThrow();
        assertThat(crm.as(WANG).notifications().pushes(assigned.notice().id())).extracting(NoticePush::status)
                .containsExactly(PushStatus.SENT);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aProjectRollsUpItsTasks(TestDb which) {
        Crm crm = crm(which);
        Project p = crm.projects().create(NewProject.named("新品上市 🚀"));
        crm.projects().addMilestone(p.id(), "设计", null);
        Task a = crm.tasks().create(NewTask.titled("a"));
        Task b = crm.tasks().create(NewTask.titled("b"));
        crm.projects().putTask(p.id(), ProjectTask.of(a.id()).inMilestone("设计").weighing(3));
        crm.projects().putTask(p.id(), ProjectTask.of(b.id()).dependingOn(a.id()));
        assertThat(crm.projects().blocked(p.id(), PageRequest.first(10)).items()).extracting(x -> x.task().id())
                .containsExactly(b.id());
        crm.tasks().transition(a.id(), TaskStatus.DONE, null);

        assertThat(crm.projects().progress(p.id()).project().percentDoneWeighted()).isEqualTo(75);
        assertThat(crm.projects().progress(p.id()).milestones()).singleElement()
                .satisfies(m -> assertThat(m.progress().done()).isEqualTo(1));
        assertThat(crm.projects().blocked(p.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.projects().list(PageRequest.first(10)).items()).extracting(Project::id).containsExactly(p.id());
    }
}
