package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.task.Task;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;

/**
 * Field-by-field comparison of a record read back from storage with the one stored, naming every field
 * that differs. Lists must keep their order; {@link Customer#tags()} must keep insertion order.
 */
public final class StoredAssertions {
    private StoredAssertions() {
    }

    /** Asserts that {@code actual} has exactly the state of {@code expected}. */
    public static void assertSameCustomer(@Nullable Customer actual, Customer expected) {
        if (actual == null) {
            throw new AssertionError("expected customer " + expected.id() + " but found none");
        }
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.kind()).as("kind").isEqualTo(expected.kind());
        s.assertThat(actual.displayName()).as("displayName").isEqualTo(expected.displayName());
        s.assertThat(actual.emails()).as("emails").containsExactlyElementsOf(expected.emails());
        s.assertThat(actual.phones()).as("phones").containsExactlyElementsOf(expected.phones());
        s.assertThat(actual.addresses()).as("addresses").containsExactlyElementsOf(expected.addresses());
        s.assertThat(actual.tags()).as("tags, in insertion order").containsExactlyElementsOf(expected.tags());
        s.assertThat(actual.attributes()).as("attributes").isEqualTo(expected.attributes());
        s.assertThat(actual.stage()).as("stage").isEqualTo(expected.stage());
        s.assertThat(actual.owner()).as("owner").isEqualTo(expected.owner());
        s.assertThat(actual.department()).as("department").isEqualTo(expected.department());
        s.assertThat(actual.externalRefs()).as("externalRefs").containsExactlyElementsOf(expected.externalRefs());
        s.assertThat(actual.consents()).as("consents").isEqualTo(expected.consents());
        s.assertThat(actual.organizationId()).as("organizationId").isEqualTo(expected.organizationId());
        s.assertThat(actual.jobTitle()).as("jobTitle").isEqualTo(expected.jobTitle());
        s.assertThat(actual.timeZone()).as("timeZone").isEqualTo(expected.timeZone());
        s.assertThat(actual.archivedAt()).as("archivedAt").isEqualTo(expected.archivedAt());
        s.assertThat(actual.createdAt()).as("createdAt").isEqualTo(expected.createdAt());
        s.assertThat(actual.updatedAt()).as("updatedAt").isEqualTo(expected.updatedAt());
        s.assertThat(actual.version()).as("version").isEqualTo(expected.version());
        s.assertAll();
        assertThat(actual).as("Customer.equals").isEqualTo(expected);
    }

    /** Asserts that {@code actual} has exactly the state of {@code expected}, history included. */
    public static void assertSameRequirement(Requirement actual, Requirement expected) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.customerId()).as("customerId").isEqualTo(expected.customerId());
        s.assertThat(actual.title()).as("title").isEqualTo(expected.title());
        s.assertThat(actual.description()).as("description").isEqualTo(expected.description());
        s.assertThat(actual.priority()).as("priority").isEqualTo(expected.priority());
        s.assertThat(actual.dueDate()).as("dueDate").isEqualTo(expected.dueDate());
        s.assertThat(actual.assignee()).as("assignee").isEqualTo(expected.assignee());
        s.assertThat(actual.status()).as("status").isEqualTo(expected.status());
        s.assertThat(actual.sourceInteraction()).as("sourceInteraction").isEqualTo(expected.sourceInteraction());
        s.assertThat(actual.history()).as("history, oldest first").containsExactlyElementsOf(expected.history());
        s.assertThat(actual.createdBy()).as("createdBy").isEqualTo(expected.createdBy());
        s.assertThat(actual.createdAt()).as("createdAt").isEqualTo(expected.createdAt());
        s.assertThat(actual.updatedAt()).as("updatedAt").isEqualTo(expected.updatedAt());
        s.assertThat(actual.version()).as("version").isEqualTo(expected.version());
        s.assertAll();
        assertThat(actual).as("Requirement.equals").isEqualTo(expected);
    }

    /** Asserts that {@code actual} has exactly the state of {@code expected}, history and links included. */
    public static void assertSameServiceCase(ServiceCase actual, ServiceCase expected) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.customerId()).as("customerId").isEqualTo(expected.customerId());
        s.assertThat(actual.subject()).as("subject").isEqualTo(expected.subject());
        s.assertThat(actual.description()).as("description").isEqualTo(expected.description());
        s.assertThat(actual.origin()).as("origin").isEqualTo(expected.origin());
        s.assertThat(actual.type()).as("type").isEqualTo(expected.type());
        s.assertThat(actual.priority()).as("priority").isEqualTo(expected.priority());
        s.assertThat(actual.status()).as("status").isEqualTo(expected.status());
        s.assertThat(actual.assignee()).as("assignee").isEqualTo(expected.assignee());
        s.assertThat(actual.parentId()).as("parentId").isEqualTo(expected.parentId());
        s.assertThat(actual.interactionIds()).as("interactionIds, in order").containsExactlyElementsOf(expected.interactionIds());
        s.assertThat(actual.requirementIds()).as("requirementIds, in order").containsExactlyElementsOf(expected.requirementIds());
        s.assertThat(actual.history()).as("history, oldest first").containsExactlyElementsOf(expected.history());
        s.assertThat(actual.createdBy()).as("createdBy").isEqualTo(expected.createdBy());
        s.assertThat(actual.createdAt()).as("createdAt").isEqualTo(expected.createdAt());
        s.assertThat(actual.updatedAt()).as("updatedAt").isEqualTo(expected.updatedAt());
        s.assertThat(actual.version()).as("version").isEqualTo(expected.version());
        s.assertThat(actual.responses()).as("responses").isEqualTo(expected.responses());
        s.assertThat(actual.sla()).as("sla").isEqualTo(expected.sla());
        s.assertAll();
        assertThat(actual).as("ServiceCase.equals").isEqualTo(expected);
    }

    /** Asserts that {@code actual} has exactly the state of {@code expected}, comments and histories included. */
    public static void assertSameTask(Task actual, Task expected) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.title()).as("title").isEqualTo(expected.title());
        s.assertThat(actual.description()).as("description").isEqualTo(expected.description());
        s.assertThat(actual.customerId()).as("customerId").isEqualTo(expected.customerId());
        s.assertThat(actual.requirementId()).as("requirementId").isEqualTo(expected.requirementId());
        s.assertThat(actual.assignee()).as("assignee").isEqualTo(expected.assignee());
        s.assertThat(actual.creator()).as("creator").isEqualTo(expected.creator());
        s.assertThat(actual.dueDate()).as("dueDate").isEqualTo(expected.dueDate());
        s.assertThat(actual.priority()).as("priority").isEqualTo(expected.priority());
        s.assertThat(actual.status()).as("status").isEqualTo(expected.status());
        s.assertThat(actual.progress()).as("progress").isEqualTo(expected.progress());
        s.assertThat(actual.comments()).as("comments, oldest first").containsExactlyElementsOf(expected.comments());
        s.assertThat(actual.assignments()).as("assignments, oldest first").containsExactlyElementsOf(expected.assignments());
        s.assertThat(actual.statusHistory()).as("statusHistory, oldest first").containsExactlyElementsOf(expected.statusHistory());
        s.assertThat(actual.createdAt()).as("createdAt").isEqualTo(expected.createdAt());
        s.assertThat(actual.updatedAt()).as("updatedAt").isEqualTo(expected.updatedAt());
        s.assertThat(actual.version()).as("version").isEqualTo(expected.version());
        s.assertAll();
        assertThat(actual).as("Task.equals").isEqualTo(expected);
    }

    /**
     * Asserts that {@code actual} has the state of {@code expected}. The amount is compared by value:
     * {@code 12.5} read back as {@code 12.5000} (a fixed-scale column) is the same amount.
     */
    public static void assertSamePurchase(Purchase actual, Purchase expected) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.customerId()).as("customerId").isEqualTo(expected.customerId());
        s.assertThat(actual.occurredAt()).as("occurredAt").isEqualTo(expected.occurredAt());
        s.assertThat(actual.amount()).as("amount").isEqualByComparingTo(expected.amount());
        s.assertThat(actual.currency()).as("currency").isEqualTo(expected.currency());
        s.assertThat(actual.quantity()).as("quantity").isEqualTo(expected.quantity());
        s.assertThat(actual.product()).as("product").isEqualTo(expected.product());
        s.assertThat(actual.externalId()).as("externalId").isEqualTo(expected.externalId());
        s.assertAll();
    }

    /**
     * Asserts that {@code actual} has exactly the state of {@code expected}: every field of the message and
     * of its content, attachments byte for byte and in order.
     */
    public static void assertSameMessage(OutboxMessage actual, OutboxMessage expected) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(actual.id()).as("id").isEqualTo(expected.id());
        s.assertThat(actual.message().idempotencyKey()).as("idempotencyKey").isEqualTo(expected.message().idempotencyKey());
        s.assertThat(actual.message().to()).as("to").isEqualTo(expected.message().to());
        s.assertThat(actual.kind()).as("kind").isEqualTo(expected.kind());
        MessageContent a = actual.message().content();
        MessageContent e = expected.message().content();
        if (a instanceof MessageContent.Email ae && e instanceof MessageContent.Email ee) {
            s.assertThat(ae.subject()).as("email subject").isEqualTo(ee.subject());
            s.assertThat(ae.text()).as("email text").isEqualTo(ee.text());
            s.assertThat(ae.html()).as("email html").isEqualTo(ee.html());
            s.assertThat(ae.replyTo()).as("email replyTo").isEqualTo(ee.replyTo());
            s.assertThat(ae.attachments()).as("number of attachments").hasSameSizeAs(ee.attachments());
            for (int i = 0; i < Math.min(ae.attachments().size(), ee.attachments().size()); i++) {
                Attachment aa = ae.attachments().get(i);
                Attachment ea = ee.attachments().get(i);
                s.assertThat(aa.fileName()).as("attachment %d fileName", i).isEqualTo(ea.fileName());
                s.assertThat(aa.contentType()).as("attachment %d contentType", i).isEqualTo(ea.contentType());
                s.assertThat(aa.content()).as("attachment %d content (%d bytes)", i, ea.content().length)
                        .isEqualTo(ea.content());
            }
        } else {
            s.assertThat(a).as("content").isEqualTo(e);
        }
        s.assertThat(actual.customerId()).as("customerId").isEqualTo(expected.customerId());
        s.assertThat(actual.interactionId()).as("interactionId").isEqualTo(expected.interactionId());
        s.assertThat(actual.status()).as("status").isEqualTo(expected.status());
        s.assertThat(actual.attempts()).as("attempts").isEqualTo(expected.attempts());
        s.assertThat(actual.nextAttemptAt()).as("nextAttemptAt").isEqualTo(expected.nextAttemptAt());
        s.assertThat(actual.leaseUntil()).as("leaseUntil").isEqualTo(expected.leaseUntil());
        s.assertThat(actual.lastError()).as("lastError").isEqualTo(expected.lastError());
        s.assertThat(actual.providerMessageId()).as("providerMessageId").isEqualTo(expected.providerMessageId());
        s.assertThat(actual.createdAt()).as("createdAt").isEqualTo(expected.createdAt());
        s.assertThat(actual.updatedAt()).as("updatedAt").isEqualTo(expected.updatedAt());
        s.assertThat(actual.version()).as("version").isEqualTo(expected.version());
        s.assertAll();
        assertThat(actual).as("OutboxMessage.equals").isEqualTo(expected);
    }
}
