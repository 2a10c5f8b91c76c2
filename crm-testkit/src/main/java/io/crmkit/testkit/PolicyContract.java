package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.QuietHours;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.ContactLimits;
import io.crmkit.core.policy.ContactMethod;
import io.crmkit.core.policy.ContactOutcome;
import io.crmkit.core.policy.ContactRefusal;
import io.crmkit.core.policy.ContactResult;
import io.crmkit.core.policy.DueContact;
import io.crmkit.core.policy.ExecutionReport;
import io.crmkit.core.policy.NewPolicy;
import io.crmkit.core.policy.PolicyEffectiveness;
import io.crmkit.core.policy.PolicySettings;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Communication policies through {@code crm.policies()} on one storage: validation naming every field, exact round
 * trips (Unicode, emoji, SQL metacharacters in the segment), the due customers by every condition (segment, cadence
 * every N days and after events, consent, caps, pauses, contacts already made) page by page in id order, runs turned
 * into tasks and messages once only with their timeline links, refusals with their reasons, effectiveness, access.
 */
public abstract class PolicyContract extends StorageContractSupport {
    private static final DepartmentRef CARE = DepartmentRef.of("客服部");
    private final List<Crm> crms = new ArrayList<>();

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected PolicyContract(StorageFactory factory) {
        super(factory);
    }

    @AfterEach
    void closeCrms() {
        crms.forEach(Crm::close);
    }

    private Crm crm() {
        return crm(PolicySettings.DEFAULT, AccessPolicy.unrestricted());
    }

    private Crm crm(PolicySettings settings) {
        return crm(settings, AccessPolicy.unrestricted());
    }

    private Crm crm(PolicySettings settings, AccessPolicy access) {
        Crm crm = Crm.builder().storage(new KeptOpen(storage)).clock(data.clock()).access(access).policies(settings)
                .messaging(MessagingSettings.builder().channel(RecordingChannel.of(ChannelKind.EMAIL))
                        .channel(RecordingChannel.of(ChannelKind.SMS)).build())
                .build();
        crms.add(crm);
        return crm;
    }

    private LocalDate today() {
        return data.today();
    }

    private Instant daysAgo(int days) {
        return data.now().minus(Duration.ofDays(days));
    }

