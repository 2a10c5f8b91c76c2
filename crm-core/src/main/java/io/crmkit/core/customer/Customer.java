package io.crmkit.core.customer;

import io.crmkit.core.security.CustomerField;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A customer: a person or an organisation. Immutable; change one through {@link #edit()} and
 * {@code crm.customers().update(...)}, which checks {@link #version()} so that a concurrent change is
 * never silently overwritten.
 */
public final class Customer {
    /** Longest display name, in characters (code points). */
    public static final int MAX_NAME = 200;
    /** Most email addresses, phone numbers, postal addresses or external references of one customer, each. */
    public static final int MAX_CONTACT_POINTS = 20;
    public static final int MAX_TAGS = 50;
    /** Longest tag, in characters. */
    public static final int MAX_TAG = 50;
    public static final int MAX_ATTRIBUTES = 100;
    /** Longest text value of a custom attribute, in characters. */
    public static final int MAX_ATTRIBUTE_TEXT = 2000;
    /** Longest short text such as a job title or a consent's source, in characters. */
    public static final int MAX_SHORT_TEXT = 100;

    private final CustomerId id;
    private final CustomerKind kind;
    private final String displayName;
    private final List<EmailAddress> emails;
    private final List<PhoneNumber> phones;
    private final List<PostalAddress> addresses;
    private final Set<String> tags;
    private final Map<String, AttributeValue> attributes;
    private final LifecycleStage stage;
    private final @Nullable UserRef owner;
    private final @Nullable DepartmentRef department;
    private final List<ExternalRef> externalRefs;
    private final Map<ContactChannel, Consent> consents;
    private final @Nullable CustomerId organizationId;
    private final @Nullable String jobTitle;
    private final @Nullable ZoneId timeZone;
    private final @Nullable Instant archivedAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final Set<CustomerField> hiddenFields;

    private Customer(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.displayName = Objects.requireNonNull(b.displayName, "displayName");
        this.emails = List.copyOf(b.emails);
        this.phones = List.copyOf(b.phones);
        this.addresses = List.copyOf(b.addresses);
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.stage = Objects.requireNonNull(b.stage, "stage");
        this.owner = b.owner;
        this.department = b.department;
        this.externalRefs = List.copyOf(b.externalRefs);
        this.consents = Collections.unmodifiableMap(b.consents.isEmpty()
                ? new EnumMap<>(ContactChannel.class) : new EnumMap<>(b.consents));
        this.organizationId = b.organizationId;
        this.jobTitle = b.jobTitle;
        this.timeZone = b.timeZone;
        this.archivedAt = b.archivedAt;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
        this.version = b.version;
        this.hiddenFields = b.hiddenFields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.hiddenFields));
    }

    /**
     * A builder for adapters that load stored customers, and for tests. Applications create customers
     * with {@link NewCustomer} through the customer service, which validates every field.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this customer's state, for adapters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.kind = kind;
        b.displayName = displayName;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.addresses.addAll(addresses);
        b.tags.addAll(tags);
        b.attributes.putAll(attributes);
        b.stage = stage;
        b.owner = owner;
        b.department = department;
        b.externalRefs.addAll(externalRefs);
        b.consents.putAll(consents);
        b.organizationId = organizationId;
        b.jobTitle = jobTitle;
        b.timeZone = timeZone;
        b.archivedAt = archivedAt;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.version = version;
        b.hiddenFields.addAll(hiddenFields);
        return b;
    }

    /** Starts a change of this customer; pass it to {@code crm.customers().update(...)}. */
    public CustomerEdit edit() {
        return new CustomerEdit(this);
    }

    public CustomerId id() {
        return id;
    }

    public CustomerKind kind() {
        return kind;
    }

    public String displayName() {
        return displayName;
    }

    public List<EmailAddress> emails() {
        return emails;
    }

    public List<PhoneNumber> phones() {
        return phones;
    }

    public List<PostalAddress> addresses() {
        return addresses;
    }

    /** Every contact point: emails, then phones, then addresses. */
    public List<ContactPoint> contactPoints() {
        List<ContactPoint> all = new ArrayList<>(emails.size() + phones.size() + addresses.size());
        all.addAll(emails);
        all.addAll(phones);
        all.addAll(addresses);
        return List.copyOf(all);
    }

    /** The first email address, the one messages go to. */
    public Optional<EmailAddress> primaryEmail() {
        return emails.stream().findFirst();
    }

    /** The first phone number, the one messages and calls go to. */
    public Optional<PhoneNumber> primaryPhone() {
        return phones.stream().findFirst();
    }

    /** Tags, trimmed and lower-cased, in the order they were added. */
    public Set<String> tags() {
        return tags;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    public Optional<AttributeValue> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public LifecycleStage stage() {
        return stage;
    }

    /** The host application's user who owns this customer. */
    public Optional<UserRef> owner() {
        return Optional.ofNullable(owner);
    }

    /** The host application's department that owns this customer. */
    public Optional<DepartmentRef> department() {
        return Optional.ofNullable(department);
    }

    public List<ExternalRef> externalRefs() {
        return externalRefs;
    }

    /** This customer's reference in one host system, such as {@code "erp"}. */
    public Optional<ExternalRef> externalRef(String system) {
        return externalRefs.stream().filter(r -> r.system().equals(system)).findFirst();
    }

    public Map<ContactChannel, Consent> consents() {
        return consents;
    }

    public Optional<Consent> consent(ContactChannel channel) {
        return Optional.ofNullable(consents.get(channel));
    }

    /** Whether the customer opted out of this channel. No recorded answer means not opted out. */
    public boolean hasOptedOut(ContactChannel channel) {
        Consent c = consents.get(channel);
        return c != null && c.optedOut();
    }

    /** For a person: the organisation they belong to. */
    public Optional<CustomerId> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    /** For a person in an organisation: their role there. */
    public Optional<String> jobTitle() {
        return Optional.ofNullable(jobTitle);
    }

    /** The customer's time zone, used for quiet hours. */
    public Optional<ZoneId> timeZone() {
        return Optional.ofNullable(timeZone);
    }

    public Optional<Instant> archivedAt() {
        return Optional.ofNullable(archivedAt);
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * The fields the access policy hides from the actor who read this customer: they come back empty, and an
     * update keeps their stored values. Empty for a customer read with every right.
     */
    public Set<CustomerField> hiddenFields() {
        return hiddenFields;
    }

    /** Incremented by every stored change; an update naming an older version is refused. */
    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Customer c && c.id.equals(id) && c.version == version && c.state().equals(state());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    private List<Object> state() {
        return java.util.Arrays.asList(kind, displayName, emails, phones, addresses, List.copyOf(tags), attributes,
                stage, owner, department, externalRefs, consents, organizationId, jobTitle, timeZone, archivedAt,
                createdAt, updatedAt, hiddenFields);
    }

    @Override
    public String toString() {
        return "Customer[id=" + id + ", kind=" + kind + ", displayName=" + displayName + ", stage=" + stage
                + ", version=" + version + "]";
    }

    /** Mutable builder; see {@link Customer#builder()}. */
    public static final class Builder {
        private @Nullable CustomerId id;
        private @Nullable CustomerKind kind;
        private @Nullable String displayName;
        private final List<EmailAddress> emails = new ArrayList<>();
        private final List<PhoneNumber> phones = new ArrayList<>();
        private final List<PostalAddress> addresses = new ArrayList<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        private LifecycleStage stage = LifecycleStage.LEAD;
        private @Nullable UserRef owner;
        private @Nullable DepartmentRef department;
        private final List<ExternalRef> externalRefs = new ArrayList<>();
        private final Map<ContactChannel, Consent> consents = new EnumMap<>(ContactChannel.class);
        private @Nullable CustomerId organizationId;
        private @Nullable String jobTitle;
        private @Nullable ZoneId timeZone;
        private @Nullable Instant archivedAt;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;
        private long version;
        private final Set<CustomerField> hiddenFields = EnumSet.noneOf(CustomerField.class);

        private Builder() {
        }

        public Builder id(CustomerId id) { this.id = id; return this; }
        public Builder kind(CustomerKind kind) { this.kind = kind; return this; }
        public Builder displayName(String displayName) { this.displayName = displayName; return this; }
        public Builder emails(List<EmailAddress> emails) { this.emails.clear(); this.emails.addAll(emails); return this; }
        public Builder phones(List<PhoneNumber> phones) { this.phones.clear(); this.phones.addAll(phones); return this; }
        public Builder addresses(List<PostalAddress> addresses) { this.addresses.clear(); this.addresses.addAll(addresses); return this; }
        public Builder tags(Set<String> tags) { this.tags.clear(); this.tags.addAll(tags); return this; }
        public Builder attributes(Map<String, AttributeValue> attributes) { this.attributes.clear(); this.attributes.putAll(attributes); return this; }
        public Builder stage(LifecycleStage stage) { this.stage = stage; return this; }
        public Builder owner(@Nullable UserRef owner) { this.owner = owner; return this; }
        public Builder department(@Nullable DepartmentRef department) { this.department = department; return this; }
        public Builder externalRefs(List<ExternalRef> refs) { this.externalRefs.clear(); this.externalRefs.addAll(refs); return this; }
        public Builder consents(Map<ContactChannel, Consent> consents) { this.consents.clear(); this.consents.putAll(consents); return this; }
        public Builder consent(Consent consent) { this.consents.put(consent.channel(), consent); return this; }
        public Builder organizationId(@Nullable CustomerId organizationId) { this.organizationId = organizationId; return this; }
        public Builder jobTitle(@Nullable String jobTitle) { this.jobTitle = jobTitle; return this; }
        public Builder timeZone(@Nullable ZoneId timeZone) { this.timeZone = timeZone; return this; }
        public Builder archivedAt(@Nullable Instant archivedAt) { this.archivedAt = archivedAt; return this; }
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        public Builder version(long version) { this.version = version; return this; }
        /** Names fields emptied because the reader may not see them; adapters never set it. */
        public Builder hiddenFields(Set<CustomerField> fields) { this.hiddenFields.clear(); this.hiddenFields.addAll(fields); return this; }

        public Customer build() {
            return new Customer(this);
        }
    }
}
