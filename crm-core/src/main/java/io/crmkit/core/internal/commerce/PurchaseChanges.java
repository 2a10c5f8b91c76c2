package io.crmkit.core.internal.commerce;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;

/** The fields of a recorded purchase an audit entry lists. */
final class PurchaseChanges {
    private PurchaseChanges() {
    }

    static void created(Engine.Tx tx, AuditSource source, UserRef actor, Purchase p) {
        tx.audit(source, actor, RecordKind.PURCHASE, p.id().value(), AuditAction.CREATE, () -> Diff.of(null, p)
                .value("customerId", Purchase::customerId)
                .value("occurredAt", Purchase::occurredAt)
                .value("amount", Purchase::amount)
                .value("currency", Purchase::currency)
                .value("quantity", Purchase::quantity)
                .value("product", Purchase::product)
                .value("externalId", Purchase::externalId)
                .changes());
    }
}
