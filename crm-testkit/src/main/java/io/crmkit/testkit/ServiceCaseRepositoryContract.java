package io.crmkit.testkit;

import static io.crmkit.testkit.StoredAssertions.assertSameServiceCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.CaseResponses;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.service.ServiceCaseRepository}: exact round trips with history and links,
 * the version rule of {@code update}, and {@code search} by every criterion of {@link ServiceCaseQuery} (alone and
 * together) in id order, in keyset pages, and the service-level lists ({@code dueBefore}, {@code breachedBetween},
 * {@code slaCheckDue}) in the order of their instant, then id.
 */
public abstract class ServiceCaseRepositoryContract extends StorageContractSupport {
    private static final int MAX = io.crmkit.core.PageRequest.MAX_LIMIT;
    private static final UserRef LI = UserRef.of("li");
    private static final UserRef WANG = UserRef.of("王五");
    private static final DepartmentRef SERVICE = DepartmentRef.of("客服部");
    private static final DepartmentRef FIELD = DepartmentRef.of("d%_'");

    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected ServiceCaseRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("客户").build();
        other = data.person("Other").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(List<ServiceCase> cases) {
        write(r -> cases.forEach(r.serviceCases()::insert));
    }

    private void insert(ServiceCase... cases) {
        insert(List.of(cases));
    }

    private ServiceCase stored(ServiceCaseId id) {
        return read(r -> r.serviceCases().findById(id)).orElseThrow(() -> new AssertionError("case " + id + " is not stored"));
    }

    private static List<UUID> idsOf(List<ServiceCase> list) {
        return ids(list, c -> c.id().value());
    }

