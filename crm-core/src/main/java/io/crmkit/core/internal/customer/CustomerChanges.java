package io.crmkit.core.internal.customer;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.ContactPoint;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The fields of a customer an audit entry lists as changed. */
public final class CustomerChanges {
    private CustomerChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, AuditSource source, UserRef actor, AuditAction action, @Nullable Customer before,
                       Customer after) {
        tx.audit(source, actor, RecordKind.CUSTOMER, after.id().value(), action, () -> between(before, after));
    }

    public static List<Change> between(@Nullable Customer before, Customer after) {
        return Diff.of(before, after)
                .value("kind", Customer::kind)
                .value("displayName", Customer::displayName)
                .lines("emails", Customer::emails, ContactPoint::text)
                .lines("phones", Customer::phones, ContactPoint::text)
                .lines("addresses", Customer::addresses, PostalAddress::text)
                .sortedLines("tags", Customer::tags, tag -> tag)
                .each("attributes", Customer::attributes, AttributeValue::asText)
                .value("stage", Customer::stage)
                .value("owner", Customer::owner)
                .value("department", Customer::department)
                .sortedLines("externalRefs", Customer::externalRefs, ref -> ref.system() + ":" + ref.id())
                .each("consents", Customer::consents, consent -> consent.status() + " (" + consent.source() + ")")
                .value("organizationId", Customer::organizationId)
                .value("jobTitle", Customer::jobTitle)
                .value("timeZone", Customer::timeZone)
                .value("archivedAt", Customer::archivedAt)
                .changes();
    }
}
