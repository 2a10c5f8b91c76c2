/**
 * crmkit's analytics: satisfaction metrics, customer value and purchase prediction, feedback text, reports.
 * Reads through the services of a {@code Crm}.
 */
@SuppressWarnings("requires-automatic") // commons-math3 3.6.1 has no module name of its own
module io.crmkit.analytics {
    requires transitive io.crmkit.core;     // CrmServices, queries and ids in the API
    requires static org.jspecify;
    requires commons.math3;

    exports io.crmkit.analytics.prediction;
    exports io.crmkit.analytics.report;
    exports io.crmkit.analytics.satisfaction;
    exports io.crmkit.analytics.text;
    exports io.crmkit.analytics.value;
}
