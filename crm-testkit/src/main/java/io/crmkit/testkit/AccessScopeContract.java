package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link AccessScope} every listing takes: for many random scopes (everything, nothing, an
 * owner, departments, shares with users and departments, and mixes of them, as the access policy makes them),
 * every listing returns exactly the records an oracle in plain Java admits, in the listing's order, on pages of
 * several sizes (so a storage that filters after paging, or pages before filtering, loses or repeats records).
 *
 * <p>The oracle is the meaning of a scope: a customer is admitted by its owner, its department or a customer
 * share with one of the scope's grantees; a task by its assignee user or its creator, its assignee department, or
 * a task share; an opportunity by its owner, its department or an opportunity share; a campaign by its owner or its
 * department; a need, survey response, purchase or outbox message by its customer (a record whose customer is
 * not stored is admitted only by a scope of everything). The data is generated from a fixed seed: 300 customers
 * over four owners and five departments (and none), needs, tasks, responses, purchases and messages belonging to
 * them, shares of customers and tasks (some of the wrong kind for their record, some removed again).
 */
public abstract class AccessScopeContract extends StorageContractSupport {
    private static final long SEED = 20_261_202L;
    private static final int CUSTOMERS = 300;
    private static final int RECORDS = 160;
    private static final List<UserRef> USERS = List.of(UserRef.of("u1"), UserRef.of("u2"), UserRef.of("王五"),
            UserRef.of("o'brien"));
    private static final List<DepartmentRef> DEPARTMENTS = List.of(DepartmentRef.of("d1"), DepartmentRef.of("d2"),
            DepartmentRef.of("销售部"), DepartmentRef.of("客服部"), DepartmentRef.of("d%_5"));
    /** A user who owns, is assigned and created nothing: only shares admit records to them. */
    private static final UserRef OUTSIDER = UserRef.of("u9");
    /** A department that holds nothing. */
    private static final DepartmentRef EMPTY = DepartmentRef.of("空");
    private static final List<Grantee> GRANTEES = List.of(USERS.get(0), USERS.get(1), USERS.get(2), USERS.get(3), OUTSIDER,
            DEPARTMENTS.get(0), DEPARTMENTS.get(1), DEPARTMENTS.get(2), DEPARTMENTS.get(3), DEPARTMENTS.get(4), EMPTY);
    /** Page sizes the scopes take turns with; every scope is also read in pages of {@link PageRequest#MAX_LIMIT}. */
    private static final int[] LIMITS = {7, 16, 3, 40};

    private final Random random = new Random(SEED);
    private final List<Customer> customers = new ArrayList<>();
    private final Map<CustomerId, Customer> customersById = new HashMap<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<SurveyResponse> surveys = new ArrayList<>();
    private final List<Purchase> purchases = new ArrayList<>();
    private final List<OutboxMessage> messages = new ArrayList<>();
    private final List<Opportunity> opportunities = new ArrayList<>();
    private final List<io.crmkit.core.marketing.Campaign> campaigns = new ArrayList<>();
    /** The shares stored at the end of the setup, as (kind, record, grantee). */
    private final Set<List<Object>> shares = new HashSet<>();
    private final List<AccessScope> scopes = new ArrayList<>();
    private LocalDate today;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected AccessScopeContract(StorageFactory factory) {
        super(factory);
    }

    // ---- data -------------------------------------------------------------------------------------------

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> Optional<T> maybe(List<T> values, double absent) {
        return random.nextDouble() < absent ? Optional.empty() : Optional.of(pick(values));
    }

