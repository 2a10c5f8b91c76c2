package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Task;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static io.crmkit.testkit.StoredAssertions.assertSameCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transaction contract of {@link io.crmkit.core.spi.CrmStorage}: a unit of work commits as a whole
 * or, when it throws, leaves nothing behind and lets the exception through unchanged; nested units of
 * work join the outer one; other threads never see uncommitted writes.
 */
public abstract class TransactionContract extends StorageContractSupport {
    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected TransactionContract(StorageFactory factory) {
        super(factory);
    }

    /** An exception only a test throws. */
    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom");
        }
    }

    private Optional<Customer> find(CustomerId id) {
        return read(r -> r.customers().findById(id));
    }

    @Test
    void committedWorkIsVisibleAndItsResultReturned() {
        Customer c = data.person("A").build();

        String result = writeAndGet(r -> {
            r.customers().insert(c);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(find(c.id())).contains(c);
        assertThat(readOne(r -> r.customers().findById(c.id()).map(Customer::displayName))).contains("A");
    }

    @Test
    void workSeesItsOwnWritesBeforeCommit() {
        Customer c = data.person("Own").build();

        long seen = writeAndGet(r -> {
            r.customers().insert(c);
            assertThat(r.customers().findById(c.id())).contains(c);
            r.customers().update(c.toBuilder().displayName("Own 2").version(2).build());
            assertThat(r.customers().findById(c.id()).map(Customer::version)).contains(2L);
            return (long) r.customers().search(CustomerQuery.all().nameStartsWith("own"), AccessScope.everything(), PageRequest.first(10)).size();
        });

        assertThat(seen).isEqualTo(1);
    }

    @Test
    void failedWorkInsertingIntoEveryRepositoryLeavesNothingAndRethrowsTheSameException() {
        Customer c = data.person("Rolled back").build();
        Interaction i = data.interaction(c.id()).build();
        Requirement q = data.requirement(c.id()).assignee(UserRef.of("u1")).build();
        Task t = data.task("t").customer(c.id()).assignee(Assignee.user(UserRef.of("u1"))).build();
        SurveyResponse s = data.surveyResponse(c.id(), SurveyKind.CSAT, 5).build();
        Purchase p = data.purchase(c.id(), "9.99", "CNY").externalId("SO-rollback").build();
        Opportunity o = data.opportunity(c.id(), "rolled back", "10", "CNY", data.today()).owner("u1").build();
        io.crmkit.core.marketing.Campaign campaign = data.campaign("rolled back").build();
        Share share = new Share(RecordKind.CUSTOMER, c.id().value(), DepartmentRef.of("销售部"), ShareAccess.READ,
                ShareCause.MANUAL, UserRef.of("u1"), data.now());
        AuditEntry a = AuditChain.next(AuditHead.empty(0), data.now(), UserRef.of("u1"), AuditSource.API,
                RecordKind.CUSTOMER, c.id().value(), AuditAction.CREATE, List.of(), new byte[AuditChain.SALT_BYTES]);
        ServiceCase sc = data.serviceCase(c.id()).interaction(i.id()).requirement(q.id())
                .change(io.crmkit.core.service.ServiceCaseStatus.NEW, io.crmkit.core.service.ServiceCaseStatus.ON_HOLD,
                        "u1", data.now(), "rollback").build();
        io.crmkit.core.document.Document document = data.document("rolled back.pdf")
                .link(io.crmkit.core.document.DocumentLink.customer(c.id())).build();
        io.crmkit.core.dedup.Merge merge = new io.crmkit.core.dedup.Merge(new io.crmkit.core.dedup.MergeId(data.uuid()),
                c.id(), 2, List.of(), "rolled back", UserRef.of("u1"), data.now(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
        io.crmkit.core.notification.Notice notice = new io.crmkit.core.notification.Notice(
                new io.crmkit.core.notification.NoticeId(data.uuid()), io.crmkit.core.notification.NoticeKind.TASK_ASSIGNED,
                UserRef.of("u1"), RecordKind.TASK, t.id().value(), UserRef.of("u2"), data.now());
        io.crmkit.core.notification.NoticePush push = new io.crmkit.core.notification.NoticePush(data.uuid(), notice.id(),
                UserRef.of("u1"), io.crmkit.core.messaging.ChannelKind.EMAIL, "u1@example.com", "s", "t",
                io.crmkit.core.notification.PushStatus.QUEUED, 0, data.now(), java.util.Optional.empty(),
                java.util.Optional.empty(), data.now(), data.now(), 1);
        io.crmkit.core.project.Project project = new io.crmkit.core.project.Project(
                new io.crmkit.core.project.ProjectId(data.uuid()), "rolled back", java.util.Optional.empty(), UserRef.of("u1"),
                java.util.Optional.empty(), List.of(new io.crmkit.core.project.Milestone("m", java.util.Optional.empty())),
                List.of(io.crmkit.core.project.ProjectTask.of(t.id()).inMilestone("m")), data.now(), data.now(), 1);
        io.crmkit.core.policy.CommunicationPolicy policy = new io.crmkit.core.policy.CommunicationPolicy(
                new io.crmkit.core.policy.PolicyId(data.uuid()), "rolled back", "", CustomerQuery.all(),
                io.crmkit.core.policy.ContactMethod.CALL, java.util.Optional.empty(),
                io.crmkit.core.policy.Cadence.everyDays(30), Assignee.user(UserRef.of("u1")), data.today(),
                java.util.Optional.empty(), java.util.Optional.empty(), 7, data.now(), data.now(), 1);
        io.crmkit.core.policy.PolicyContact contact = new io.crmkit.core.policy.PolicyContact(policy.id(), c.id(),
                data.today(), io.crmkit.core.policy.ContactOutcome.TASK_CREATED, t.id().value(), i.id(), data.now(),
                data.now().plusSeconds(60));
        io.crmkit.core.policy.PauseWindow pause = new io.crmkit.core.policy.PauseWindow(data.uuid(),
                java.util.Optional.of(c.id()), data.now(), data.now().plusSeconds(60), "rolled back");
        io.crmkit.core.webhook.WebhookEndpoint endpoint = WebhookRepositoryContract.endpoint(data.uuid(), data.now());
        io.crmkit.core.webhook.WebhookDelivery delivery = io.crmkit.core.webhook.WebhookDelivery.pending(data.uuid(),
                endpoint.id(), WebhookRepositoryContract.event(data.uuid(), 1, data.now()), false, data.now());
        Boom boom = new Boom();

        assertThatThrownBy(() -> write(r -> {
            r.customers().insert(c);
            r.interactions().insert(i);
            r.requirements().insert(q);
            r.tasks().insert(t);
            r.surveys().insert(s);
            r.purchases().insert(p);
            r.opportunities().insert(o);
            r.campaigns().insert(campaign);
            r.campaigns().addMembers(List.of(io.crmkit.core.marketing.CampaignMember.targeted(campaign.id(), c.id(), data.now())));
            r.shares().put(share);
            r.audit().createHeads(1);
            r.audit().advance(AuditHead.empty(0), AuditHead.empty(0).after(a));
            r.audit().insert(List.of(a));
            r.serviceCases().insert(sc);
            r.events().reservePositions(1);
            r.events().insert(List.of(EventOutboxContract.event(1, c.id().value(), data.now())));
            r.documents().insert(document);
            r.documents().recordDownload(new io.crmkit.core.document.DocumentDownload(data.uuid(), document.id(), 1,
                    UserRef.of("u1"), data.now()));
            r.merges().insert(merge);
            r.notifications().insert(notice);
            r.notifications().markRead(notice.id(), UserRef.of("u1"), data.now());
            r.notifications().savePreferences(io.crmkit.core.notification.NotificationPreferences.none(UserRef.of("u1")));
            r.notifications().insertPush(push);
            r.projects().insert(project);
            r.policies().insert(policy);
            r.policies().recordContact(contact);
            r.policies().insertPause(pause);
            r.webhooks().insertEndpoint(endpoint);
            r.webhooks().insertDeliveries(List.of(delivery));
            r.webhooks().insertAttempt(new io.crmkit.core.webhook.WebhookAttempt(data.uuid(), delivery.id(),
                    endpoint.id(), delivery.event().id(), 1, data.now(), java.util.OptionalInt.of(200),
                    java.time.Duration.ofMillis(3), java.util.Optional.empty(),
                    io.crmkit.core.webhook.WebhookDeliveryStatus.SUCCEEDED));
            throw boom;
        })).isSameAs(boom);

        assertThat(find(c.id())).isEmpty();
        assertThat(readList(r -> r.customers().search(CustomerQuery.all().includeArchived(true), AccessScope.everything(), PageRequest.first(10)).items()))
                .isEmpty();
        assertThat(readOne(r -> r.interactions().findById(i.id()))).isEmpty();
        assertThat(readList(r -> r.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.requirements().findById(q.id()))).isEmpty();
        assertThat(readList(r -> r.requirements().openByAssignee(UserRef.of("u1"), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.tasks().findById(t.id()))).isEmpty();
        assertThat(readList(r -> r.tasks().openByUser(UserRef.of("u1"), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.surveys().findById(s.id()))).isEmpty();
        assertThat(readList(r -> r.surveys().search(SurveyQuery.all(), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.purchases().findById(p.id()))).isEmpty();
        assertThat(readOne(r -> r.purchases().findByExternalId("SO-rollback"))).isEmpty();
        assertThat(readList(r -> r.purchases().search(PurchaseQuery.all(), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.opportunities().findById(o.id()))).isEmpty();
        assertThat(readList(r -> r.opportunities().search(OpportunityQuery.all(), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.campaigns().findById(campaign.id()))).isEmpty();
        assertThat(readOne(r -> r.campaigns().findMember(campaign.id(), c.id()))).isEmpty();
        assertThat(readList(r -> r.campaigns().search(io.crmkit.core.marketing.CampaignQuery.all(), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readList(r -> r.shares().of(RecordKind.CUSTOMER, c.id().value()))).isEmpty();
        assertThat(readOne(r -> r.audit().find(0, 1))).isEmpty();
        assertThat(readList(r -> r.audit().heads())).isEmpty();
        assertThat(readList(r -> r.audit().byRecord(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(10)).items()))
                .isEmpty();
        assertThat(readOne(r -> r.serviceCases().findById(sc.id()))).isEmpty();
        assertThat(readList(r -> r.serviceCases().search(ServiceCaseQuery.all(), AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readList(r -> r.events().after(0, 10))).isEmpty();
        long next = writeAndGet(r -> r.events().reservePositions(1));
        assertThat(next).as("the rolled back position is free again").isEqualTo(1);
        assertThat(readOne(r -> r.documents().findById(document.id()))).isEmpty();
        assertThat(readList(r -> r.documents().search(io.crmkit.core.document.DocumentQuery.all(), AccessScope.everything(),
                PageRequest.first(10)).items())).isEmpty();
        assertThat(readList(r -> r.documents().downloads(document.id(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.merges().findById(merge.id()))).isEmpty();
        assertThat(readList(r -> r.merges().byCustomer(c.id(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.notifications().findById(notice.id()))).isEmpty();
        assertThat(readOne(r -> r.notifications().readAt(notice.id(), UserRef.of("u1")))).isEmpty();
        assertThat(readOne(r -> r.notifications().preferences(UserRef.of("u1")))).isEmpty();
        assertThat(readList(r -> r.notifications().pushes(notice.id()))).isEmpty();
        assertThat(readOne(r -> r.projects().findById(project.id()))).isEmpty();
        assertThat(readOne(r -> r.policies().findById(policy.id()))).isEmpty();
        assertThat(readList(r -> r.policies().search(AccessScope.everything(), PageRequest.first(10)).items())).isEmpty();
        assertThat(readOne(r -> r.policies().findContact(policy.id(), c.id(), data.today()))).isEmpty();
        assertThat(readOne(r -> r.policies().pauseOf(c.id(), data.now(), data.now().plusSeconds(1)))).isEmpty();
        assertThat(readOne(r -> r.webhooks().findEndpoint(endpoint.id()))).isEmpty();
        assertThat(readOne(r -> r.webhooks().findDelivery(delivery.id()))).isEmpty();
        assertThat(readList(r -> r.webhooks().attemptsOfEvent(delivery.event().id(), PageRequest.first(10)).items()))
                .isEmpty();
    }

    @Test
    void failedWorkPutsMovedRecordsBackWithTheirCustomer() {
        Customer from = data.person("From").build();
        Customer to = data.person("To").build();
        Interaction i = data.interaction(from.id()).build();
        Requirement q = data.requirement(from.id()).build();
        write(r -> {
            r.customers().insert(from);
            r.customers().insert(to);
            r.interactions().insert(i);
            r.requirements().insert(q);
        });
        Boom boom = new Boom();

        assertThatThrownBy(() -> write(r -> {
            r.customerReferences().values().forEach(refs -> refs.reassignCustomer(from.id(), to.id()));
            throw boom;
        })).isSameAs(boom);

        assertThat(readOne(r -> r.interactions().findById(i.id()))).map(Interaction::customerId).contains(from.id());
        assertThat(readOne(r -> r.requirements().findById(q.id()))).contains(q);
    }

    @Test
    void failedWorkUndoesUpdatesAndReleasesUniqueKeys() {
        Customer c = data.fullPerson("Kept", "tx").build();
        write(r -> r.customers().insert(c));
        Boom boom = new Boom();

        assertThatThrownBy(() -> write(r -> {
            r.customers().update(c.toBuilder().displayName("Changed").externalRefs(java.util.List.of()).version(2).build());
            r.customers().insert(data.person("Taker").externalRefs(c.externalRefs()).build());
            r.purchases().insert(data.purchase(c.id(), "1", "CNY").externalId("SO-x").build());
            throw boom;
        })).isSameAs(boom);

        assertSameCustomer(find(c.id()).orElseThrow(), c);
        assertThat(readOne(r -> r.customers().findByExternalRef(c.externalRefs().get(0)))).contains(c);
        Purchase later = data.purchase(c.id(), "2", "CNY").externalId("SO-x").build();
        write(r -> r.purchases().insert(later));
        assertThat(read(r -> r.purchases().findByExternalId("SO-x")).map(Purchase::id)).contains(later.id());
    }

    @Test
    void conflictInsideWorkRollsBackItsEarlierWrites() {
        Purchase taken = data.purchase(data.customerId(), "1", "CNY").externalId("SO-taken").build();
        Customer owner = data.person("Owner").build();
        write(r -> {
            r.customers().insert(owner);
            r.purchases().insert(new Purchase(taken.id(), owner.id(), taken.occurredAt(), taken.amount(),
                    taken.currency(), taken.quantity(), taken.product(), taken.externalId()));
        });
        Customer c = data.person("Never").build();

        assertThatThrownBy(() -> write(r -> {
            r.customers().insert(c);
            r.purchases().insert(data.purchase(c.id(), "2", "CNY").externalId("SO-taken").build());
        })).isInstanceOf(ConflictException.class);

        assertThat(find(c.id())).isEmpty();
    }

    @Test
    void nestedWorkJoinsTheOuterUnitOfWork() {
        Customer outer = data.person("Outer").build();
        Customer inner = data.person("Inner").build();
        Boom boom = new Boom();

        assertThatThrownBy(() -> write(r -> {
            r.customers().insert(outer);
            Optional<Customer> seenInside = storage.inTransaction(r2 -> {
                r2.customers().insert(inner);
                return r2.customers().findById(outer.id());
            });
            assertThat(seenInside).as("the nested unit of work sees the outer one's writes").contains(outer);
            throw boom;
        })).isSameAs(boom);

        assertThat(find(outer.id())).isEmpty();
        assertThat(find(inner.id())).as("the nested unit of work rolled back with the outer one").isEmpty();
    }

    @Test
    void nestedWorkCommitsWithTheOuterUnitOfWork() {
        Customer outer = data.person("Outer").build();
        Customer inner = data.person("Inner").build();

        write(r -> {
            r.customers().insert(outer);
            write(r2 -> r2.customers().insert(inner));
        });

        assertThat(find(outer.id())).contains(outer);
        assertThat(find(inner.id())).contains(inner);
    }

    @Test
    void aFailingNestedUnitOfWorkUndoesOnlyItsOwnWrites() {
        Customer outer = data.person("Outer").build();
        Customer inner = data.person("Inner").build();
        Customer taken = data.person("Taken").externalRefs(List.of(ExternalRef.of("erp", "TAKEN"))).build();
        Customer clash = data.person("Clash").externalRefs(List.of(ExternalRef.of("erp", "TAKEN"))).build();
        Customer after = data.person("After").build();
        write(r -> r.customers().insert(taken));

        write(r -> {
            r.customers().insert(outer);
            assertThatThrownBy(() -> storage.inTransaction(r2 -> {
                r2.customers().insert(inner);
                r2.customers().insert(clash); // the database refuses the taken reference
                return "unreachable";
            })).isInstanceOf(ConflictException.class);
            r.customers().insert(after); // the unit of work is still usable
        });

        assertThat(find(outer.id())).contains(outer);
        assertThat(find(after.id())).contains(after);
        assertThat(find(inner.id())).as("written by the nested unit of work that failed").isEmpty();
        assertThat(find(clash.id())).isEmpty();
    }

    @Test
    void readRunsWorkAndReturnsItsResult() {
        Customer c = data.person("A").build();
        write(r -> r.customers().insert(c));

        String name = storage.read(r -> r.customers().findById(c.id()).map(Customer::displayName).orElse("none"));
        assertThat(name).isEqualTo("A");
        Boom boom = new Boom();
        assertThatThrownBy(() -> storage.read(r -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void aWriteInsideAReadIsRefusedAndWritesNothing() {
        Customer c = data.person("Not in a read").build();
        assertThatThrownBy(() -> storage.read(r -> storage.inTransaction(w -> {
            w.customers().insert(c);
            return c;
        }))).isInstanceOf(IllegalStateException.class);
        assertThat(find(c.id())).isEmpty();
    }

    @Test
    @Timeout(60)
    void otherThreadsNeverSeeUncommittedWrites() throws Exception {
        Customer c = data.person("Uncommitted").build();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    write(r -> {
                        r.customers().insert(c);
                        inserted.countDown();
                        try {
                            // a storage that blocks readers until commit makes this wait time out; both are fine
                            checked.await(2, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new Boom();
                    });
                } catch (Boom expected) {
                    // rolled back on purpose
                }
            });
            assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the writer started").isTrue();
            Future<Optional<Customer>> reader = pool.submit(() -> find(c.id()));
            Optional<Customer> seen = reader.get(30, TimeUnit.SECONDS);
            checked.countDown();
            writer.get(30, TimeUnit.SECONDS);

            assertThat(seen).as("a reader saw a write that was rolled back").isEmpty();
            assertThat(find(c.id())).isEmpty();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
