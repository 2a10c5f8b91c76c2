package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.document.Download;
import io.crmkit.core.document.NewDocument;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentHierarchy;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leak matrix: six actors (an owner, a department member, a manager of the department above, a member of
 * another department, a user without roles, the system) against customers owned, departmental, shared and
 * unowned, and what belongs to them, on every read path of the services. Each path returns exactly the
 * records its actor may see, and lists return them across pages without gaps, repeats or extra counts. One
 * test per path, so that removing the filter of one path fails its test.
 *
 * <p>The matrix, by customer name (owner / department; shares): {@code c1} olga / sales-east, {@code c2} dan /
 * sales-east, {@code c3} wes / sales-west, {@code c4} sam / service, {@code c5} an unowned organisation,
 * {@code c6} sam / service shared with nora, {@code c7} wes / sales-west shared with the service department.
 * Departments: sales-east and sales-west are below sales; service stands alone.
 */
public abstract class AccessContract extends StorageContractSupport {
    static final DepartmentRef SALES = DepartmentRef.of("sales");
    static final DepartmentRef SALES_EAST = DepartmentRef.of("sales-east");
    static final DepartmentRef SALES_WEST = DepartmentRef.of("sales-west");
    static final DepartmentRef SERVICE = DepartmentRef.of("service");
    /** The assignee of every need, so that {@code assignedToUser} lists one need per customer. */
    static final UserRef HANDLER = UserRef.of("handler");

    /** Owners see their own records; they may not export. */
    static final Actor OLGA = new Actor(UserRef.of("olga"), Set.of("rep"), Set.of(SALES_EAST));
    static final Actor DAN = new Actor(UserRef.of("dan"), Set.of("team"), Set.of(SALES_EAST));
    static final Actor MIA = new Actor(UserRef.of("mia"), Set.of("team"), Set.of(SALES));
    static final Actor OSCAR = new Actor(UserRef.of("oscar"), Set.of("team"), Set.of(SERVICE));
    static final Actor NORA = new Actor(UserRef.of("nora"), Set.of(), Set.of(SALES_EAST));
    static final Actor SYSTEM = Actor.SYSTEM;

    /** Which customers each actor sees. */
    static final Map<Actor, Set<String>> SEES = Map.of(
            OLGA, Set.of("c1"),
            DAN, Set.of("c1", "c2"),
            MIA, Set.of("c1", "c2", "c3", "c7"),
            OSCAR, Set.of("c4", "c6", "c7"),
            NORA, Set.of("c6"),
            SYSTEM, Set.of("c1", "c2", "c3", "c4", "c5", "c6", "c7"));
    /** Which tasks each actor sees: t1 for olga, t2 for sales-west, t3 for service by oscar, t4 for zed shared with nora, t5 for dan in sales-east. */
    static final Map<Actor, Set<String>> SEES_TASKS = Map.of(
            OLGA, Set.of("t1"),
            DAN, Set.of("t5"),
            MIA, Set.of("t2", "t5"),
            OSCAR, Set.of("t3"),
            NORA, Set.of("t4"),
            SYSTEM, Set.of("t1", "t2", "t3", "t4", "t5"));
    /**
     * Which opportunities each actor sees: o1 olga's without department, o2 dan's in sales-east, o3 wes's in
     * sales-west, o4 oscar's in service, o5 zed's shared with nora, o6 olga's in sales-west.
     */
    static final Map<Actor, Set<String>> SEES_OPPORTUNITIES = Map.of(
            OLGA, Set.of("o1", "o6"),
            DAN, Set.of("o2"),
            MIA, Set.of("o2", "o3", "o6"),
            OSCAR, Set.of("o4"),
            NORA, Set.of("o5"),
            SYSTEM, Set.of("o1", "o2", "o3", "o4", "o5", "o6"));
    /**
     * Which campaigns each actor sees (campaigns are not shared): k1 olga's without department, k2 dan's in sales-east,
     * k3 wes's in sales-west, k4 oscar's in service, k5 olga's in sales-west.
     */
    static final Map<Actor, Set<String>> SEES_CAMPAIGNS = Map.of(
            OLGA, Set.of("k1", "k5"),
            DAN, Set.of("k2"),
            MIA, Set.of("k2", "k3", "k5"),
            OSCAR, Set.of("k4"),
            NORA, Set.of(),
            SYSTEM, Set.of("k1", "k2", "k3", "k4", "k5"));
    /**
     * Which documents each actor sees, all linked to c1: d1 olga's without department, d2 dan's in sales-east, d3 wes's in
     * sales-west, d4 oscar's in service, d5 zed's granted to nora to read, d6 zed's granted to the service department to edit.
     */
    static final Map<Actor, Set<String>> SEES_DOCUMENTS = Map.of(
            OLGA, Set.of("d1"),
            DAN, Set.of("d2"),
            MIA, Set.of("d2", "d3"),
            OSCAR, Set.of("d4", "d6"),
            NORA, Set.of("d5"),
            SYSTEM, Set.of("d1", "d2", "d3", "d4", "d5", "d6"));
    /**
     * Which communication policies each actor sees (policies are not shared): p1 olga's, p2 dan's in sales-east, p3
     * sales-west's without a user, p4 oscar's in service.
     */
    static final Map<Actor, Set<String>> SEES_POLICIES = Map.of(
            OLGA, Set.of("p1"),
            DAN, Set.of("p2"),
            MIA, Set.of("p2", "p3"),
            OSCAR, Set.of("p4"),
            NORA, Set.of(),
            SYSTEM, Set.of("p1", "p2", "p3", "p4"));

