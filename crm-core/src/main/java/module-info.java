/**
 * crmkit's core: the domain, the {@link io.crmkit.core.Crm} facade and its services, the storage port
 * ({@code spi}) and the in-memory storage. The {@code internal} packages are exported to no one.
 */
module io.crmkit.core {
    requires org.slf4j;
    requires static org.jspecify;
    requires com.google.i18n.phonenumbers.libphonenumber;

    exports io.crmkit.core;
    exports io.crmkit.core.audit;
    exports io.crmkit.core.calendar;
    exports io.crmkit.core.commerce;
    exports io.crmkit.core.customer;
    exports io.crmkit.core.event;
    exports io.crmkit.core.importing;
    exports io.crmkit.core.interaction;
    exports io.crmkit.core.messaging;
    exports io.crmkit.core.requirement;
    exports io.crmkit.core.sales;
    exports io.crmkit.core.marketing;
    exports io.crmkit.core.satisfaction;
    exports io.crmkit.core.security;
    exports io.crmkit.core.service;
    exports io.crmkit.core.task;
    exports io.crmkit.core.workflow;
    exports io.crmkit.core.spi;
    exports io.crmkit.core.memory;
    exports io.crmkit.core.document;
    exports io.crmkit.core.dedup;
    exports io.crmkit.core.notification;
    exports io.crmkit.core.project;
    exports io.crmkit.core.policy;
    exports io.crmkit.core.webhook;
}
