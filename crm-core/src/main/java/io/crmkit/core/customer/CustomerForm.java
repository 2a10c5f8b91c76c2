package io.crmkit.core.customer;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a customer as entered, before validation: the common part of {@link NewCustomer}
 * and {@link CustomerEdit}. Setters return {@code this}; the customer service validates every field
 * at once and reports all violations together. Not thread-safe.
 *
 * @param <F> the concrete form type, for fluent chaining
 */
public abstract sealed class CustomerForm<F extends CustomerForm<F>> permits NewCustomer, CustomerEdit {
    /** A consent answer as entered: which channel, which answer, from where. */
    public record ConsentInput(ContactChannel channel, ConsentStatus status, String source) {
        public ConsentInput {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(source, "source");
        }
    }

    /** An external reference as entered. */
    public record ExternalRefInput(String system, String id) {
    }

    private @Nullable String displayName;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private final List<PostalAddress> addresses = new ArrayList<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    private @Nullable LifecycleStage stage;
    private @Nullable UserRef owner;
    private @Nullable DepartmentRef department;
    private final List<ExternalRefInput> externalRefs = new ArrayList<>();
    private final Map<ContactChannel, ConsentInput> consents = new EnumMap<>(ContactChannel.class);
    private @Nullable CustomerId organizationId;
    private @Nullable String jobTitle;
    private @Nullable ZoneId timeZone;

    CustomerForm(@Nullable String displayName) {
        this.displayName = displayName;
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    public F displayName(String displayName) {
        this.displayName = displayName;
        return self();
    }

    /** Adds an email address; the first one is the primary. */
    public F email(String email) {
        emails.add(email);
        return self();
    }

    public F removeEmail(String email) {
        emails.removeIf(e -> e != null && e.strip().equalsIgnoreCase(email.strip()));
        return self();
    }

    /** Adds a phone number as typed; it is normalised to E.164 with the configured default region. */
    public F phone(String phone) {
        phones.add(phone);
        return self();
    }

    public F removePhone(String phone) {
        phones.removeIf(p -> p != null && p.replaceAll("[^0-9+]", "").equals(phone.replaceAll("[^0-9+]", "")));
        return self();
    }

    public F address(PostalAddress address) {
        addresses.add(Objects.requireNonNull(address, "address"));
        return self();
    }

    public F clearContactPoints() {
        emails.clear();
        phones.clear();
        addresses.clear();
        return self();
    }

    /** Adds tags; tags are trimmed and lower-cased. */
    public F tag(String... tags) {
        Collections.addAll(this.tags, tags);
        return self();
    }

    public F untag(String tag) {
        tags.removeIf(t -> t != null && t.strip().toLowerCase(Locale.ROOT).equals(tag.strip().toLowerCase(Locale.ROOT)));
        return self();
    }

    public F attribute(String name, String text) {
        return attribute(name, AttributeValue.of(text));
    }

    public F attribute(String name, BigDecimal number) {
        return attribute(name, AttributeValue.of(number));
    }

    public F attribute(String name, long number) {
        return attribute(name, AttributeValue.of(number));
    }

    public F attribute(String name, LocalDate date) {
        return attribute(name, AttributeValue.of(date));
    }

    public F attribute(String name, boolean flag) {
        return attribute(name, AttributeValue.of(flag));
    }

    public F attribute(String name, AttributeValue value) {
        attributes.put(name, Objects.requireNonNull(value, "value"));
        return self();
    }

    public F removeAttribute(String name) {
        attributes.remove(name);
        return self();
    }

    public F stage(LifecycleStage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
        return self();
    }

    /** The host user who owns the customer; null clears it. */
    public F owner(@Nullable UserRef user) {
        this.owner = user;
        return self();
    }

    /** The host department that owns the customer; null clears it. */
    public F department(@Nullable DepartmentRef department) {
        this.department = department;
        return self();
    }

    /** Links the customer to a record of the host system; one reference per system. */
    public F externalRef(String system, String id) {
        externalRefs.removeIf(r -> Objects.equals(r.system(), system));
        externalRefs.add(new ExternalRefInput(system, id));
        return self();
    }

    public F removeExternalRef(String system) {
        externalRefs.removeIf(r -> Objects.equals(r.system(), system));
        return self();
    }

    /** Records a consent answer for a channel; {@code source} says where it came from. */
    public F consent(ContactChannel channel, ConsentStatus status, String source) {
        consents.put(channel, new ConsentInput(channel, status, source));
        return self();
    }

    /** For a person: the organisation they belong to (must be an existing organisation). */
    public F organization(@Nullable CustomerId organizationId) {
        this.organizationId = organizationId;
        return self();
    }

    public F jobTitle(@Nullable String jobTitle) {
        this.jobTitle = jobTitle;
        return self();
    }

    public F timeZone(@Nullable ZoneId timeZone) {
        this.timeZone = timeZone;
        return self();
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public List<String> emails() {
        return Collections.unmodifiableList(emails);
    }

    public List<String> phones() {
        return Collections.unmodifiableList(phones);
    }

    public List<PostalAddress> addresses() {
        return List.copyOf(addresses);
    }

    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    public Map<String, AttributeValue> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Optional<LifecycleStage> stage() {
        return Optional.ofNullable(stage);
    }

    public Optional<UserRef> owner() {
        return Optional.ofNullable(owner);
    }

    public Optional<DepartmentRef> department() {
        return Optional.ofNullable(department);
    }

    public List<ExternalRefInput> externalRefs() {
        return List.copyOf(externalRefs);
    }

    /** Consent answers given in this form; earlier answers on other channels are kept. */
    public Map<ContactChannel, ConsentInput> consents() {
        return Collections.unmodifiableMap(consents);
    }

    public Optional<CustomerId> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    public Optional<String> jobTitle() {
        return Optional.ofNullable(jobTitle);
    }

    public Optional<ZoneId> timeZone() {
        return Optional.ofNullable(timeZone);
    }

    void loadFrom(Customer c) {
        displayName = c.displayName();
        c.emails().forEach(e -> emails.add(e.value()));
        c.phones().forEach(p -> phones.add(p.value()));
        addresses.addAll(c.addresses());
        tags.addAll(c.tags());
        attributes.putAll(c.attributes());
        stage = c.stage();
        owner = c.owner().orElse(null);
        department = c.department().orElse(null);
        c.externalRefs().forEach(r -> externalRefs.add(new ExternalRefInput(r.system(), r.id())));
        organizationId = c.organizationId().orElse(null);
        jobTitle = c.jobTitle().orElse(null);
        timeZone = c.timeZone().orElse(null);
    }
}
