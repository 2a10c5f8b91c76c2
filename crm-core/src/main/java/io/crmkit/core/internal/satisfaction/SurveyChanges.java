package io.crmkit.core.internal.satisfaction;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;

/** The fields of a recorded survey answer an audit entry lists. */
final class SurveyChanges {
    private SurveyChanges() {
    }

    static void created(Engine.Tx tx, UserRef actor, SurveyResponse r) {
        tx.audit(AuditSource.API, actor, RecordKind.SURVEY, r.id().value(), AuditAction.CREATE, () -> Diff.of(null, r)
                .value("customerId", SurveyResponse::customerId)
                .value("kind", SurveyResponse::kind)
                .value("score", SurveyResponse::score)
                .value("comment", SurveyResponse::comment)
                .value("touchpoint", SurveyResponse::touchpoint)
                .value("channel", SurveyResponse::channel)
                .value("respondedAt", SurveyResponse::respondedAt)
                .changes());
    }
}
