package io.crmkit.core.satisfaction;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;

/** Storage port for survey responses. */
public interface SurveyRepository {
    void insert(SurveyResponse response);

    Optional<SurveyResponse> findById(SurveyResponseId id);

    /** Matching responses in id order. */
    Page<SurveyResponse> find(SurveyQuery query, PageRequest page);
}
