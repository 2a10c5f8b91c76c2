package io.crmkit.analytics.text;

import io.crmkit.analytics.internal.Pages;
import io.crmkit.core.CrmServices;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A text with a known sentiment, for training and evaluation.
 *
 * @param text     the feedback
 * @param positive whether it is positive
 */
public record LabelledText(String text, boolean positive) {
    public LabelledText {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Survey comments labelled by their scores: CSAT 4-5 positive and 1-2 negative, NPS 9-10 positive and
     * 0-6 negative, CES 1-2 positive and 6-7 negative; middle scores and responses without a comment are
     * left out. Reads page by page; the result holds every labelled comment.
     */
    public static List<LabelledText> fromSurveyComments(CrmServices crm, SurveyQuery query) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(query, "query");
        List<LabelledText> out = new ArrayList<>();
        Pages.forEach(page -> crm.surveys().search(query, page), r -> label(r).ifPresent(out::add));
        return out;
    }

    /** The label a survey score implies, or empty for a middle score or a missing comment. */
    public static Optional<LabelledText> label(SurveyResponse response) {
        Optional<String> comment = response.comment().filter(c -> !c.isBlank());
        if (comment.isEmpty()) {
            return Optional.empty();
        }
        int s = response.score();
        SurveyKind k = response.kind();
        Boolean positive = switch (k) {
            case CSAT -> s >= 4 ? Boolean.TRUE : s <= 2 ? Boolean.FALSE : null;
            case NPS -> s >= 9 ? Boolean.TRUE : s <= 6 ? Boolean.FALSE : null;
            case CES -> s <= 2 ? Boolean.TRUE : s >= 6 ? Boolean.FALSE : null;
        };
        return positive == null ? Optional.empty() : Optional.of(new LabelledText(comment.get(), positive));
    }
}
