package io.crmkit.core.satisfaction;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import java.util.Optional;

/** Storage port for survey responses. */
public interface SurveyRepository extends CustomerReferences {
    void insert(SurveyResponse response);

    Optional<SurveyResponse> findById(SurveyResponseId id);

    /** The survey response with this id; {@link NotFoundException} if there is none. */
    default SurveyResponse require(SurveyResponseId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no survey response " + id));
    }

    /** Matching responses that the scope admits (by their customer), in id order. */
    Page<SurveyResponse> search(SurveyQuery query, AccessScope scope, PageRequest page);
}