    @Test
    void insertedCaseReadsBackWithEveryFieldHistoryAndLinks() {
        Instant t = data.now();
        ServiceCase parent = data.serviceCase(customer.id()).build();
        ServiceCase full = data.serviceCase(customer.id())
                .subject("空调不制冷 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION)
                .description(TestStrings.tenKilobytes())
                .origin(ServiceCaseOrigin.SURVEY)
                .type("维修-A_1.x")
                .priority(Priority.URGENT)
                .assignee(Assignee.userInDepartment(WANG, FIELD))
                .parent(parent.id())
                .interaction(data.interactionId()).interaction(data.interactionId()).interaction(data.interactionId())
                .requirement(data.requirementId()).requirement(data.requirementId())
                .change(ServiceCaseStatus.NEW, ServiceCaseStatus.ASSIGNED, "agent-1", t.plusSeconds(60), "接手")
                .change(ServiceCaseStatus.ASSIGNED, ServiceCaseStatus.PENDING_CUSTOMER, "王五", t.plusNanos(120_000_001_000L), null)
                .change(ServiceCaseStatus.PENDING_CUSTOMER, ServiceCaseStatus.RESOLVED, "o'brien", t.plusSeconds(180),
                        TestStrings.NASTY)
                .createdBy("系统")
                .updatedAt(t.plusSeconds(180))
                .version(4)
                .build();
        ServiceCase minimal = data.serviceCase(other.id()).subject("s").build();
        insert(parent, full, minimal);

        assertSameServiceCase(stored(full.id()), full);
        assertSameServiceCase(stored(minimal.id()), minimal);
        assertThat(stored(minimal.id()).history()).isEmpty();
        assertThat(stored(minimal.id()).interactionIds()).isEmpty();
    }

    @Test
    void responseFactsAndServiceLevelMarksReadBackAndChangeWithAnUpdate() {
        Instant t = data.now();
        ServiceCase c = data.serviceCase(customer.id())
                .responses(new CaseResponses(Optional.of(t.plusSeconds(60)), Optional.of(t.plusNanos(120_000_001_000L)),
                        Optional.empty()))
                .sla(new SlaMarks(Optional.of("VIP 客户 " + TestStrings.SQL_INJECTION), Optional.of(t.plusSeconds(3600)),
                        Optional.of(t.plusSeconds(1800)), Optional.of(t.plusSeconds(1800)), Optional.of(t.minusSeconds(5)),
                        EnumSet.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION), EnumSet.of(SlaMetric.NEXT_RESPONSE)))
                .build();
        insert(c);
        assertSameServiceCase(stored(c.id()), c);

        ServiceCase marked = c.marked(new SlaMarks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(t.minusSeconds(5)), EnumSet.allOf(SlaMetric.class), EnumSet.allOf(SlaMetric.class)), t.plusSeconds(9));
        write(r -> r.serviceCases().update(marked));
        assertSameServiceCase(stored(c.id()), marked);
        assertThatThrownBy(() -> write(r -> r.serviceCases().update(c.marked(SlaMarks.NONE, t))))
                .isInstanceOf(ConflictException.class);
        assertSameServiceCase(stored(c.id()), marked);
    }

    /** Cases of both customers with due, check and breach instants (or none) in a few hours around now, ties included. */
    private List<ServiceCase> withSla() {
        Random random = new Random(12);
        Instant t = data.now();
        List<ServiceCase> cases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            cases.add(data.serviceCase(random.nextBoolean() ? customer.id() : other.id())
                    .sla(random.nextInt(4) == 0 ? null : t.plusSeconds(600L * random.nextInt(8)),
                            random.nextInt(4) == 0 ? null : t.plusSeconds(600L * random.nextInt(8)),
                            random.nextInt(3) == 0 ? null : t.plusSeconds(600L * random.nextInt(8)))
                    .build());
        }
        return cases;
    }

    private static Comparator<ServiceCase> by(java.util.function.Function<ServiceCase, Optional<Instant>> time) {
        return Comparator.comparing((ServiceCase c) -> time.apply(c).orElseThrow()).thenComparing(c -> c.id().value(), Uuid7.ORDER);
    }

    @Test
    void dueBeforeListsTheCasesDueBeforeTheInstantEarliestFirstInPages() {
        List<ServiceCase> all = withSla();
        insert(all);
        Instant before = data.now().plusSeconds(600L * 4);
        List<UUID> expected = idsOf(sorted(all.stream().filter(c -> c.sla().dueAt().map(d -> d.isBefore(before)).orElse(false))
                .toList(), by(c -> c.sla().dueAt())));
        assertThat(expected).as("the generated cases have some due before and some after").isNotEmpty().hasSizeLessThan(all.size());
        for (int limit : PAGE_LIMITS) {
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.serviceCases().dueBefore(before, AccessScope.everything(), p))))
                    .as("pages of %d", limit).containsExactlyElementsOf(expected);
        }
        assertThat(readAllPages(MAX, (r, p) -> r.serviceCases().dueBefore(before, AccessScope.nothing(), p))).isEmpty();
        assertThat(readAllPages(MAX, (r, p) -> r.serviceCases().dueBefore(data.now(), AccessScope.everything(), p)))
                .as("before is exclusive").isEmpty();
    }

    @Test
    void breachedBetweenListsTheCasesBreachedInTheHalfOpenPeriodEarliestFirstInPages() {
        List<ServiceCase> all = withSla();
        insert(all);
        Instant from = data.now().plusSeconds(600L);
        Instant to = data.now().plusSeconds(600L * 5);
        List<UUID> expected = idsOf(sorted(all.stream().filter(c -> c.sla().breachedAt()
                .map(b -> !b.isBefore(from) && b.isBefore(to)).orElse(false)).toList(), by(c -> c.sla().breachedAt())));
        assertThat(expected).isNotEmpty().hasSizeLessThan(all.size());
        for (int limit : PAGE_LIMITS) {
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.serviceCases().breachedBetween(from, to, AccessScope.everything(), p))))
                    .as("pages of %d", limit).containsExactlyElementsOf(expected);
        }
        assertThat(readAllPages(MAX, (r, p) -> r.serviceCases().breachedBetween(from, to, AccessScope.nothing(), p))).isEmpty();
    }

    @Test
    void slaCheckDueReadsTheEarliestCasesToCheckUpToTheLimit() {
        List<ServiceCase> all = withSla();
        insert(all);
        Instant now = data.now().plusSeconds(600L * 3);
        List<UUID> due = idsOf(sorted(all.stream().filter(c -> c.sla().checkAt().map(x -> !x.isAfter(now)).orElse(false))
                .toList(), by(c -> c.sla().checkAt())));
        assertThat(due).hasSizeGreaterThan(3);
        assertThat(idsOf(read(r -> r.serviceCases().slaCheckDue(now, Optional.empty(), 1_000)))).as("at or before now")
                .containsExactlyElementsOf(due);
        List<ServiceCase> first = read(r -> r.serviceCases().slaCheckDue(now, Optional.empty(), 3));
        assertThat(idsOf(first)).containsExactlyElementsOf(due.subList(0, 3));
        Optional<ServiceCaseRepository.CheckPosition> after = Optional.of(ServiceCaseRepository.CheckPosition.of(first.get(2)));
        assertThat(idsOf(read(r -> r.serviceCases().slaCheckDue(now, after, 1_000)))).as("after the third")
                .containsExactlyElementsOf(due.subList(3, due.size()));
        List<ServiceCase> none = read(r -> r.serviceCases().slaCheckDue(data.now().minusSeconds(1), Optional.empty(), 10));
        assertThat(none).isEmpty();
    }

    @Test
    void findByIdOfAnUnknownCaseIsEmpty() {
        insert(data.serviceCase(customer.id()).build());

        assertThat(readOne(r -> r.serviceCases().findById(data.serviceCaseId()))).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredCase() {
        ServiceCase first = data.serviceCase(customer.id()).subject("first").build();
        insert(first);
        ServiceCase again = data.serviceCase(customer.id()).id(first.id()).subject("again").build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertSameServiceCase(stored(first.id()), first);
    }

    @Test
    void updateReplacesDetailsHistoryAndLinks() {
        ServiceCase v1 = data.serviceCase(customer.id()).interaction(data.interactionId()).build();
        insert(v1);
        data.clock().advance(Duration.ofHours(1));
        ServiceCase v2 = v1.assign(ServiceCaseStatus.DEFAULT_WORKFLOW, Assignee.user(LI), LI, data.now());
        write(r -> r.serviceCases().update(v2));
        data.clock().advance(Duration.ofHours(1));
        ServiceCase v3 = v2.linkInteraction(data.interactionId(), data.now());
        write(r -> r.serviceCases().update(v3));
        ServiceCase v4 = v3.linkRequirement(data.requirementId(), data.now())
                .transition(ServiceCaseStatus.DEFAULT_WORKFLOW, ServiceCaseStatus.ON_HOLD, LI, data.now(), Optional.of("等配件"))
                .withDetails("新主题 " + TestStrings.EMOJI, Optional.empty(), "complaint", Priority.HIGH, data.now())
                .withParent(Optional.of(data.serviceCaseId()), data.now());
        ServiceCase v5 = new ServiceCase(v4.id(), v4.customerId(), v4.subject(), v4.description(), v4.origin(), v4.type(),
                v4.priority(), v4.status(), v4.assignee(), v4.parentId(), v4.interactionIds(), v4.requirementIds(),
                v4.history(), v4.createdBy(), v4.createdAt(), v4.updatedAt(), v3.version() + 1); // four changes in one write
        write(r -> r.serviceCases().update(v5));

        assertSameServiceCase(stored(v1.id()), v5);
        assertThat(stored(v1.id()).history()).hasSize(2);
        assertThat(stored(v1.id()).interactionIds()).hasSize(2);

        ServiceCase relinked = data.serviceCase(customer.id()).id(v1.id()).interaction(data.interactionId())
                .version(v5.version() + 1).build(); // other links, a shorter history: stored as given
        write(r -> r.serviceCases().update(relinked));
        assertSameServiceCase(stored(v1.id()), relinked);
    }

    @Test
    void updateWithWrongVersionConflictsAndChangesNothing() {
        ServiceCase v1 = data.serviceCase(customer.id()).build();
        insert(v1);
        ServiceCase sameVersion = data.serviceCase(customer.id()).id(v1.id()).subject("lost").version(1).build();
        ServiceCase skipping = data.serviceCase(customer.id()).id(v1.id()).subject("lost").version(3).build();

        assertThatThrownBy(() -> write(r -> r.serviceCases().update(sameVersion))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(r -> r.serviceCases().update(skipping))).isInstanceOf(ConflictException.class);
        assertSameServiceCase(stored(v1.id()), v1);
    }

    @Test
    void twoUpdatesFromTheSameVersionLetOnlyTheFirstWin() {
        ServiceCase v1 = data.serviceCase(customer.id()).build();
        insert(v1);
        ServiceCase mine = v1.transition(ServiceCaseStatus.DEFAULT_WORKFLOW, ServiceCaseStatus.RESOLVED, LI, data.now(),
                Optional.empty()).linkInteraction(data.interactionId(), data.now());
        ServiceCase mineAtV2 = new ServiceCase(mine.id(), mine.customerId(), mine.subject(), mine.description(), mine.origin(),
                mine.type(), mine.priority(), mine.status(), mine.assignee(), mine.parentId(), mine.interactionIds(),
                mine.requirementIds(), mine.history(), mine.createdBy(), mine.createdAt(), mine.updatedAt(), 2);
        ServiceCase theirs = v1.transition(ServiceCaseStatus.DEFAULT_WORKFLOW, ServiceCaseStatus.REJECTED, WANG, data.now(),
                Optional.empty());

        write(r -> r.serviceCases().update(mineAtV2));
        assertThatThrownBy(() -> write(r -> r.serviceCases().update(theirs))).isInstanceOf(ConflictException.class);
        assertSameServiceCase(stored(v1.id()), mineAtV2);
    }

    @Test
    void updateOfAnUnknownCaseThrowsNotFound() {
        ServiceCase ghost = data.serviceCase(customer.id()).version(2).build();

        assertThatThrownBy(() -> write(r -> r.serviceCases().update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(readOne(r -> r.serviceCases().findById(ghost.id()))).isEmpty();
    }

    /** Cases over both customers, every status, priority, origin and assignee shape, created a minute apart. */
    private List<ServiceCase> generated() {
        Random random = new Random(12);
        List<ServiceCase> all = new ArrayList<>();
        ServiceCaseId parent = null;
        List<Optional<Assignee>> assignees = List.of(Optional.empty(), Optional.of(Assignee.user(LI)),
                Optional.of(Assignee.department(SERVICE)), Optional.of(Assignee.userInDepartment(WANG, SERVICE)),
                Optional.of(Assignee.userInDepartment(LI, FIELD)));
        List<String> types = List.of("repair", "complaint", "退货");
        for (int i = 0; i < 40; i++) {
            ServiceCase c = data.serviceCase(i % 3 == 0 ? other.id() : customer.id())
                    .status(ServiceCaseStatus.values()[random.nextInt(ServiceCaseStatus.values().length)])
                    .priority(Priority.values()[random.nextInt(Priority.values().length)])
                    .origin(ServiceCaseOrigin.values()[random.nextInt(ServiceCaseOrigin.values().length)])
                    .type(types.get(random.nextInt(types.size())))
                    .assignee(assignees.get(random.nextInt(assignees.size())).orElse(null))
                    .parent(i % 4 == 1 ? parent : null)
                    .build();
            if (i == 0) {
                parent = c.id();
            }
            all.add(c);
            data.clock().advance(Duration.ofMinutes(1));
        }
        return all;
    }

    @Test
    void searchFindsTheCasesMatchingEveryCriterionInIdOrder() {
        Instant start = data.now();
        List<ServiceCase> all = generated();
        List<ServiceCase> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(3));
        insert(shuffled);
        ServiceCaseQuery q = ServiceCaseQuery.all();
        List<ServiceCaseQuery> queries = List.of(q, q.customer(customer.id()), q.customer(data.customerId()),
                q.status(ServiceCaseStatus.NEW), q.status(ServiceCaseStatus.RESOLVED, ServiceCaseStatus.CLOSED),
                q.openOnly(), q.openOnly().status(ServiceCaseStatus.ON_HOLD, ServiceCaseStatus.CLOSED),
                q.openOnly().status(ServiceCaseStatus.CLOSED), q.assigneeUser(LI), q.assigneeUser(WANG).openOnly(),
                q.assigneeUser(UserRef.of("nobody")), q.assigneeDepartment(SERVICE), q.assigneeDepartment(FIELD).openOnly(),
                q.priority(Priority.URGENT), q.type("退货"), q.type("repair").priority(Priority.LOW), q.type("repair%"),
                q.childrenOf(all.get(0).id()), q.createdBetween(start.plus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(15))),
                q.createdBetween(start, start), q.customer(other.id()).openOnly().assigneeDepartment(SERVICE)
                        .createdBetween(start, start.plus(Duration.ofHours(1))));
        for (ServiceCaseQuery query : queries) {
            List<UUID> expected = idsOf(sorted(all.stream().filter(query::matches).toList(), byId(c -> c.id().value())));
            assertThat(idsOf(readAllPages(MAX, (r, p) -> r.serviceCases().search(query, AccessScope.everything(), p))))
                    .as("%s", query).containsExactlyElementsOf(expected);
            assertThat(idsOf(readAllPages(3, (r, p) -> r.serviceCases().search(query, AccessScope.everything(), p))))
                    .as("%s in pages of 3", query).containsExactlyElementsOf(expected);
            long counted = read(r -> r.serviceCases().count(query, AccessScope.everything()));
            assertThat(counted).as("count of %s", query).isEqualTo(expected.size());
            long none = read(r -> r.serviceCases().count(query, AccessScope.nothing()));
            assertThat(none).as("count of %s, no access", query).isZero();
        }
        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.serviceCases().search(q.openOnly(), AccessScope.everything(), p))))
                .as("the generated cases cover open and closed ones").isNotEmpty().hasSizeLessThan(all.size());
        assertThat(readAllPages(MAX, (r, p) -> r.serviceCases().search(q, AccessScope.nothing(), p))).isEmpty();
    }

    @Test
    void searchPagesOverEachCaseOnce() {
        List<ServiceCase> all = generated();
        insert(all);
        List<UUID> idOrder = idsOf(sorted(all, byId(c -> c.id().value())));

        for (int limit : PAGE_LIMITS) {
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.serviceCases().search(ServiceCaseQuery.all(), AccessScope.everything(), p))))
                    .as("search, limit %d", limit).containsExactlyElementsOf(idOrder);
        }
    }
}
