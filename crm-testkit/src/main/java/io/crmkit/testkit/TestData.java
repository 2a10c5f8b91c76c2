package io.crmkit.testkit;

import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.task.TaskId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds valid domain objects for tests: customers, interactions, needs, tasks, survey responses,
 * purchases, outbox messages and service cases, with time-ordered (version 7) ids and timestamps from a settable {@link TestClock}.
 * Objects made one after another by one {@code TestData} have increasing ids, so their id order is
 * their creation order. Thread-safe.
 *
 * <pre>{@code
 * TestData data = TestData.create();
 * Customer c = data.person("张三").tags(Set.of("vip")).build();
 * data.clock().advance(Duration.ofHours(1));
 * Interaction call = data.interaction(c.id()).subject("回访").build();
 * }</pre>
 */
public final class TestData {
    private final TestClock clock;
    private final Uuid7 ids;

    private TestData(TestClock clock, Uuid7 ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /** Test data with a clock at {@link TestClock#DEFAULT_START}. */
    public static TestData create() {
        return with(TestClock.create());
    }

    /** Test data with a clock at {@code start} (truncated to microseconds). */
    public static TestData at(Instant start) {
        return with(TestClock.at(start));
    }

    /** Test data whose timestamps and id times come from {@code clock}. */
    public static TestData with(TestClock clock) {
        return new TestData(Objects.requireNonNull(clock, "clock"), Uuid7.using(clock));
    }

    /** The clock every timestamp comes from; set or advance it to control time. */
    public TestClock clock() {
        return clock;
    }

    /** The clock's current instant (microsecond precision). */
    public Instant now() {
        return clock.instant();
    }

    /** The clock's current date in UTC. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A fresh time-ordered UUID. */
    public UUID uuid() {
        return ids.next();
    }

    /** A fresh customer id. */
    public CustomerId customerId() {
        return new CustomerId(uuid());
    }

    /** A fresh interaction id. */
    public InteractionId interactionId() {
        return new InteractionId(uuid());
    }

    /** A fresh need id. */
    public RequirementId requirementId() {
        return new RequirementId(uuid());
    }

    /** A fresh task id. */
    public TaskId taskId() {
        return new TaskId(uuid());
    }

    /** A fresh survey response id. */
    public SurveyResponseId surveyResponseId() {
        return new SurveyResponseId(uuid());
    }

    /** A fresh outbound message id. */
    public MessageId messageId() {
        return new MessageId(uuid());
    }

    /** A fresh service case id. */
    public ServiceCaseId serviceCaseId() {
        return new ServiceCaseId(uuid());
    }

    /** A fresh purchase id. */
    public PurchaseId purchaseId() {
        return new PurchaseId(uuid());
    }

    /** A fresh opportunity id. */
    public OpportunityId opportunityId() {
        return new OpportunityId(uuid());
    }

    /**
     * A minimal person, version 1, stage {@code LEAD}, created and updated now; every optional field
     * empty. Set more on the returned builder.
     */
    public Customer.Builder person(String displayName) {
        return customer(CustomerKind.PERSON, displayName);
    }

    /** A minimal organisation; see {@link #person(String)}. */
    public Customer.Builder organization(String displayName) {
        return customer(CustomerKind.ORGANIZATION, displayName);
    }

    private Customer.Builder customer(CustomerKind kind, String displayName) {
        Instant now = now();
        return Customer.builder()
                .id(customerId())
                .kind(kind)
                .displayName(displayName)
                .stage(LifecycleStage.LEAD)
                .createdAt(now)
                .updatedAt(now)
                .version(1);
    }

    /**
     * A person with every field filled, with text that storage tends to get wrong: several emails and
     * phones, addresses with and without optional parts, tags, attributes of every type, consents for two
     * channels, two external references (system {@code "erp"} and {@code "shop"}, ids derived from
     * {@code key}), owner, department, job title, time zone. Not archived, no organisation.
     *
     * @param key makes the external references and the contact points unique among customers of one test
     */
    public Customer.Builder fullPerson(String displayName, String key) {
        Instant now = now();
        int n = Math.floorMod(key.hashCode(), 90_000_000) + 10_000_000;
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("备注", AttributeValue.of(TestStrings.NASTY));
        attributes.put("credit-limit", AttributeValue.of(new BigDecimal("1234567.8901")));
        attributes.put("negative", AttributeValue.of(new BigDecimal("-0.000001")));
        attributes.put("visits", AttributeValue.of(42));
        attributes.put("birthday", AttributeValue.of(LocalDate.of(1990, 2, 28)));
        attributes.put("vip", AttributeValue.of(true));
        attributes.put("blocked", AttributeValue.of(false));
        attributes.put("empty-text", AttributeValue.of(""));
        return person(displayName)
                .emails(List.of(EmailAddress.of("first." + key + "@example.com"), EmailAddress.of("用户" + key + "@例子.公司")))
                .phones(List.of(new PhoneNumber("+86138" + n), new PhoneNumber("+4930" + n)))
                .addresses(List.of(
                        new PostalAddress("建国路88号 " + TestStrings.SQL_INJECTION, "北京", Optional.of("朝阳区"),
                                Optional.of("100022"), Optional.of("CN")),
                        new PostalAddress("", "Berlin", Optional.empty(), Optional.empty(), Optional.empty())))
                .tags(new LinkedHashSet<>(List.of("vip", "重点客户", "z-last", "a-first")))
                .attributes(attributes)
                .stage(LifecycleStage.CUSTOMER)
                .owner(UserRef.of("owner-" + key))
                .department(DepartmentRef.of("销售部"))
                .externalRefs(List.of(ExternalRef.of("erp", "C-" + key), ExternalRef.of("shop", key + "'%_\\")))
                .consent(new Consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, now.minus(Duration.ofDays(30)),
                        "web form " + TestStrings.EMOJI))
                .consent(new Consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, now.minus(Duration.ofDays(1)),
                        "回复TD退订"))
                .jobTitle("采购经理 " + TestStrings.EMOJI)
                .timeZone(ZoneId.of("Asia/Shanghai"));
    }

    /** A call logged now by {@code "agent-1"}, inbound, no subject or notes. */
    public InteractionBuilder interaction(CustomerId customer) {
        return new InteractionBuilder(interactionId(), customer, now());
    }

    /** A new need (status NEW, priority NORMAL) created now by {@code "agent-1"}, version 1. */
    public RequirementBuilder requirement(CustomerId customer) {
        return new RequirementBuilder(requirementId(), customer, now());
    }

    /** A task not started yet, priority NORMAL, unassigned, created now by {@code "agent-1"}, version 1. */
    public TaskBuilder task(String title) {
        return new TaskBuilder(taskId(), title, now());
    }

    /** A survey response given now, without comment, touchpoint or channel. */
    public SurveyResponseBuilder surveyResponse(CustomerId customer, SurveyKind kind, int score) {
        return new SurveyResponseBuilder(surveyResponseId(), customer, kind, score, now());
    }

    /**
     * An outbox message of {@code content} to {@code customer}, shown on the timeline as {@code interaction}:
     * QUEUED, due now, not leased, no attempts, no error, no provider id, created and updated now, version 1.
     * Its idempotency key is {@code "key-"} and its id; its address suits the content's kind
     * ({@code customer@example.com} or {@code +8613800138000}).
     */
    public OutboxMessageBuilder outboxMessage(CustomerId customer, InteractionId interaction, MessageContent content) {
        return new OutboxMessageBuilder(messageId(), customer, interaction, content, now());
    }

    /**
     * A new service case of {@code customer} (status NEW, priority NORMAL, origin PHONE, type {@code "general"}),
     * unassigned, without parent or links, created now by {@code "agent-1"}, version 1.
     */
    public ServiceCaseBuilder serviceCase(CustomerId customer) {
        return new ServiceCaseBuilder(serviceCaseId(), customer, now());
    }

    /** A fresh campaign id. */
    public io.crmkit.core.marketing.CampaignId campaignId() {
        return new io.crmkit.core.marketing.CampaignId(uuid());
    }

    /** A draft SMS campaign of the month from today; see {@link CampaignBuilder}. */
    public CampaignBuilder campaign(String name) {
        return new CampaignBuilder(campaignId(), name, today(), now());
    }

    /** A purchase now of one unit, without product or external id. */
    public PurchaseBuilder purchase(CustomerId customer, String amount, String currency) {
        return new PurchaseBuilder(purchaseId(), customer, new BigDecimal(amount), currency, now());
    }

    /**
     * An opportunity created now in the first stage of the default pipeline (with that stage as its history), owned by
     * {@code "agent-1"}, without department, campaign or lost reason, version 1.
     */
    public OpportunityBuilder opportunity(CustomerId customer, String name, String amount, String currency, LocalDate expectedClose) {
        return new OpportunityBuilder(opportunityId(), customer, name, new BigDecimal(amount), currency, expectedClose, now());
    }

    /** A fresh document id. */
    public io.crmkit.core.document.DocumentId documentId() {
        return new io.crmkit.core.document.DocumentId(uuid());
    }

    /** A PDF with one version uploaded now; see {@link DocumentBuilder}. */
    public DocumentBuilder document(String name) {
        return new DocumentBuilder(documentId(), name, now());
    }
}