    private <T> Set<T> some(List<T> values, int max) {
        Set<T> chosen = new HashSet<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(values));
        }
        return chosen;
    }

    private LocalDate dueDate() {
        return today.plusDays(random.nextInt(21) - 10);
    }

    /** A customer of the generated ones, or now and then one that is not stored. */
    private CustomerId customerOfARecord(List<CustomerId> orphans) {
        return random.nextInt(25) == 0 ? pick(orphans) : pick(customers).id();
    }

    @BeforeEach
    void generate() {
        today = data.today();
        for (int i = 0; i < CUSTOMERS; i++) {
            Customer.Builder b = (i % 2 == 0 ? data.person("Customer " + i) : data.organization("客户 " + i))
                    .owner(maybe(USERS, 0.2).orElse(null))
                    .department(maybe(DEPARTMENTS, 1.0 / 6).orElse(null));
            if (random.nextInt(10) == 0) {
                b.archivedAt(data.now());
            }
            customers.add(b.build());
            data.clock().advance(Duration.ofMillis(1));
        }
        customers.forEach(c -> customersById.put(c.id(), c));
        List<CustomerId> orphans = List.of(data.customerId(), data.customerId());
        List<RequirementStatus> requirementStatuses = List.of(RequirementStatus.values());
        List<TaskStatus> taskStatuses = List.of(TaskStatus.values());
        List<DeliveryStatus> deliveryStatuses = List.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.FAILED);
        List<UserRef> creators = new ArrayList<>(USERS);
        creators.add(UserRef.of("agent-1"));
        for (int i = 0; i < RECORDS; i++) {
            requirements.add(data.requirement(customerOfARecord(orphans)).assignee(maybe(USERS, 0.2).orElse(null))
                    .status(pick(requirementStatuses)).dueDate(random.nextInt(3) == 0 ? null : dueDate()).build());
            Optional<UserRef> user = maybe(USERS, 0.4);
            Optional<DepartmentRef> department = maybe(DEPARTMENTS, 0.4);
            Assignee assignee = user.isPresent() || department.isPresent() ? new Assignee(user, department) : null;
            tasks.add(data.task("任务 " + i).assignee(assignee).creator(pick(creators).id()).status(pick(taskStatuses))
                    .dueDate(random.nextInt(3) == 0 ? null : dueDate()).build());
            surveys.add(data.surveyResponse(customerOfARecord(orphans), SurveyKind.CSAT, 1 + random.nextInt(5)).build());
            purchases.add(data.purchase(customerOfARecord(orphans), "9.99", "CNY").build());
            messages.add(data.outboxMessage(customerOfARecord(orphans), data.interactionId(), new MessageContent.Sms("您好 " + i))
                    .status(pick(deliveryStatuses)).build());
            opportunities.add(data.opportunity(pick(customers).id(), "机会 " + i, "100", "CNY", dueDate())
                    .owner(pick(creators).id()).department(maybe(DEPARTMENTS, 0.3).orElse(null))
                    .stage(pick(Pipeline.DEFAULT.stages()).code()).build());
            campaigns.add(data.campaign("活动 " + i).owner(pick(creators).id()).department(maybe(DEPARTMENTS, 0.3).orElse(null))
                    .build());
            data.clock().advance(Duration.ofMillis(1));
        }
        List<Share> stored = new ArrayList<>();
        for (Customer c : customers) {
            for (Grantee g : random.nextInt(5) == 0 ? some(GRANTEES, 2) : Set.<Grantee>of()) {
                stored.add(share(RecordKind.CUSTOMER, c.id().value(), g));
            }
        }
        for (Task t : tasks) {
            for (Grantee g : random.nextInt(5) == 0 ? some(GRANTEES, 2) : Set.<Grantee>of()) {
                stored.add(share(RecordKind.TASK, t.id().value(), g));
            }
        }
        for (Opportunity o : opportunities) {
            for (Grantee g : random.nextInt(5) == 0 ? some(GRANTEES, 2) : Set.<Grantee>of()) {
                stored.add(share(RecordKind.OPPORTUNITY, o.id().value(), g));
            }
        }
        for (int i = 0; i < 12; i++) { // shares of the wrong kind for their record admit nothing
            stored.add(share(RecordKind.TASK, pick(opportunities).id().value(), pick(GRANTEES)));
            stored.add(share(RecordKind.TASK, pick(customers).id().value(), pick(GRANTEES)));
            stored.add(share(RecordKind.CUSTOMER, pick(tasks).id().value(), pick(GRANTEES)));
        }
        List<Share> removed = new ArrayList<>();
        for (Share s : stored) {
            if (random.nextInt(10) == 0) {
                removed.add(s);
            } else {
                shares.add(List.of(s.kind(), s.recordId(), s.grantee()));
            }
        }
        write(r -> {
            r.customers().insertAll(customers);
            requirements.forEach(r.requirements()::insert);
            tasks.forEach(r.tasks()::insert);
            surveys.forEach(r.surveys()::insert);
            purchases.forEach(r.purchases()::insert);
            messages.forEach(r.outbox()::insert);
            opportunities.forEach(r.opportunities()::insert);
            campaigns.forEach(r.campaigns()::insert);
            stored.forEach(r.shares()::put);
        });
        write(r -> removed.forEach(s -> r.shares().remove(s.kind(), s.recordId(), s.grantee())));
        for (Share s : removed) { // shares removed and put again count
            if (random.nextBoolean() && shares.add(List.of(s.kind(), s.recordId(), s.grantee()))) {
                write(r -> r.shares().put(s));
            }
        }
        generateScopes();
    }

    private Share share(RecordKind kind, UUID record, Grantee grantee) {
        return new Share(kind, record, grantee, random.nextBoolean() ? ShareAccess.READ : ShareAccess.EDIT, ShareCause.MANUAL,
                pick(USERS), data.now());
    }

    private void generateScopes() {
        scopes.add(AccessScope.everything());
        scopes.add(AccessScope.nothing());
        for (UserRef user : USERS) {
            scopes.add(scope(Optional.of(user), Set.of(), Set.of()));
            // as the access policy makes a department level: the user, their departments and shares with either
            Set<DepartmentRef> departments = some(DEPARTMENTS, 3);
            Set<Grantee> grantees = new HashSet<>(departments);
            grantees.add(user);
            scopes.add(scope(Optional.of(user), departments, grantees));
        }
        scopes.add(scope(Optional.of(OUTSIDER), Set.of(), Set.of()));
        scopes.add(scope(Optional.empty(), Set.of(EMPTY), Set.of()));
        scopes.add(scope(Optional.empty(), Set.copyOf(DEPARTMENTS), Set.of()));
        scopes.add(scope(Optional.empty(), Set.of(), Set.of(OUTSIDER)));
        scopes.add(scope(Optional.empty(), Set.of(), Set.of(EMPTY, OUTSIDER)));
        for (int i = 0; i < 4; i++) {
            scopes.add(scope(Optional.empty(), some(DEPARTMENTS, 5), Set.of()));
            scopes.add(scope(Optional.empty(), Set.of(), some(GRANTEES, 4)));
            scopes.add(scope(maybe(List.of(USERS.get(0), USERS.get(2), OUTSIDER), 0.3), some(DEPARTMENTS, 2), some(GRANTEES, 3)));
        }
    }

    private static AccessScope scope(Optional<UserRef> owner, Set<DepartmentRef> departments, Set<Grantee> sharedWith) {
        return new AccessScope(false, owner, departments, sharedWith);
    }

    // ---- the oracle -------------------------------------------------------------------------------------

    private boolean shared(RecordKind kind, UUID record, AccessScope scope) {
        return scope.sharedWith().stream().anyMatch(g -> shares.contains(List.of(kind, record, g)));
    }

    private boolean admits(AccessScope scope, Customer c) {
        return scope.unrestricted()
                || (scope.owner().isPresent() && c.owner().equals(scope.owner()))
                || (c.department().isPresent() && scope.departments().contains(c.department().get()))
                || shared(RecordKind.CUSTOMER, c.id().value(), scope);
    }

    private boolean admitsCustomer(AccessScope scope, CustomerId id) {
        Customer c = customersById.get(id);
        return scope.unrestricted() || (c != null && admits(scope, c));
    }

    private boolean admits(AccessScope scope, Task t) {
        Optional<UserRef> user = t.assignee().flatMap(Assignee::user);
        Optional<DepartmentRef> department = t.assignee().flatMap(Assignee::department);
        return scope.unrestricted()
                || (scope.owner().isPresent() && (user.equals(scope.owner()) || t.creator().equals(scope.owner().get())))
                || (department.isPresent() && scope.departments().contains(department.get()))
                || shared(RecordKind.TASK, t.id().value(), scope);
    }

    /** A campaign by its owner or its department; campaigns are not shared. */
    private boolean admits(AccessScope scope, io.crmkit.core.marketing.Campaign c) {
        return scope.unrestricted()
                || (scope.owner().isPresent() && c.owner().equals(scope.owner().get()))
                || (c.department().isPresent() && scope.departments().contains(c.department().get()));
    }

    @Test
    void campaignListingsHoldWhatTheScopeAdmits() {
        check("campaigns", campaigns, c -> true, this::admits, CampaignRepositoryContract.START_ORDER, c -> c.id().value(),
                (r, s, p) -> r.campaigns().search(io.crmkit.core.marketing.CampaignQuery.all(), s, p));
        for (UserRef user : USERS) {
            check("campaigns of " + user, campaigns, c -> c.owner().equals(user), this::admits,
                    CampaignRepositoryContract.START_ORDER, c -> c.id().value(),
                    (r, s, p) -> r.campaigns().search(io.crmkit.core.marketing.CampaignQuery.all().owner(user), s, p));
        }
    }

    private boolean admits(AccessScope scope, Opportunity o) {
        return scope.unrestricted()
                || (scope.owner().isPresent() && o.owner().equals(scope.owner().get()))
                || (o.department().isPresent() && scope.departments().contains(o.department().get()))
                || shared(RecordKind.OPPORTUNITY, o.id().value(), scope);
    }

    /** One storage query of a listing, under a scope. */
    @FunctionalInterface
    private interface Listing<T> {
        Page<T> page(Repositories r, AccessScope scope, PageRequest page);
    }

    /**
     * Checks a listing under every scope: on pages of {@link PageRequest#MAX_LIMIT} and of one of {@link #LIMITS},
     * it returns the records that match its criteria and that the scope admits, in {@code order}. The scopes must
     * also tell records apart: some admit a part of the matching records, so a listing that ignored them fails.
     */
    private <T> void check(String name, List<T> records, Predicate<T> matches, BiPredicate<AccessScope, T> admits,
                           Comparator<T> order, Function<T, UUID> id, Listing<T> listing) {
        List<T> matching = records.stream().filter(matches).toList();
        boolean someScopeChose = false;
        for (int i = 0; i < scopes.size(); i++) {
            AccessScope scope = scopes.get(i);
            List<UUID> expected = ids(sorted(matching.stream().filter(t -> admits.test(scope, t)).toList(), order), id);
            someScopeChose |= !expected.isEmpty() && expected.size() < matching.size();
            for (int limit : new int[] {PageRequest.MAX_LIMIT, LIMITS[i % LIMITS.length]}) {
                assertThat(ids(readAllPages(limit, (r, p) -> listing.page(r, scope, p)), id))
                        .as("%s under %s, pages of %d", name, scope, limit)
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(someScopeChose).as("%s: some scope admits some of the %d matching records but not all", name,
                matching.size()).isTrue();
    }

    // ---- the listings -----------------------------------------------------------------------------------

    @Test
    void customerSearchesListWhatTheScopeAdmits() {
        Comparator<Customer> byId = byId(c -> c.id().value());
        check("customers", customers, c -> !c.isArchived(), this::admits, byId, c -> c.id().value(),
                (r, s, p) -> r.customers().search(CustomerQuery.all(), s, p));
        check("customers with archived ones", customers, c -> true, this::admits, byId, c -> c.id().value(),
                (r, s, p) -> r.customers().search(CustomerQuery.all().includeArchived(true), s, p));
        check("customers named customer 1*", customers,
                c -> !c.isArchived() && c.displayName().toLowerCase(Locale.ROOT).startsWith("customer 1"), this::admits, byId,
                c -> c.id().value(), (r, s, p) -> r.customers().search(CustomerQuery.all().nameStartsWith("Customer 1"), s, p));
    }

    @Test
    void needListingsListWhatTheScopeAdmitsOfTheirCustomers() {
        BiPredicate<AccessScope, Requirement> admits = (s, q) -> admitsCustomer(s, q.customerId());
        for (UserRef user : USERS) {
            check("open needs of " + user, requirements, q -> q.status().isOpen() && q.assignee().equals(Optional.of(user)),
                    admits, byId(q -> q.id().value()), q -> q.id().value(),
                    (r, s, p) -> r.requirements().openByAssignee(user, s, p));
        }
        check("overdue needs", requirements, q -> q.isOverdue(today), admits,
                Comparator.comparing((Requirement q) -> q.dueDate().orElseThrow()).thenComparing(q -> q.id().value(), Uuid7.ORDER),
                q -> q.id().value(), (r, s, p) -> r.requirements().overdue(today, s, p));
    }

    @Test
    void taskListingsListWhatTheScopeAdmits() {
        for (UserRef user : USERS) {
            check("open tasks of " + user, tasks,
                    t -> t.status().isOpen() && t.assignee().flatMap(Assignee::user).equals(Optional.of(user)), this::admits,
                    TaskRepositoryContract.OPEN_ORDER, t -> t.id().value(), (r, s, p) -> r.tasks().openByUser(user, s, p));
        }
        for (DepartmentRef department : DEPARTMENTS) {
            check("open tasks of " + department, tasks,
                    t -> t.status().isOpen() && t.assignee().flatMap(Assignee::department).equals(Optional.of(department)),
                    this::admits, TaskRepositoryContract.OPEN_ORDER, t -> t.id().value(),
                    (r, s, p) -> r.tasks().openByDepartment(department, s, p));
        }
        check("overdue tasks", tasks, t -> t.isOverdue(today), this::admits, TaskRepositoryContract.OPEN_ORDER,
                t -> t.id().value(), (r, s, p) -> r.tasks().overdue(today, s, p));
    }

    @Test
    void opportunityListingsAndTheForecastHoldWhatTheScopeAdmits() {
        check("opportunities", opportunities, o -> true, this::admits, OpportunityRepositoryContract.CLOSE_ORDER,
                o -> o.id().value(), (r, s, p) -> r.opportunities().search(OpportunityQuery.all(), s, p));
        check("open opportunities", opportunities, Opportunity::isOpen, this::admits, OpportunityRepositoryContract.CLOSE_ORDER,
                o -> o.id().value(), (r, s, p) -> r.opportunities().search(OpportunityQuery.all().openOnly(), s, p));
        for (UserRef user : USERS) {
            check("opportunities of " + user, opportunities, o -> o.owner().equals(user), this::admits,
                    OpportunityRepositoryContract.CLOSE_ORDER, o -> o.id().value(),
                    (r, s, p) -> r.opportunities().search(OpportunityQuery.all().owner(user), s, p));
        }
        for (AccessScope scope : scopes) {
            long admitted = opportunities.stream().filter(o -> admits(scope, o)).count();
            List<ForecastRow> rows = read(r -> r.opportunities().forecastByMonth(ForecastQuery.byMonth().byOwner(), scope));
            assertThat(rows.stream().mapToLong(ForecastRow::count).sum()).as("forecast under %s", scope).isEqualTo(admitted);
        }
    }

    @Test
    void listingsOfWhatBelongsToCustomersListWhatTheScopeAdmitsOfTheirCustomers() {
        check("survey responses", surveys, x -> true, (s, x) -> admitsCustomer(s, x.customerId()), byId(x -> x.id().value()),
                x -> x.id().value(), (r, s, p) -> r.surveys().search(SurveyQuery.all(), s, p));
        check("purchases", purchases, x -> true, (s, x) -> admitsCustomer(s, x.customerId()), byId(x -> x.id().value()),
                x -> x.id().value(), (r, s, p) -> r.purchases().search(PurchaseQuery.all(), s, p));
        for (DeliveryStatus status : List.of(DeliveryStatus.QUEUED, DeliveryStatus.FAILED)) {
            check(status + " messages", messages, m -> m.status() == status, (s, m) -> admitsCustomer(s, m.customerId()),
                    byId(m -> m.id().value()), m -> m.id().value(), (r, s, p) -> r.outbox().byStatus(status, s, p));
        }
    }
}