    /** Which projects each actor sees (as campaigns: by owner and department, not shared); each holds t1 to t5. */
    static final Map<Actor, Set<String>> SEES_PROJECTS = Map.of(
            OLGA, Set.of("p1", "p5"),
            DAN, Set.of("p2"),
            MIA, Set.of("p2", "p3", "p5"),
            OSCAR, Set.of("p4"),
            NORA, Set.of(),
            SYSTEM, Set.of("p1", "p2", "p3", "p4", "p5"));
    /**
     * The notices in each actor's inbox, by the record they are about: t1 assigned to olga, t5 to dan, d5 granted to nora,
     * d6 to the service department; t3 (to service) is oscar's own doing, t2 goes to sales-west (mia is in sales, above it).
     */
    static final Map<Actor, Set<String>> SEES_NOTICES = Map.of(
            OLGA, Set.of("t1"),
            DAN, Set.of("t5"),
            MIA, Set.of(),
            OSCAR, Set.of("d6"),
            NORA, Set.of("d5"),
            SYSTEM, Set.of());

    static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("rep", AccessLevel.OWN, RecordKind.CUSTOMER, Action.READ, Action.CREATE, Action.EDIT)
            .grantAll("rep", AccessLevel.OWN, RecordKind.INTERACTION, RecordKind.REQUIREMENT, RecordKind.TASK,
                    RecordKind.SURVEY, RecordKind.PURCHASE, RecordKind.MESSAGE)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, RecordKind.INTERACTION, RecordKind.REQUIREMENT,
                    RecordKind.TASK, RecordKind.SURVEY, RecordKind.PURCHASE, RecordKind.MESSAGE)
            .grantAll("rep", AccessLevel.OWN, RecordKind.SERVICE_CASE)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.SERVICE_CASE)
            .grantAll("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.OPPORTUNITY)
            .grantAll("rep", AccessLevel.OWN, RecordKind.CAMPAIGN)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.CAMPAIGN)
            .grantAll("rep", AccessLevel.OWN, RecordKind.DOCUMENT)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.DOCUMENT)
            .grantAll("rep", AccessLevel.OWN, RecordKind.PROJECT)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.PROJECT)
            .grantAll("rep", AccessLevel.OWN, RecordKind.POLICY)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.POLICY)
            .departments(DepartmentHierarchy.ofParents(Map.of("sales-east", "sales", "sales-west", "sales")))
            .build();

    private static final List<Actor> ACTORS = List.of(OLGA, DAN, MIA, OSCAR, NORA, SYSTEM);
    private static final int PAGE = 2;

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Interaction> interactions = new LinkedHashMap<>();
    private final Map<String, Requirement> requirements = new LinkedHashMap<>();
    private final Map<String, SurveyResponse> surveys = new LinkedHashMap<>();
    private final Map<String, Purchase> purchases = new LinkedHashMap<>();
    private final Map<String, MessageResult> messages = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, ServiceCase> cases = new LinkedHashMap<>();
    private final Map<String, Opportunity> opportunities = new LinkedHashMap<>();
    private final Map<String, io.crmkit.core.marketing.Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, Document> documents = new LinkedHashMap<>();
    private final Map<String, io.crmkit.core.project.Project> projects = new LinkedHashMap<>();
    private final Map<String, io.crmkit.core.policy.CommunicationPolicy> policies = new LinkedHashMap<>();
    private @Nullable Crm crm;
    private final TestClock clock = TestClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    protected AccessContract(StorageFactory storages) {
        super(storages);
    }

    @BeforeEach
    void seed() {
        Crm crm = Crm.builder().storage(new KeptOpen(storage)).clock(clock)
                .access(POLICY)
                .service(ServiceSettings.builder().policy(SlaPolicy.builder("one hour")
                        .target(SlaMetric.RESOLUTION, Duration.ofHours(1)).build()).build())
                .messaging(MessagingSettings.builder().channel(RecordingChannel.of(ChannelKind.EMAIL)).build())
                .build();
        this.crm = crm;
        Customer org = organization("c5");
        customer("c1", "olga", SALES_EAST, org);
        customer("c2", "dan", SALES_EAST, null);
        customer("c3", "wes", SALES_WEST, null);
        customer("c4", "sam", SERVICE, org);
        customers.put("c5", org);
        customer("c6", "sam", SERVICE, null);
        customer("c7", "wes", SALES_WEST, null);
        crm.access().share(RecordKind.CUSTOMER, the(customers, "c6").id().value(), NORA.user(), ShareAccess.READ);
        crm.access().share(RecordKind.CUSTOMER, the(customers, "c7").id().value(), SERVICE, ShareAccess.EDIT);
        for (Map.Entry<String, Customer> e : customers.entrySet()) {
            String name = e.getKey();
            Customer c = e.getValue();
            interactions.put(name, crm.interactions().log(c.id(), Interaction.call(Direction.INBOUND).subject("call " + name)));
            requirements.put(name, crm.requirements().create(NewRequirement.of(c.id(), "need " + name)
                    .assignee(HANDLER).due(LocalDate.parse("2026-03-01"))));
            surveys.put(name, crm.surveys().record(NewSurveyResponse.nps(c.id(), 9)));
            purchases.put(name, crm.purchases().record(NewPurchase.of(c.id(), new BigDecimal("100.00"), "CNY")
                    .externalId("order-" + name)));
            messages.put(name, crm.messaging().send(MessageRequest.email(c.id()).subject("hello " + name).text("hi")));
            cases.put(name, crm.cases().create(NewServiceCase.of(c.id(), ServiceCaseOrigin.PHONE, "repair", "case " + name)
                    .assignTo(Assignee.userInDepartment(HANDLER, SERVICE)).interaction(the(interactions, name).id())));
        }
        LocalDate due = LocalDate.parse("2026-03-01");
        task("t1", Assignee.user(OLGA.user()), SYSTEM, due);
        task("t2", Assignee.department(SALES_WEST), SYSTEM, due);
        task("t3", Assignee.department(SERVICE), OSCAR, due);
        Task t4 = task("t4", Assignee.user(UserRef.of("zed")), SYSTEM, due);
        crm.access().share(RecordKind.TASK, t4.id().value(), NORA.user(), ShareAccess.READ);
        task("t5", Assignee.userInDepartment(DAN.user(), SALES_EAST), SYSTEM, due);
        opportunity("o1", "olga", null);
        opportunity("o2", "dan", SALES_EAST);
        opportunity("o3", "wes", SALES_WEST);
        opportunity("o4", "oscar", SERVICE);
        Opportunity o5 = opportunity("o5", "zed", null);
        crm.access().share(RecordKind.OPPORTUNITY, o5.id().value(), NORA.user(), ShareAccess.READ);
        opportunity("o6", "olga", SALES_WEST);
        campaign("k1", "olga", null);
        campaign("k2", "dan", SALES_EAST);
        campaign("k3", "wes", SALES_WEST);
        campaign("k4", "oscar", SERVICE);
        campaign("k5", "olga", SALES_WEST);
        document("d1", "olga", null);
        document("d2", "dan", SALES_EAST);
        document("d3", "wes", SALES_WEST);
        document("d4", "oscar", SERVICE);
        crm.documents().grant(document("d5", "zed", null).id(), NORA.user(), ShareAccess.READ);
        crm.documents().grant(document("d6", "zed", null).id(), SERVICE, ShareAccess.EDIT);
        project("p1", "olga", null);
        project("p2", "dan", SALES_EAST);
        project("p3", "wes", SALES_WEST);
        project("p4", "oscar", SERVICE);
        project("p5", "olga", SALES_WEST);
        policy("p1", Assignee.user(OLGA.user()));
        policy("p2", Assignee.userInDepartment(DAN.user(), SALES_EAST));
        policy("p3", Assignee.department(SALES_WEST));
        policy("p4", Assignee.userInDepartment(OSCAR.user(), SERVICE));
    }

    /** A project holding t1 to t5 (overdue, t4 also waiting): who sees it depends on its owner and department only. */
    private void project(String name, String owner, @Nullable DepartmentRef department) {
        io.crmkit.core.project.NewProject form = io.crmkit.core.project.NewProject.named(name).owner(UserRef.of(owner));
        if (department != null) {
            form.department(department);
        }
        io.crmkit.core.project.Project p = crm().projects().create(form);
        for (Task t : tasks.values()) {
            crm().projects().putTask(p.id(), io.crmkit.core.project.ProjectTask.of(t.id()));
        }
        if (projects.isEmpty()) {
            crm().tasks().transition(the(tasks, "t4").id(), io.crmkit.core.task.TaskStatus.WAITING, "等待 ' OR 1=1");
        }
        projects.put(name, crm().projects().require(p.id()));
    }

    /** A policy visiting every customer daily: who sees it depends on its owner only; its due customers on the reader. */
    private void policy(String name, Assignee owner) {
        policies.put(name, crm().policies().create(io.crmkit.core.policy.NewPolicy.named(name)
                .method(io.crmkit.core.policy.ContactMethod.VISIT).cadence(io.crmkit.core.policy.Cadence.everyDays(1))
                .owner(owner).activeFrom(LocalDate.parse("2026-01-01"))));
    }

    /** A document linked to c1: who sees it depends on its owner, department and grants only. */
    private Document document(String name, String owner, @Nullable DepartmentRef department) {
        NewDocument form = NewDocument.named(name + ".txt", "text/plain").owner(UserRef.of(owner))
                .linkTo(DocumentLink.customer(the(customers, "c1").id()));
        if (department != null) {
            form.department(department);
        }
        Document d = crm().documents().upload(form, new java.io.ByteArrayInputStream(
                ("content " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        documents.put(name, d);
        return d;
    }

    /** A campaign: who sees it depends on its owner and department only; c1 is its member. */
    private void campaign(String name, String owner, @Nullable DepartmentRef department) {
        io.crmkit.core.marketing.NewCampaign form = io.crmkit.core.marketing.NewCampaign.of(name,
                io.crmkit.core.messaging.ChannelKind.SMS, LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"),
                new BigDecimal("100"), "CNY").owner(UserRef.of(owner));
        if (department != null) {
            form.department(department);
        }
        io.crmkit.core.marketing.Campaign c = crm().campaigns().create(form);
        crm().campaigns().addMembers(c.id(), List.of(the(customers, "c1").id()));
        campaigns.put(name, c);
    }

    /** An opportunity of the unowned organisation c5: who sees it depends on its own owner and department only. */
    private Opportunity opportunity(String name, String owner, @Nullable DepartmentRef department) {
        NewOpportunity form = NewOpportunity.of(the(customers, "c5").id(), name, new BigDecimal("1000"), "CNY",
                LocalDate.parse("2026-06-30")).owner(UserRef.of(owner));
        if (department != null) {
            form.department(department);
        }
        Opportunity o = crm().opportunities().create(form);
        opportunities.put(name, o);
        return o;
    }

    @AfterEach
    void closeCrm() {
        Crm c = crm;
        if (c != null) {
            c.close();
        }
    }

    private Customer customer(String name, @Nullable String owner, @Nullable DepartmentRef department, @Nullable Customer org) {
        NewCustomer form = NewCustomer.person(name).email(name + "@example.com").phone("+86 138 0000 000" + name.charAt(1))
                .tag("vip").externalRef("erp", "ERP-" + name);
        if (owner != null) {
            form.owner(UserRef.of(owner));
        }
        if (department != null) {
            form.department(department);
        }
        if (org != null) {
            form.organization(org.id());
        }
        Customer c = crm().customers().create(form);
        customers.put(name, c);
        return c;
    }


    private Customer organization(String name) {
        return crm().customers().create(NewCustomer.organization(name).email(name + "@example.com").tag("vip")
                .externalRef("erp", "ERP-" + name));
    }

    private Task task(String name, Assignee assignee, Actor creator, LocalDate due) {
        Task t = crm().as(creator).tasks().create(NewTask.titled(name).assignTo(assignee).due(due));
        tasks.put(name, t);
        return t;
    }

    /** The value that must be in the map. */
    private static <K, V> V the(Map<K, V> map, K key) {
        return Objects.requireNonNull(map.get(key), () -> "no " + key);
    }

    /** The CRM of this test. */
    private Crm crm() {
        return Objects.requireNonNull(crm, "seeded");
    }

    /** The names, among those of {@code records}, whose record {@code seen} returns. */
    private static <R> Set<String> seen(Map<String, R> records, Function<R, Optional<?>> seen) {
        return records.entrySet().stream().filter(e -> seen.apply(e.getValue()).isPresent()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every item of a list, read page by page in pages of two. */
    private static <T> List<T> all(BiFunction<CrmServices, PageRequest, Page<T>> list, CrmServices s) {
        List<T> out = new ArrayList<>();
        Page<T> page = list.apply(s, PageRequest.first(PAGE));
        out.addAll(page.items());
        while (page.hasNext()) {
            assertThat(page.items()).as("a page before the last is full").hasSize(PAGE);
            page = list.apply(s, PageRequest.after(page.nextCursor().orElseThrow(), PAGE));
            out.addAll(page.items());
        }
        return out;
    }

    /** The names of the listed records, checking that none repeats. */
    private static <R, T> List<String> names(Map<String, R> records, List<T> listed, Function<T, Object> id, Function<R, Object> recordId) {
        Map<Object, String> byId = new LinkedHashMap<>();
        records.forEach((name, r) -> byId.put(recordId.apply(r), name));
        List<String> names = listed.stream().map(t -> byId.getOrDefault(id.apply(t), "unknown " + id.apply(t))).toList();
        assertThat(names).as("no record listed twice").doesNotHaveDuplicates();
        return names;
    }

    private static Set<String> childrenOf(Actor actor) {
        return the(SEES, actor);
    }

    @Test
    void customerGet() {
        for (Actor a : ACTORS) {
            assertThat(seen(customers, c -> crm().as(a).customers().get(c.id()))).as("get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES, a)));
        }
    }

    @Test
    void customerSearchAllAcrossPages() {
        for (Actor a : ACTORS) {
            List<Customer> listed = all((s, p) -> s.customers().search(CustomerQuery.all(), p), crm().as(a));
            assertThat(names(customers, listed, Customer::id, Customer::id)).as("search as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(SEES, a));
        }
    }

    @Test
    void customerSearchByEveryCriterion() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            for (Map.Entry<String, Customer> e : customers.entrySet()) {
                Customer c = e.getValue();
                boolean sees = the(SEES, a).contains(e.getKey());
                List<CustomerQuery> queries = new ArrayList<>(List.of(
                        CustomerQuery.all().nameStartsWith(e.getKey()),
                        CustomerQuery.all().nameContains(e.getKey()),
                        CustomerQuery.all().email(e.getKey() + "@example.com"),
                        CustomerQuery.all().externalRef("erp", "ERP-" + e.getKey()),
                        CustomerQuery.all().stage(c.stage()).nameStartsWith(e.getKey()),
                        CustomerQuery.all().tag("vip").nameStartsWith(e.getKey()),
                        CustomerQuery.all().includeArchived(true).nameStartsWith(e.getKey())));
                c.primaryPhone().ifPresent(ph -> queries.add(CustomerQuery.all().phone(ph.value())));
                c.owner().ifPresent(o -> queries.add(CustomerQuery.all().owner(o).nameStartsWith(e.getKey())));
                c.department().ifPresent(d -> queries.add(CustomerQuery.all().department(d).nameStartsWith(e.getKey())));
                for (CustomerQuery q : queries) {
                    assertThat(names(customers, s.customers().search(q, PageRequest.first(10)).items(), Customer::id, Customer::id))
                            .as("%s as %s", q, a.user()).isEqualTo(sees ? List.of(e.getKey()) : List.of());
                }
                assertThat(s.customers().findByExternalRef("erp", "ERP-" + e.getKey())).as("by external ref as %s", a.user())
                        .isEqualTo(sees ? Optional.of(c) : Optional.empty());
            }
            List<Customer> members = all((x, p) -> x.customers().search(CustomerQuery.all().memberOf(the(customers, "c5").id()), p), s);
            Set<String> expected = new TreeSet<>(the(SEES, a));
            expected.retainAll(Set.of("c1", "c4"));
            assertThat(names(customers, members, Customer::id, Customer::id)).as("members as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void customerExportTakesTheExportRight() {
        Map<Actor, Set<String>> exports = new LinkedHashMap<>(SEES);
        exports.put(OLGA, Set.of()); // reps read their customers but may not export them
        exports.put(NORA, Set.of()); // a share lends a record to read, not to export
        exports.put(OSCAR, Set.of("c4", "c6")); // c7 is only shared with his department
        for (Actor a : ACTORS) {
            List<Customer> out = new ArrayList<>();
            long count = crm().as(a).customers().export(CustomerQuery.all(), out::add);
            assertThat(names(customers, out, Customer::id, Customer::id)).as("export as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(exports, a));
            assertThat(count).isEqualTo(the(exports, a).size());
        }
    }

    @Test
    void timelineAndInteractionGet() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(interactions, i -> s.interactions().get(i.id()))).as("interaction get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            Set<String> withTimeline = new TreeSet<>();
            customers.forEach((name, c) -> {
                List<Interaction> timeline = all((x, p) -> x.interactions().timeline(c.id(), TimelineQuery.all(), p), s);
                if (!timeline.isEmpty()) {
                    assertThat(timeline).extracting(Interaction::customerId).containsOnly(c.id()); // the call and the email
                    assertThat(timeline).extracting(Interaction::id).contains(the(interactions, name).id());
                    withTimeline.add(name);
                }
            });
            assertThat(withTimeline).as("timelines as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
        }
    }

    @Test
    void needsGetByCustomerAssignedAndOverdue() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(requirements, r -> s.requirements().get(r.id()))).as("need get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            Set<String> byCustomer = new TreeSet<>();
            customers.forEach((name, c) -> {
                if (!all((x, p) -> x.requirements().ofCustomer(c.id(), p), s).isEmpty()) {
                    byCustomer.add(name);
                }
            });
            assertThat(byCustomer).as("needs of customer as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(names(requirements, all((x, p) -> x.requirements().assignedToUser(HANDLER, p), s), Requirement::id, Requirement::id))
                    .as("assigned needs as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
            assertThat(names(requirements, all((x, p) -> x.requirements().overdue(p), s), Requirement::id, Requirement::id))
                    .as("overdue needs as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
        }
    }

    @Test
    void surveysGetAndSearch() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(surveys, r -> s.surveys().get(r.id()))).as("survey get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(names(surveys, all((x, p) -> x.surveys().search(SurveyQuery.all(), p), s), SurveyResponse::id, SurveyResponse::id))
                    .as("survey search as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
        }
    }

    @Test
    void purchasesGetByExternalIdAndSearch() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(purchases, p -> s.purchases().get(p.id()))).as("purchase get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(seen(purchases, p -> s.purchases().findByExternalId(p.externalId().orElseThrow())))
                    .as("purchase by external id as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(names(purchases, all((x, p) -> x.purchases().search(PurchaseQuery.all(), p), s), Purchase::id, Purchase::id))
                    .as("purchase search as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
        }
    }

    @Test
    void messagesGetAndByStatus() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(messages, m -> s.messaging().get(m.messageId()))).as("message get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(names(messages, all((x, p) -> x.messaging().withStatus(DeliveryStatus.QUEUED, p), s), OutboxMessage::id, MessageResult::messageId))
                    .as("queued messages as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
        }
    }

    @Test
    void tasksGetAssignedAndOverdue() {
        List<UserRef> users = List.of(OLGA.user(), DAN.user(), UserRef.of("zed"));
        List<DepartmentRef> departments = List.of(SALES_EAST, SALES_WEST, SERVICE, SALES);
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(tasks, t -> s.tasks().get(t.id()))).as("task get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_TASKS, a)));
            Set<String> listed = new TreeSet<>();
            for (UserRef u : users) {
                listed.addAll(names(tasks, all((x, p) -> x.tasks().assignedToUser(u, p), s), Task::id, Task::id));
            }
            for (DepartmentRef d : departments) {
                listed.addAll(names(tasks, all((x, p) -> x.tasks().assignedToDepartment(d, p), s), Task::id, Task::id));
            }
            assertThat(listed).as("assigned tasks as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_TASKS, a)));
            assertThat(names(tasks, all((x, p) -> x.tasks().overdue(p), s), Task::id, Task::id))
                    .as("overdue tasks as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_TASKS, a));
        }
    }

    @Test
    void serviceCasesGetSearchOfCustomerAndAssigned() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(cases, c -> s.cases().get(c.id()))).as("case get as %s", a.user())
                    .isEqualTo(new TreeSet<>(childrenOf(a)));
            Set<String> byCustomer = new TreeSet<>();
            customers.forEach((name, c) -> {
                if (!all((x, p) -> x.cases().ofCustomer(c.id(), p), s).isEmpty()) {
                    byCustomer.add(name);
                }
            });
            assertThat(byCustomer).as("cases of customer as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
            for (ServiceCaseQuery q : List.of(ServiceCaseQuery.all(), ServiceCaseQuery.all().openOnly().type("repair"),
                    ServiceCaseQuery.all().assigneeDepartment(SERVICE).createdBetween(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))) {
                assertThat(names(cases, all((x, p) -> x.cases().search(q, p), s), ServiceCase::id, ServiceCase::id))
                        .as("%s as %s", q, a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
                assertThat(s.cases().count(q)).as("count of %s as %s", q, a.user()).isEqualTo(childrenOf(a).size());
            }
            assertThat(names(cases, all((x, p) -> x.cases().assignedToUser(HANDLER, p), s), ServiceCase::id, ServiceCase::id))
                    .as("assigned cases as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
            assertThat(names(cases, all((x, p) -> x.cases().assignedToDepartment(SERVICE, p), s), ServiceCase::id, ServiceCase::id))
                    .as("department's cases as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
            assertThat(seen(cases, c -> Optional.of(c).filter(x -> s.access().can(Action.READ, RecordKind.SERVICE_CASE, x.id().value()))))
                    .as("can read cases as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
        }
    }

    @Test
    void campaignGetMembersAndResults() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(campaigns, c -> s.campaigns().get(c.id()))).as("campaign get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_CAMPAIGNS, a)));
            assertThat(seen(campaigns, c -> s.campaigns().member(c.id(), the(customers, "c1").id()).map(m -> c)))
                    .as("campaign member as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_CAMPAIGNS, a)));
            assertThat(seen(campaigns, c -> optional(() -> s.campaigns().results(c.id())).map(r -> c)))
                    .as("campaign results as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_CAMPAIGNS, a)));
            assertThat(seen(campaigns, c -> optional(() -> s.campaigns().members(c.id(), io.crmkit.core.PageRequest.first(5)))
                    .map(p -> c))).as("campaign members as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_CAMPAIGNS, a)));
        }
    }

    /** What {@code call} returns, or empty if it reports the record missing. */
    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (io.crmkit.core.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Test
    void campaignSearchAcrossPages() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(campaigns, all((x, p) -> x.campaigns().search(io.crmkit.core.marketing.CampaignQuery.all(), p), s),
                    io.crmkit.core.marketing.Campaign::id, io.crmkit.core.marketing.Campaign::id))
                    .as("campaign search as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_CAMPAIGNS, a));
            assertThat(names(campaigns, all((x, p) -> x.campaigns().search(io.crmkit.core.marketing.CampaignQuery.all()
                            .activeOn(LocalDate.parse("2026-06-15")), p), s),
                    io.crmkit.core.marketing.Campaign::id, io.crmkit.core.marketing.Campaign::id))
                    .as("campaigns active in June as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_CAMPAIGNS, a));
        }
    }

    @Test
    void opportunityGet() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(opportunities, o -> s.opportunities().get(o.id()))).as("opportunity get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_OPPORTUNITIES, a)));
        }
    }

    @Test
    void opportunitySearchAndOfCustomerAcrossPages() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(opportunities, all((x, p) -> x.opportunities().search(OpportunityQuery.all(), p), s),
                    Opportunity::id, Opportunity::id)).as("opportunity search as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(SEES_OPPORTUNITIES, a));
            assertThat(names(opportunities, all((x, p) -> x.opportunities().search(OpportunityQuery.all().openOnly()
                    .closingBetween(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-07-01")), p), s),
                    Opportunity::id, Opportunity::id)).as("open opportunities of June as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(SEES_OPPORTUNITIES, a));
            assertThat(names(opportunities, all((x, p) -> x.opportunities().ofCustomer(the(customers, "c5").id(), p), s),
                    Opportunity::id, Opportunity::id)).as("opportunities of c5 as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(SEES_OPPORTUNITIES, a));
        }
    }

    @Test
    void opportunityForecast() {
        for (Actor a : ACTORS) {
            List<ForecastRow> rows = crm().as(a).opportunities().forecast(ForecastQuery.byQuarter().byOwner()).totals();
            assertThat(rows.stream().mapToLong(ForecastRow::count).sum()).as("forecast count as %s", a.user())
                    .isEqualTo(the(SEES_OPPORTUNITIES, a).size());
            assertThat(rows.stream().map(r -> r.amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("forecast amount as %s", a.user())
                    .isEqualByComparingTo(new BigDecimal(1000 * the(SEES_OPPORTUNITIES, a).size()));
            Set<String> owners = new TreeSet<>();
            the(SEES_OPPORTUNITIES, a).forEach(n -> owners.add(the(opportunities, n).owner().id()));
            assertThat(rows).extracting(r -> r.owner().orElseThrow().id()).as("owners in the forecast as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(owners);
        }
    }

    @Test
    void serviceCaseLevelsDueBreachedClocksAndStats() {
        Instant start = clock.instant();
        Instant later = start.plus(Duration.ofDays(1));
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(cases, all((x, p) -> x.cases().dueBefore(later, p), s), ServiceCase::id, ServiceCase::id))
                    .as("cases due as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
        }
        clock.advance(Duration.ofHours(2));
        assertThat(crm().cases().checkSla()).isEqualTo(cases.size());
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(cases, all((x, p) -> x.cases().breachedBetween(start, later, p), s), ServiceCase::id, ServiceCase::id))
                    .as("cases breached as %s", a.user()).containsExactlyInAnyOrderElementsOf(childrenOf(a));
            assertThat(seen(cases, c -> {
                try {
                    return Optional.of(s.cases().sla(c.id()));
                } catch (io.crmkit.core.NotFoundException e) {
                    return Optional.empty();
                }
            })).as("case clocks as %s", a.user()).isEqualTo(new TreeSet<>(childrenOf(a)));
            assertThat(s.cases().stats(start, later).all().cases()).as("stats as %s", a.user()).isEqualTo(childrenOf(a).size());
        }
    }

    @Test
    void canAnswersAsTheReadPathsDo() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(customers, c -> Optional.of(c).filter(x -> s.access().can(Action.READ, RecordKind.CUSTOMER, x.id().value()))))
                    .as("can read customers as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES, a)));
            assertThat(seen(tasks, t -> Optional.of(t).filter(x -> s.access().can(Action.READ, RecordKind.TASK, x.id().value()))))
                    .as("can read tasks as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_TASKS, a)));
            assertThat(seen(opportunities, o -> Optional.of(o).filter(x -> s.access().can(Action.READ, RecordKind.OPPORTUNITY, x.id().value()))))
                    .as("can read opportunities as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_OPPORTUNITIES, a)));
            assertThat(seen(campaigns, c -> Optional.of(c).filter(x -> s.access().can(Action.READ, RecordKind.CAMPAIGN, x.id().value()))))
                    .as("can read campaigns as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_CAMPAIGNS, a)));
            assertThat(seen(documents, d -> Optional.of(d).filter(x -> s.access().can(Action.READ, RecordKind.DOCUMENT, x.id().value()))))
                    .as("can read documents as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_DOCUMENTS, a)));
        }
    }

    @Test
    void documentGet() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(documents, d -> s.documents().get(d.id()))).as("document get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_DOCUMENTS, a)));
        }
    }

    @Test
    void documentOpenRecordsOnlyDownloadsItAllows() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(documents, d -> {
                try (Download download = s.documents().open(d.id())) {
                    return Optional.of(download.content().readAllBytes());
                } catch (io.crmkit.core.NotFoundException e) {
                    return Optional.empty();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("document open as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_DOCUMENTS, a)));
        }
        for (Map.Entry<String, Document> e : documents.entrySet()) {
            long readers = ACTORS.stream().filter(a -> the(SEES_DOCUMENTS, a).contains(e.getKey())).count();
            assertThat(crm().documents().downloads(e.getValue().id(), PageRequest.first(PageRequest.MAX_LIMIT)).items())
                    .as("downloads of %s", e.getKey()).hasSize((int) readers);
        }
    }

    @Test
    void documentDownloadsAndGrants() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(documents, d -> {
                try {
                    return Optional.of(s.documents().downloads(d.id(), PageRequest.first(10)));
                } catch (io.crmkit.core.NotFoundException e) {
                    return Optional.empty();
                }
            })).as("document downloads as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_DOCUMENTS, a)));
            assertThat(seen(documents, d -> {
                try {
                    return Optional.of(s.documents().grants(d.id()));
                } catch (io.crmkit.core.NotFoundException e) {
                    return Optional.empty();
                }
            })).as("document grants as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_DOCUMENTS, a)));
        }
    }

    @Test
    void documentSearchAcrossPagesAndByTheirCustomer() {
        DocumentLink c1 = DocumentLink.customer(the(customers, "c1").id());
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(documents, all((x, p) -> x.documents().search(DocumentQuery.all(), p), s), Document::id,
                    Document::id)).as("document search as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_DOCUMENTS, a));
            Set<String> ofC1 = the(SEES, a).contains("c1") ? the(SEES_DOCUMENTS, a) : Set.of();
            assertThat(names(documents, all((x, p) -> x.documents().search(DocumentQuery.all().linkedTo(c1), p), s),
                    Document::id, Document::id)).as("documents of c1 as %s", a.user()).containsExactlyInAnyOrderElementsOf(ofC1);
        }
    }

    @Test
    void documentLinksShowOnlyReadableRecords() {
        DocumentLink c1 = DocumentLink.customer(the(customers, "c1").id());
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            List<DocumentLink> expected = the(SEES, a).contains("c1") ? List.of(c1) : List.of();
            for (String name : the(SEES_DOCUMENTS, a)) {
                assertThat(s.documents().require(the(documents, name).id()).links()).as("links of %s as %s", name, a.user())
                        .isEqualTo(expected);
            }
            for (Document d : all((x, p) -> x.documents().search(DocumentQuery.all(), p), s)) {
                assertThat(d.links()).as("links of %s in a search as %s", d.name(), a.user()).isEqualTo(expected);
            }
        }
    }

    // ---- duplicates: twins c1' .. c7' of every customer (same email, owner, department, organisation, shares), and
    // x, zed's, holding c1's email, which only the system sees

    /** Stores the twins and x; returns every customer by name, the originals too. */
    private Map<String, Customer> twins() {
        Map<String, Customer> all = new LinkedHashMap<>(customers);
        for (Map.Entry<String, Customer> e : customers.entrySet()) {
            Customer c = e.getValue();
            NewCustomer form = NewCustomer.of(c.kind(), c.displayName()).email(c.emails().get(0).value()).tag("vip");
            c.owner().ifPresent(form::owner);
            c.department().ifPresent(form::department);
            c.organizationId().ifPresent(form::organization);
            all.put(e.getKey() + "'", crm().customers().create(form));
        }
        crm().access().share(RecordKind.CUSTOMER, the(all, "c6'").id().value(), NORA.user(), ShareAccess.READ);
        crm().access().share(RecordKind.CUSTOMER, the(all, "c7'").id().value(), SERVICE, ShareAccess.EDIT);
        all.put("x", crm().customers().create(NewCustomer.person("x").email("c1@example.com").owner(UserRef.of("zed"))));
        return all;
    }

    /** The pairs of names, "a+b" with a before b, of the customers among {@code visible} that share an email. */
    private static Set<String> pairsSharingAnEmail(Map<String, Customer> all, Set<String> visible) {
        Set<String> pairs = new TreeSet<>();
        for (String a : visible) {
            for (String b : visible) {
                if (a.compareTo(b) < 0 && the(all, a).emails().get(0).equals(the(all, b).emails().get(0))) {
                    pairs.add(a + "+" + b);
                }
            }
        }
        return pairs;
    }

    private static Set<String> pairNames(Map<String, Customer> all, java.util.Collection<io.crmkit.core.dedup.DuplicateCandidate> found) {
        Map<io.crmkit.core.customer.CustomerId, String> byId = new LinkedHashMap<>();
        all.forEach((name, c) -> byId.put(c.id(), name));
        Set<String> pairs = new TreeSet<>();
        for (io.crmkit.core.dedup.DuplicateCandidate c : found) {
            String a = byId.getOrDefault(c.first(), "unknown " + c.first());
            String b = byId.getOrDefault(c.second(), "unknown " + c.second());
            pairs.add(a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a);
        }
        return pairs;
    }

    private static Set<String> withTwins(Actor a) {
        Set<String> visible = new TreeSet<>();
        for (String name : the(SEES, a)) {
            visible.add(name);
            visible.add(name + "'");
        }
        if (a == SYSTEM) {
            visible.add("x");
        }
        return visible;
    }

    @Test
    void duplicateFind() {
        Map<String, Customer> all = twins();
        for (Actor a : ACTORS) {
            assertThat(pairNames(all, crm().as(a).duplicates().find(io.crmkit.core.dedup.DuplicateQuery.all())))
                    .as("duplicates found as %s", a.user()).isEqualTo(pairsSharingAnEmail(all, withTwins(a)));
        }
    }

    @Test
    void duplicateScan() {
        Map<String, Customer> all = twins();
        for (Actor a : ACTORS) {
            List<io.crmkit.core.dedup.DuplicateCandidate> found = new ArrayList<>();
            long count = crm().as(a).duplicates().scan(io.crmkit.core.dedup.DuplicateQuery.all(), found::add);
            assertThat(count).as("scan count as %s", a.user()).isEqualTo(found.size());
            assertThat(pairNames(all, found)).as("duplicates scanned as %s", a.user())
                    .isEqualTo(pairsSharingAnEmail(all, withTwins(a)));
        }
    }

    /** Each customer merged with its twin (the original wins), by the system. */
    private Map<String, io.crmkit.core.dedup.Merge> mergeTwins() {
        Map<String, Customer> all = twins();
        Map<String, io.crmkit.core.dedup.Merge> merges = new LinkedHashMap<>();
        for (String name : customers.keySet()) {
            merges.put(name, crm().duplicates().merge(crm().customers().require(the(all, name).id()),
                    List.of(crm().customers().require(the(all, name + "'").id())), "twin"));
        }
        return merges;
    }

    @Test
    void duplicateGetMerge() {
        Map<String, io.crmkit.core.dedup.Merge> merges = mergeTwins();
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(merges, m -> s.duplicates().getMerge(m.id()))).as("getMerge as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES, a)));
        }
    }

    @Test
    void duplicateMergesOfACustomerAcrossPages() {
        Map<String, io.crmkit.core.dedup.Merge> merges = mergeTwins();
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            Set<String> listed = new TreeSet<>();
            for (Map.Entry<String, Customer> e : customers.entrySet()) {
                List<io.crmkit.core.dedup.Merge> of = all((x, p) -> x.duplicates().merges(e.getValue().id(), p), s);
                if (!of.isEmpty()) {
                    assertThat(of).as("merges of %s as %s", e.getKey(), a.user()).singleElement()
                            .satisfies(m -> assertThat(m.id()).isEqualTo(the(merges, e.getKey()).id()));
                    listed.add(e.getKey());
                }
            }
            assertThat(listed).as("merges listed as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES, a)));
        }
    }

    @Test
    void projectGet() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(projects, p -> s.projects().get(p.id()))).as("project get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_PROJECTS, a)));
            assertThat(seen(projects, p -> Optional.of(p).filter(x -> s.access().can(Action.READ, RecordKind.PROJECT, x.id().value()))))
                    .as("can read projects as %s", a.user()).isEqualTo(new TreeSet<>(the(SEES_PROJECTS, a)));
        }
    }

    @Test
    void projectListAcrossPages() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(names(projects, all((x, p) -> x.projects().list(p), s), io.crmkit.core.project.Project::id,
                    io.crmkit.core.project.Project::id))
                    .as("project list as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_PROJECTS, a));
        }
    }

    @Test
    void projectTaskListingsShowOnlyReadableTasksAndProgressCountsAll() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            for (String name : the(SEES_PROJECTS, a)) {
                io.crmkit.core.project.ProjectId id = the(projects, name).id();
                assertThat(names(tasks, all((x, p) -> x.projects().overdue(id, p), s), Task::id, Task::id))
                        .as("overdue of %s as %s", name, a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_TASKS, a));
                assertThat(names(tasks, all((x, p) -> x.projects().blocked(id, p), s), b -> b.task().id(), Task::id))
                        .as("blocked of %s as %s", name, a.user())
                        .containsExactlyInAnyOrderElementsOf(the(SEES_TASKS, a).contains("t4") ? Set.of("t4") : Set.of());
                assertThat(s.projects().progress(id).project().total()).isEqualTo(5);
            }
            for (String name : projects.keySet()) {
                if (!the(SEES_PROJECTS, a).contains(name)) {
                    io.crmkit.core.project.ProjectId id = the(projects, name).id();
                    assertThat(optional(() -> s.projects().progress(id))).as("progress of %s as %s", name, a.user()).isEmpty();
                    assertThat(optional(() -> s.projects().overdue(id, PageRequest.first(10)))).isEmpty();
                }
            }
        }
    }

    @Test
    void noticeInboxHoldsOnlyTheActorsAndTheirDepartments() {
        Map<String, Object> records = new LinkedHashMap<>();
        tasks.forEach((n, t) -> records.put(n, t.id().value()));
        documents.forEach((n, d) -> records.put(n, d.id().value()));
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            List<io.crmkit.core.notification.InboxEntry> inbox = all((x, p) -> x.notifications().inbox(p), s);
            assertThat(names(records, inbox, e -> e.notice().recordId(), r -> r)).as("inbox as %s", a.user())
                    .containsExactlyInAnyOrderElementsOf(the(SEES_NOTICES, a));
            assertThat(s.notifications().unreadCount()).isEqualTo(the(SEES_NOTICES, a).size());
            for (Actor other : ACTORS) {
                for (io.crmkit.core.notification.InboxEntry e : all((x, p) -> x.notifications().inbox(p), crm().as(other))) {
                    boolean mine = inbox.stream().anyMatch(m -> m.notice().id().equals(e.notice().id()));
                    assertThat(s.notifications().get(e.notice().id()).isPresent()).as("%s gets a notice of %s", a.user(),
                            other.user()).isEqualTo(mine);
                    assertThat(s.access().can(Action.READ, RecordKind.NOTICE, e.notice().id().value())).isEqualTo(mine || a.isSystem());
                }
            }
        }
    }

    @Test
    void policyGetSearchAndDueCustomers() {
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            assertThat(seen(policies, p -> s.policies().get(p.id()))).as("policy get as %s", a.user())
                    .isEqualTo(new TreeSet<>(the(SEES_POLICIES, a)));
            assertThat(names(policies, all((x, p) -> x.policies().search(p), s), io.crmkit.core.policy.CommunicationPolicy::id,
                    io.crmkit.core.policy.CommunicationPolicy::id))
                    .as("policy search as %s", a.user()).containsExactlyInAnyOrderElementsOf(the(SEES_POLICIES, a));
            for (String name : the(SEES_POLICIES, a)) {
                io.crmkit.core.policy.PolicyId id = the(policies, name).id();
                assertThat(names(customers, all((x, p) -> x.policies().due(id, LocalDate.parse("2026-03-02"), p), s),
                        io.crmkit.core.policy.DueContact::customerId, Customer::id))
                        .as("due customers of %s as %s", name, a.user()).containsExactlyInAnyOrderElementsOf(the(SEES, a));
            }
        }
    }

    @Test
    void webhookEndpointsAndTheirLogOnlyForTheSystem() {
        io.crmkit.core.webhook.WebhookEndpoint e = crm().webhooks().register(
                io.crmkit.core.webhook.NewWebhookEndpoint.of("https://203.0.113.7/crm"));
        for (Actor a : ACTORS) {
            CrmServices s = crm().as(a);
            List<Runnable> reads = List.of(() -> s.webhooks().get(e.id()),
                    () -> s.webhooks().list(PageRequest.first(PAGE)),
                    () -> s.webhooks().deliveries(e.id(), PageRequest.first(PAGE)),
                    () -> s.webhooks().attempts(e.id(), PageRequest.first(PAGE)),
                    () -> s.webhooks().attemptsOfEvent(e.id().value(), PageRequest.first(PAGE)));
            for (Runnable read : reads) {
                if (a == SYSTEM) {
                    read.run();
                } else {
                    org.assertj.core.api.Assertions.assertThatThrownBy(read::run).as("webhooks as %s", a.user())
                            .isInstanceOf(io.crmkit.core.AccessDeniedException.class);
                }
            }
            assertThat(s.access().can(Action.READ, RecordKind.WEBHOOK_ENDPOINT, e.id().value()))
                    .as("can read the endpoint as %s", a.user()).isEqualTo(a == SYSTEM);
        }
        assertThat(crm().webhooks().list(PageRequest.first(PAGE)).items()).extracting(x -> x.id()).containsExactly(e.id());
    }
}