    private Customer vip(Crm crm, String name) {
        return crm.customers().create(NewCustomer.person(name).tag("vip").email(ascii(name) + "@example.com")
                .phone("+8613800138000").consent(ContactChannel.VOICE, ConsentStatus.OPTED_IN, "form")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "form"));
    }

    private static String ascii(String name) {
        return "c" + Integer.toHexString(name.hashCode());
    }

    private static NewPolicy calls(int days) {
        return NewPolicy.named("VIP 回访 ☎️").goal("了解满意度").segment(CustomerQuery.all().tag("vip"))
                .method(ContactMethod.CALL).cadence(Cadence.everyDays(days)).owner(Assignee.department(CARE))
                .activeFrom(LocalDate.of(2025, 1, 1));
    }

    private static NewPolicy emails(int days) {
        return NewPolicy.named("关怀邮件").segment(CustomerQuery.all().tag("vip")).method(ContactMethod.EMAIL)
                .cadence(Cadence.everyDays(days)).template(MessageTemplate.email("{{name}}，您好", "感谢您一直以来的支持 {{policy}}"))
                .activeFrom(LocalDate.of(2025, 1, 1));
    }

    private static void called(Crm crm, Customer c, Instant at) {
        crm.interactions().log(c.id(), Interaction.call(Direction.OUTBOUND).subject("回访").occurredAt(at));
    }

    private List<CustomerId> dueIds(Crm crm, CommunicationPolicy p, LocalDate date, int limit) {
        List<CustomerId> all = new ArrayList<>();
        PageRequest page = PageRequest.first(limit);
        while (true) {
            Page<DueContact> due = crm.policies().due(p.id(), date, page);
            assertThat(due.size()).isLessThanOrEqualTo(limit);
            due.items().forEach(d -> all.add(d.customerId()));
            Optional<PageRequest> next = page.next(due);
            if (next.isEmpty()) {
                return all;
            }
            page = next.get();
        }
    }

    private List<CustomerId> dueIds(Crm crm, CommunicationPolicy p) {
        return dueIds(crm, p, today(), PageRequest.MAX_LIMIT);
    }

    private static List<CustomerId> inIdOrder(Customer... customers) {
        return java.util.Arrays.stream(customers).map(Customer::id)
                .sorted(Comparator.comparing(CustomerId::value, Uuid7.ORDER)).toList();
    }

    // ---- the policy itself -----------------------------------------------------------------------------------

    @Test
    void createNamesEveryBadFieldAndWritesNothing() {
        Crm crm = crm();
        assertThatThrownBy(() -> crm.policies().create(NewPolicy.named(" ").method(ContactMethod.EMAIL)
                .activeFrom(LocalDate.of(2026, 5, 1)).activeTo(LocalDate.of(2026, 4, 1)).responseWindowDays(0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code())
                        .contains("name:required", "cadence:required", "template:required", "activeTo:before_start",
                                "responseWindowDays:range"));
        assertThatThrownBy(() -> crm.policies().create(calls(30).template(MessageTemplate.text("x"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code()).containsExactly("template:not_allowed"));
        assertThatThrownBy(() -> crm.policies().create(emails(30).channel(ContactChannel.SMS)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code()).containsExactly("channel:mismatch"));
        assertThatThrownBy(() -> Cadence.afterLowScore(SurveyKind.CSAT, 9, 3))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code()).containsExactly("cadence.scoreBelow:range"));
        assertThatThrownBy(() -> Cadence.everyDays(0)).isInstanceOf(ValidationException.class);
        assertThat(crm.policies().search(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void roundTripsUnicodeAndSqlMetacharactersAndRefusesAStaleUpdate() {
        Crm crm = crm();
        CustomerQuery segment = CustomerQuery.all().nameStartsWith("'; DROP TABLE crm_policies; -- 张&=%").tag("vip🌟")
                .department(DepartmentRef.of("华东 & 华南")).externalRef("erp", "C-1&2=3").includeArchived(true);
        CommunicationPolicy p = crm.policies().create(NewPolicy.named("季度回访 '%_\\ 🎉").goal("多行\n目标 ✓").segment(segment)
                .method(ContactMethod.SMS).cadence(Cadence.afterLowScore(SurveyKind.NPS, 7, 5))
                .template(MessageTemplate.text("{{name}} 您好 😀")).owner(Assignee.userInDepartment(UserRef.of("li.si"), CARE))
                .activeFrom(LocalDate.of(2025, 2, 1)).activeTo(LocalDate.of(2025, 12, 31)).responseWindowDays(14));
        assertThat(p.channel()).contains(ContactChannel.SMS);
        assertThat(crm.policies().require(p.id())).isEqualTo(p);
        assertThat(crm.policies().require(p.id()).segment()).isEqualTo(segment);
        assertThat(crm.policies().search(PageRequest.first(10)).items()).containsExactly(p);

        CommunicationPolicy changed = crm.policies().update(p.id(), p.version(), NewPolicy.from(p).cadence(Cadence.afterCaseClosed(2))
                .activeTo(null));
        assertThat(changed.version()).isEqualTo(p.version() + 1);
        assertThat(crm.policies().require(p.id())).isEqualTo(changed);
        assertThat(changed.activeTo()).isEmpty();
        assertThatThrownBy(() -> crm.policies().update(p.id(), p.version(), NewPolicy.from(p)))
                .isInstanceOf(ConflictException.class);
        assertThat(crm.policies().require(p.id())).isEqualTo(changed);
    }

    // ---- who is due ------------------------------------------------------------------------------------------

    @Test
    void dueAreTheSegmentNotContactedByTheMethodWithinTheCadenceWithConsent() {
        Crm crm = crm();
        Customer recent = vip(crm, "近期 Recent");
        Customer lapsed = vip(crm, "久未联系 Lapsed");
        Customer never = vip(crm, "从未 Never 🌱");
        Customer emailed = vip(crm, "只发过邮件 Emailed");
        Customer inbound = vip(crm, "来电 Inbound");
        Customer outside = crm.customers().create(NewCustomer.person("非VIP").consent(ContactChannel.VOICE,
                ConsentStatus.OPTED_IN, "form"));
        Customer archived = vip(crm, "已归档");
        crm.customers().archive(archived.id());
        Customer optedOut = vip(crm, "退订 Out");
        crm.customers().setConsent(optedOut.id(), ContactChannel.VOICE, ConsentStatus.OPTED_OUT, "call");
        Customer noConsent = crm.customers().create(NewCustomer.person("无授权").tag("vip"));
        called(crm, recent, daysAgo(10));
        called(crm, lapsed, daysAgo(40));
        crm.interactions().log(emailed.id(), Interaction.email(Direction.OUTBOUND).occurredAt(daysAgo(1)));
        crm.interactions().log(inbound.id(), Interaction.call(Direction.INBOUND).occurredAt(daysAgo(1)));
        CommunicationPolicy p = crm.policies().create(calls(30));

        assertThat(dueIds(crm, p)).containsExactlyElementsOf(inIdOrder(lapsed, never, emailed, inbound));
        assertThat(crm.policies().due(p.id(), today(), PageRequest.first(10)).items())
                .extracting(DueContact::displayName).contains("从未 Never 🌱");
        assertThat(outside.id()).isNotIn(dueIds(crm, p));
        assertThat(noConsent.id()).isNotIn(dueIds(crm, p));

        Crm lenient = crm(PolicySettings.builder().requireOptIn(false).build());
        assertThat(lenient.policies().due(p.id(), today(), PageRequest.first(100)).items()).extracting(DueContact::customerId)
                .contains(noConsent.id()).doesNotContain(optedOut.id());
    }

    @Test
    void duePagesInIdOrderWhateverThePageSize() {
        Crm crm = crm();
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(vip(crm, "客户 " + i + " 🎯"));
        }
        called(crm, all.get(5), daysAgo(1));
        called(crm, all.get(17), daysAgo(2));
        CommunicationPolicy p = crm.policies().create(calls(7));
        List<CustomerId> expected = all.stream().filter(c -> c != all.get(5) && c != all.get(17)).map(Customer::id)
                .sorted(Comparator.comparing(CustomerId::value, Uuid7.ORDER)).toList();
        for (int limit : PAGE_LIMITS) {
            assertThat(dueIds(crm, p, today(), limit)).as("limit " + limit).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void nothingIsDueOutsideTheActivePeriod() {
        Crm crm = crm();
        Customer c = vip(crm, "期间外");
        CommunicationPolicy p = crm.policies().create(calls(30).activeFrom(today().plusDays(1)));
        assertThat(dueIds(crm, p)).isEmpty();
        assertThat(dueIds(crm, p, today().plusDays(1), 10)).containsExactly(c.id());
        ContactResult r = crm.policies().contact(p.id(), c.id(), today());
        assertThat(r.refusal()).contains(ContactRefusal.NOT_DUE);
        assertThat(crm.tasks().assignedToDepartment(CARE, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void eventCadencesAreDueAfterTheEventUntilAContactFollows() {
        Crm crm = crm();
        Customer boughtRecently = vip(crm, "新购 Bought");
        Customer boughtLongAgo = vip(crm, "旧购");
        Customer calledAfter = vip(crm, "已回访");
        Customer calledBefore = vip(crm, "先回访后购买");
        crm.purchases().record(NewPurchase.of(boughtRecently.id(), new BigDecimal("99.50"), "CNY").occurredAt(daysAgo(1)));
        crm.purchases().record(NewPurchase.of(boughtLongAgo.id(), new BigDecimal("10"), "CNY").occurredAt(daysAgo(9)));
        crm.purchases().record(NewPurchase.of(calledAfter.id(), new BigDecimal("10"), "CNY").occurredAt(daysAgo(2)));
        called(crm, calledAfter, daysAgo(1));
        called(crm, calledBefore, daysAgo(2));
        crm.purchases().record(NewPurchase.of(calledBefore.id(), new BigDecimal("10"), "CNY").occurredAt(daysAgo(1)));
        CommunicationPolicy afterPurchase = crm.policies().create(calls(3).cadence(Cadence.afterPurchase(3)));
        assertThat(dueIds(crm, afterPurchase)).containsExactlyElementsOf(inIdOrder(boughtRecently, calledBefore));

        Customer unhappy = vip(crm, "不满意");
        Customer happy = vip(crm, "满意");
        crm.surveys().record(NewSurveyResponse.csat(unhappy.id(), 2));
        crm.surveys().record(NewSurveyResponse.csat(happy.id(), 4));
        crm.surveys().record(NewSurveyResponse.nps(happy.id(), 1)); // another kind of survey
        CommunicationPolicy lowScore = crm.policies().create(calls(3).cadence(Cadence.afterLowScore(SurveyKind.CSAT, 3, 7)));
        assertThat(dueIds(crm, lowScore)).containsExactly(unhappy.id());

        Customer closed = vip(crm, "工单关闭");
        Customer resolved = vip(crm, "工单已解决");
        ServiceCase a = crm.cases().create(NewServiceCase.of(closed.id(), ServiceCaseOrigin.PHONE, "投诉", "噪音"));
        crm.cases().transition(a.id(), ServiceCaseStatus.RESOLVED, null);
        crm.cases().transition(a.id(), ServiceCaseStatus.CLOSED, "已确认");
        ServiceCase b = crm.cases().create(NewServiceCase.of(resolved.id(), ServiceCaseOrigin.PHONE, "投诉", "噪音"));
        crm.cases().transition(b.id(), ServiceCaseStatus.RESOLVED, null);
        CommunicationPolicy caseClosed = crm.policies().create(calls(3).cadence(Cadence.afterCaseClosed(2)));
        assertThat(dueIds(crm, caseClosed)).containsExactly(closed.id());
    }

    // ---- runs ------------------------------------------------------------------------------------------------

    @Test
    void aRunMakesATaskForTheOwnerPerDueCustomerLinkedOnTheTimelineAndOnlyOnce() {
        Crm crm = crm();
        Customer a = vip(crm, "甲 A");
        Customer b = vip(crm, "乙 B");
        CommunicationPolicy p = crm.policies().create(calls(30));

        ExecutionReport first = crm.policies().execute(p.id(), today());
        assertThat(first.tasks()).isEqualTo(2);
        assertThat(first.messages()).isZero();
        assertThat(first.refusedTotal()).isZero();
        List<Task> tasks = crm.tasks().assignedToDepartment(CARE, PageRequest.first(10)).items();
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.title()).isEqualTo("VIP 回访 ☎️");
            assertThat(t.dueDate()).contains(today());
        });
        for (Customer c : List.of(a, b)) {
            List<Interaction> timeline = crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items();
            assertThat(timeline).hasSize(1);
            assertThat(timeline.get(0).channel()).isEqualTo(InteractionChannel.CALL);
            assertThat(timeline.get(0).links()).contains(new RecordLink(RecordLink.Type.POLICY, p.id().value()));
            UUID task = timeline.get(0).links().stream().filter(l -> l.type() == RecordLink.Type.TASK).findFirst()
                    .orElseThrow().id();
            assertThat(crm.tasks().require(new TaskId(task)).customerId()).contains(c.id());
        }
        assertThat(dueIds(crm, p)).isEmpty();

        ExecutionReport second = crm.policies().execute(p.id(), today());
        assertThat(second.tasks() + second.messages() + second.refusedTotal()).isZero();
        ContactResult again = crm.policies().contact(p.id(), a.id(), today());
        assertThat(again.outcome()).isEqualTo(ContactOutcome.ALREADY_DONE);
        assertThat(crm.tasks().assignedToDepartment(CARE, PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void aMessagePolicySendsThroughMessagingOnceWithItsLink() {
        Crm crm = crm();
        Customer a = vip(crm, "邮件 Alice");
        Customer noEmail = crm.customers().create(NewCustomer.person("无邮箱").tag("vip")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "form"));
        CommunicationPolicy p = crm.policies().create(emails(14));
        assertThat(dueIds(crm, p)).containsExactly(a.id());

        ExecutionReport run = crm.policies().execute(p.id(), today());
        assertThat(run.messages()).isEqualTo(1);
        List<Interaction> timeline = crm.interactions().timeline(a.id(), TimelineQuery.all(), PageRequest.first(10)).items();
        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).channel()).isEqualTo(InteractionChannel.EMAIL);
        assertThat(timeline.get(0).links()).extracting(RecordLink::type).contains(RecordLink.Type.MESSAGE, RecordLink.Type.POLICY);
        assertThat(crm.policies().execute(p.id(), today()).messages()).isZero();
        assertThat(crm.policies().contact(p.id(), a.id(), today()).outcome()).isEqualTo(ContactOutcome.ALREADY_DONE);
        assertThat(crm.interactions().timeline(a.id(), TimelineQuery.all(), PageRequest.first(10)).items()).hasSize(1);
        assertThat(crm.policies().contact(p.id(), noEmail.id(), today()).refusal()).contains(ContactRefusal.NOT_DUE);
    }

    @Test
    void concurrentRunsOfOneDateMakeEachContactOnce() throws Exception {
        Crm crm = crm();
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(vip(crm, "并发 " + i));
        }
        CommunicationPolicy p = crm.policies().create(calls(30));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ExecutionReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return crm.policies().execute(p.id(), today());
                }));
            }
            go.countDown();
            long tasks = 0;
            for (java.util.concurrent.Future<ExecutionReport> r : runs) {
                tasks += r.get(120, java.util.concurrent.TimeUnit.SECONDS).tasks();
            }
            assertThat(tasks).isEqualTo(all.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(crm.tasks().assignedToDepartment(CARE, PageRequest.first(100)).items()).hasSize(all.size());
        for (Customer c : all) {
            assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    // ---- contact pressure ------------------------------------------------------------------------------------

    @Test
    void capsAcrossChannelsAndPoliciesRefuseWithTheirReason() {
        Crm crm = crm(PolicySettings.builder().total(ContactLimits.of(1, 2, ContactLimits.UNLIMITED))
                .channel(InteractionChannel.CALL, ContactLimits.of(ContactLimits.UNLIMITED, ContactLimits.UNLIMITED, 1)).build());
        Customer smsToday = vip(crm, "今日已短信");
        Customer twoThisWeek = vip(crm, "本周两次");
        Customer calledThisMonth = vip(crm, "本月已电话");
        Customer free = vip(crm, "自由");
        crm.interactions().log(smsToday.id(), Interaction.sms(Direction.OUTBOUND).occurredAt(data.now()));
        crm.interactions().log(twoThisWeek.id(), Interaction.email(Direction.OUTBOUND).occurredAt(daysAgo(2)));
        crm.interactions().log(twoThisWeek.id(), Interaction.visit(Direction.OUTBOUND).occurredAt(daysAgo(4)));
        called(crm, calledThisMonth, daysAgo(20));
        crm.interactions().log(free.id(), Interaction.of(InteractionChannel.OTHER, Direction.OUTBOUND).occurredAt(data.now()));
        crm.interactions().log(free.id(), Interaction.sms(Direction.INBOUND).occurredAt(data.now()));
        CommunicationPolicy p = crm.policies().create(calls(7));

        assertThat(dueIds(crm, p)).containsExactly(free.id());
        assertThat(crm.policies().contact(p.id(), smsToday.id(), today()).refusal()).contains(ContactRefusal.DAILY_CAP);
        assertThat(crm.policies().contact(p.id(), twoThisWeek.id(), today()).refusal()).contains(ContactRefusal.WEEKLY_CAP);
        ContactResult month = crm.policies().contact(p.id(), calledThisMonth.id(), today());
        assertThat(month.refusal()).contains(ContactRefusal.CHANNEL_MONTHLY_CAP);
        assertThat(month.detail().orElseThrow()).contains("1");
        ExecutionReport run = crm.policies().execute(p.id(), today());
        assertThat(run.tasks()).isEqualTo(1);
        // the task's timeline entry counts: a second policy the same day finds the customer at its cap
        CommunicationPolicy other = crm.policies().create(calls(1).name("另一策略"));
        assertThat(dueIds(crm, other)).isEmpty();
        assertThat(crm.policies().contact(other.id(), free.id(), today()).refusal()).contains(ContactRefusal.DAILY_CAP);
    }

    @Test
    void pauseWindowsStopContactsGloballyOrForOneCustomer() {
        Crm crm = crm();
        Customer paused = vip(crm, "暂停 Paused");
        Customer other = vip(crm, "其他");
        CommunicationPolicy p = crm.policies().create(calls(30));
        crm.policies().pause(paused.id(), data.now().minus(Duration.ofHours(1)), data.now().plus(Duration.ofDays(3)), "投诉处理中");
        assertThat(dueIds(crm, p)).containsExactly(other.id());
        ContactResult r = crm.policies().contact(p.id(), paused.id(), today());
        assertThat(r.refusal()).contains(ContactRefusal.PAUSED);
        assertThat(r.detail().orElseThrow()).contains("投诉处理中");
        assertThat(dueIds(crm, p, today().plusDays(5), 10)).containsExactlyElementsOf(inIdOrder(paused, other));

        crm.policies().pause(null, data.now(), data.now().plus(Duration.ofDays(1)), "春节 🧧");
        assertThat(dueIds(crm, p)).isEmpty();
        assertThat(crm.policies().execute(p.id(), today()).tasks()).isZero();
        assertThatThrownBy(() -> crm.policies().pause(null, data.now(), data.now(), " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code()).contains("reason:required", "to:before_from"));
    }

    @Test
    void quietHoursHoldMessagesButNotTasks() {
        LocalTime now = data.now().atZone(ZoneOffset.UTC).toLocalTime();
        QuietHours quiet = QuietHours.between(now.minusHours(1), now.plusHours(1));
        Crm crm = crm(PolicySettings.builder().quietHours(quiet).build());
        Customer c = vip(crm, "夜间 Night");
        CommunicationPolicy mail = crm.policies().create(emails(7));
        ContactResult r = crm.policies().contact(mail.id(), c.id(), today());
        assertThat(r.refusal()).contains(ContactRefusal.QUIET_HOURS);
        assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).isEmpty();
        CommunicationPolicy call = crm.policies().create(calls(7));
        assertThat(crm.policies().contact(call.id(), c.id(), today()).outcome()).isEqualTo(ContactOutcome.TASK_CREATED);
    }

    // ---- effectiveness ---------------------------------------------------------------------------------------

    @Test
    void effectivenessCountsResponsesScoresAndPurchasesAgainstTheNotContacted() {
        Crm crm = crm();
        Customer answered = vip(crm, "回电");
        Customer silent = vip(crm, "沉默");
        Customer later = vip(crm, "未联系");
        CommunicationPolicy p = crm.policies().create(calls(30));
        Instant start = data.now();
        crm.policies().contact(p.id(), answered.id(), today());
        crm.policies().contact(p.id(), silent.id(), today());
        data.clock().advance(Duration.ofDays(2));
        crm.interactions().log(answered.id(), Interaction.call(Direction.INBOUND).occurredAt(data.now()));
        crm.surveys().record(NewSurveyResponse.csat(answered.id(), 5));
        crm.surveys().record(NewSurveyResponse.csat(silent.id(), 2));
        crm.purchases().record(NewPurchase.of(answered.id(), new BigDecimal("50"), "CNY").occurredAt(data.now()));
        crm.purchases().record(NewPurchase.of(later.id(), new BigDecimal("20"), "CNY").occurredAt(data.now()));
        data.clock().advance(Duration.ofDays(30)); // beyond the 7-day window
        crm.interactions().log(silent.id(), Interaction.call(Direction.INBOUND).occurredAt(data.now()));

        PolicyEffectiveness e = crm.policies().effectiveness(p.id(), start.minusSeconds(1), data.now());
        assertThat(e.contacts()).isEqualTo(2);
        assertThat(e.contactedCustomers()).isEqualTo(2);
        assertThat(e.respondedCustomers()).isEqualTo(1);
        assertThat(e.surveys().get(SurveyKind.CSAT)).isEqualTo(new PolicyEffectiveness.ScoreSum(2, 7));
        assertThat(e.purchasedAfterContact()).isEqualTo(1);
        assertThat(e.notContacted()).isEqualTo(1);
        assertThat(e.notContactedPurchased()).isEqualTo(1);
        assertThat(e.responseRate()).hasValue(0.5);
        assertThat(crm.policies().effectiveness(p.id(), data.now(), data.now().plusSeconds(1)).contacts()).isZero();
    }

    // ---- access ----------------------------------------------------------------------------------------------

    @Test
    void policiesAndTheirDueCustomersAreSeenAsTheAccessPolicyAllows() {
        AccessPolicy rules = AccessPolicy.builder()
                .grantAll("agent", AccessLevel.OWN, RecordKind.CUSTOMER, RecordKind.POLICY, RecordKind.TASK,
                        RecordKind.INTERACTION)
                .build();
        Crm crm = crm(PolicySettings.DEFAULT, rules);
        Actor li = Actor.user("li").withRoles("agent");
        Customer mine = crm.customers().create(NewCustomer.person("我的").tag("vip").owner(UserRef.of("li"))
                .consent(ContactChannel.VOICE, ConsentStatus.OPTED_IN, "form"));
        vip(crm, "别人的");
        CommunicationPolicy others = crm.policies().create(calls(30).owner(Assignee.user(UserRef.of("wang"))));
        CommunicationPolicy own = crm.as(li).policies().create(calls(30).owner(Assignee.user(UserRef.of("li"))));

        assertThat(crm.as(li).policies().get(others.id())).isEmpty();
        assertThat(crm.as(li).policies().search(PageRequest.first(10)).items()).containsExactly(own);
        assertThat(crm.as(li).policies().due(own.id(), today(), PageRequest.first(10)).items())
                .extracting(DueContact::customerId).containsExactly(mine.id());
        assertThatThrownBy(() -> crm.as(li).policies().due(others.id(), today(), PageRequest.first(10)))
                .isInstanceOf(io.crmkit.core.NotFoundException.class);
        assertThatThrownBy(() -> crm.as(li).policies().pause(null, data.now(), data.now().plusSeconds(60), "x"))
                .isInstanceOf(io.crmkit.core.AccessDeniedException.class);
        assertThat(crm.as(li).access().can(Action.READ, RecordKind.POLICY, own.id().value())).isTrue();
        assertThat(crm.as(li).access().can(Action.READ, RecordKind.POLICY, others.id().value())).isFalse();
    }

    @Test
    void aContactTheActorMayNotLogIsRefusedBeforeAnythingIsWritten() {
        AccessPolicy rules = AccessPolicy.builder()
                .grantAll("planner", AccessLevel.OWN, RecordKind.CUSTOMER, RecordKind.POLICY, RecordKind.TASK)
                .build();
        Crm crm = crm(PolicySettings.DEFAULT, rules);
        Actor li = Actor.user("li").withRoles("planner");
        Customer mine = crm.customers().create(NewCustomer.person("我的").tag("vip").owner(UserRef.of("li"))
                .consent(ContactChannel.VOICE, ConsentStatus.OPTED_IN, "form"));
        CommunicationPolicy own = crm.as(li).policies().create(calls(30).owner(Assignee.user(UserRef.of("li"))));

        for (int run = 0; run < 2; run++) {
            ContactResult r = crm.as(li).policies().contact(own.id(), mine.id(), today());
            assertThat(r.outcome()).isEqualTo(ContactOutcome.REFUSED);
            assertThat(r.refusal()).contains(ContactRefusal.ACCESS_DENIED);
        }
        assertThat(crm.tasks().assignedToUser(UserRef.of("li"), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.interactions().timeline(mine.id(), io.crmkit.core.interaction.TimelineQuery.all(),
                PageRequest.first(10)).items()).isEmpty();
    }
}
