package io.crmkit.core.satisfaction;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;

/** Records and reads survey responses. From {@code crm.surveys()}; thread-safe. */
public interface SurveyService {
    /**
     * Records a response.
     *
     * @throws io.crmkit.core.ValidationException if the score is outside its kind's scale, or text is too long
     * @throws io.crmkit.core.NotFoundException   if the customer does not exist
     */
    SurveyResponse record(NewSurveyResponse response);

    Optional<SurveyResponse> get(SurveyResponseId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default SurveyResponse require(SurveyResponseId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no survey response " + id));
    }

    /** Responses matching the query in id order; page through all of them in bounded memory. */
    Page<SurveyResponse> search(SurveyQuery query, PageRequest page);
}
