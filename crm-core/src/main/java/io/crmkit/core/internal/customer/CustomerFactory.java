package io.crmkit.core.internal.customer;

import io.crmkit.core.Checks;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerForm;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a customer form into a customer, checking every field and reporting all violations at once. */
final class CustomerFactory {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");

    private final String defaultRegion;

    CustomerFactory(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * Validates {@code form} onto {@code base} (a builder holding id, kind, times and version).
     * Consents keep their original time when the answer did not change.
     */
    Customer build(CustomerForm<?> form, CustomerKind kind, Customer.Builder base, Map<ContactChannel, Consent> previous,
                   Instant now) {
        return build(form, kind, base, previous, now, new Checks());
    }

    /** As above, reporting the violations already in {@code checks} (such as broken relations) with the field ones. */
    Customer build(CustomerForm<?> form, CustomerKind kind, Customer.Builder base, Map<ContactChannel, Consent> previous,
                   Instant now, Checks checks) {
        String name = checks.required("displayName", form.displayName().orElse(null), Customer.MAX_NAME);

        Set<EmailAddress> emails = new LinkedHashSet<>();
        List<String> rawEmails = form.emails();
        checks.require(rawEmails.size() <= Customer.MAX_CONTACT_POINTS, "emails", "too_many", "at most " + Customer.MAX_CONTACT_POINTS + " email addresses");
        for (int i = 0; i < rawEmails.size(); i++) {
            String raw = rawEmails.get(i);
            EmailAddress e = checks.value("emails[" + i + "]", () -> EmailAddress.of(raw));
            if (e != null) {
                emails.add(e);
            }
        }

        Set<PhoneNumber> phones = new LinkedHashSet<>();
        List<String> rawPhones = form.phones();
        checks.require(rawPhones.size() <= Customer.MAX_CONTACT_POINTS, "phones", "too_many", "at most " + Customer.MAX_CONTACT_POINTS + " phone numbers");
        for (int i = 0; i < rawPhones.size(); i++) {
            String raw = rawPhones.get(i);
            PhoneNumber p = checks.value("phones[" + i + "]", () -> PhoneNumber.parse(raw, defaultRegion));
            if (p != null) {
                phones.add(p);
            }
        }

        List<PostalAddress> addresses = form.addresses();
        checks.require(addresses.size() <= Customer.MAX_CONTACT_POINTS, "addresses", "too_many", "at most " + Customer.MAX_CONTACT_POINTS + " addresses");

        Set<String> tags = new LinkedHashSet<>();
        checks.require(form.tags().size() <= Customer.MAX_TAGS, "tags", "too_many", "at most " + Customer.MAX_TAGS + " tags");
        int t = 0;
        for (String raw : form.tags()) {
            String tag = checks.required("tags[" + t++ + "]", raw, Customer.MAX_TAG);
            if (tag != null) {
                tags.add(tag.toLowerCase(Locale.ROOT));
            }
        }

        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        checks.require(form.attributes().size() <= Customer.MAX_ATTRIBUTES, "attributes", "too_many", "at most " + Customer.MAX_ATTRIBUTES + " attributes");
        form.attributes().forEach((key, value) -> {
            String field = "attributes." + key;
            if (key == null || !ATTRIBUTE_NAME.matcher(key).matches()) {
                checks.add("attributes", "name_format", "names must be 1 to 64 letters, digits, '_', '.' or '-': " + key);
            } else if (value instanceof AttributeValue.Text text) {
                String checked = checks.multiline(field, text.value(), Customer.MAX_ATTRIBUTE_TEXT);
                if (checked != null || text.value().isEmpty()) {
                    attributes.put(key, value);
                }
            } else if (value instanceof AttributeValue.Number number && number.value().precision() > 38) {
                checks.add(field, "too_large", "must have at most 38 digits");
            } else {
                attributes.put(key, value);
            }
        });

        String jobTitle = checks.optional("jobTitle", form.jobTitle().orElse(null), Customer.MAX_SHORT_TEXT);

        List<ExternalRef> refs = new ArrayList<>();
        List<CustomerForm.ExternalRefInput> rawRefs = form.externalRefs();
        checks.require(rawRefs.size() <= Customer.MAX_CONTACT_POINTS, "externalRefs", "too_many", "at most " + Customer.MAX_CONTACT_POINTS + " external references");
        for (int i = 0; i < rawRefs.size(); i++) {
            CustomerForm.ExternalRefInput in = rawRefs.get(i);
            ExternalRef ref = checks.value("externalRefs[" + i + "]", () -> new ExternalRef(in.system(), in.id()));
            if (ref != null) {
                refs.add(ref);
            }
        }

        Map<ContactChannel, Consent> consents = new EnumMap<>(ContactChannel.class);
        consents.putAll(previous);
        form.consents().forEach((channel, in) -> {
            String source = checks.required("consents." + channel.name().toLowerCase(Locale.ROOT) + ".source", in.source(), Customer.MAX_SHORT_TEXT);
            Consent before = previous.get(channel);
            if (source != null && (before == null || before.status() != in.status())) {
                consents.put(channel, new Consent(channel, in.status(), now, source));
            }
        });

        checks.require(kind == CustomerKind.PERSON || form.organizationId().isEmpty(), "organizationId", "not_a_person",
                "only a person can belong to an organisation");
        checks.throwIfAny();
        Objects.requireNonNull(name, "displayName"); // null only with a violation

        return base.kind(kind)
                .displayName(name)
                .emails(List.copyOf(emails))
                .phones(List.copyOf(phones))
                .addresses(addresses)
                .tags(tags)
                .attributes(attributes)
                .stage(form.stage().orElse(io.crmkit.core.customer.LifecycleStage.LEAD))
                .owner(form.owner().orElse(null))
                .department(form.department().orElse(null))
                .externalRefs(refs)
                .consents(consents)
                .organizationId(form.organizationId().orElse(null))
                .jobTitle(jobTitle)
                .timeZone(form.timeZone().orElse(null))
                .updatedAt(now)
                .build();
    }

    /** Normalises a phone number for search, with the configured region. */
    PhoneNumber phone(String raw) {
        Checks checks = new Checks();
        PhoneNumber p = checks.value("phone", () -> PhoneNumber.parse(raw, defaultRegion));
        checks.throwIfAny();
        return Objects.requireNonNull(p, "phone"); // null only with a violation
    }
}
