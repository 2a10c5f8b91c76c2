package io.crmkit.testkit;

import java.util.Objects;
import org.junit.jupiter.api.Nested;

/**
 * The whole storage contract in one class: every repository's suite, transactions and concurrency, as
 * {@link Nested} groups on the storages of one {@link StorageFactory}. An adapter runs it with one subclass
 * that passes its factory to the constructor:
 *
 * <pre>{@code
 * class MyStorageContractTest extends CrmStorageContract {
 *     MyStorageContractTest() {
 *         super(MyStorage::createEmpty);   // a fresh, empty storage for each test
 *     }
 * }
 * }</pre>
 *
 * <p>JUnit creates the subclass anew for every test, so a factory that keeps state between tests (one
 * migrated schema emptied before each test, say) lives in a static field, and the subclass's own
 * {@code @BeforeAll} and {@code @AfterAll} methods can set it up and tear it down.
 *
 * <p>The suites also run one by one, each from a subclass with the same constructor, for example
 * {@code class MyOutboxTest extends OutboxRepositoryContract { MyOutboxTest() { super(MyStorage::createEmpty); } }}.
 */
public abstract class CrmStorageContract {
    private final StorageFactory storages;

    /** The whole contract on the storages {@code storages} opens, a fresh one for each test. */
    protected CrmStorageContract(StorageFactory storages) {
        this.storages = Objects.requireNonNull(storages, "storages");
    }

    /** {@link AccessContract}, the leak matrix, through the services on this storage. */
    @Nested
    public class Access extends AccessContract {
        Access() {
            super(storages);
        }
    }

    /** {@link CustomerRepositoryContract} on this storage. */
    @Nested
    public class Customers extends CustomerRepositoryContract {
        Customers() {
            super(storages);
        }
    }

    /** {@link InteractionRepositoryContract} on this storage. */
    @Nested
    public class Interactions extends InteractionRepositoryContract {
        Interactions() {
            super(storages);
        }
    }

    /** {@link RequirementRepositoryContract} on this storage. */
    @Nested
    public class Requirements extends RequirementRepositoryContract {
        Requirements() {
            super(storages);
        }
    }

    /** {@link TaskRepositoryContract} on this storage. */
    @Nested
    public class Tasks extends TaskRepositoryContract {
        Tasks() {
            super(storages);
        }
    }

    /** {@link ServiceCaseRepositoryContract} on this storage. */
    @Nested
    public class ServiceCases extends ServiceCaseRepositoryContract {
        ServiceCases() {
            super(storages);
        }
    }

    /** {@link SurveyRepositoryContract} on this storage. */
    @Nested
    public class Surveys extends SurveyRepositoryContract {
        Surveys() {
            super(storages);
        }
    }

    /** {@link PurchaseRepositoryContract} on this storage. */
    @Nested
    public class Purchases extends PurchaseRepositoryContract {
        Purchases() {
            super(storages);
        }
    }

    /** {@link OpportunityRepositoryContract} on this storage. */
    @Nested
    public class Opportunities extends OpportunityRepositoryContract {
        Opportunities() {
            super(storages);
        }
    }

    /** {@link CampaignRepositoryContract} on this storage. */
    @Nested
    public class Campaigns extends CampaignRepositoryContract {
        Campaigns() {
            super(storages);
        }
    }

    /** {@link OutboxRepositoryContract} on this storage, across two instances if the factory can open a second. */
    @Nested
    public class Outbox extends OutboxRepositoryContract {
        Outbox() {
            super(storages);
        }
    }

    /** {@link ShareRepositoryContract} on this storage. */
    @Nested
    public class Shares extends ShareRepositoryContract {
        Shares() {
            super(storages);
        }
    }

    /** {@link AccessScopeContract} on this storage: every listing under random scopes. */
    @Nested
    public class Scopes extends AccessScopeContract {
        Scopes() {
            super(storages);
        }
    }

    /** {@link AuditRepositoryContract} on this storage. */
    @Nested
    public class Audit extends AuditRepositoryContract {
        Audit() {
            super(storages);
        }
    }

    /** {@link TransactionContract} on this storage. */
    @Nested
    public class Transactions extends TransactionContract {
        Transactions() {
            super(storages);
        }
    }

    /** {@link ConcurrencyContract} on this storage. */
    @Nested
    public class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(storages);
        }
    }

    /** {@link EventOutboxContract} on this storage, its relays across two instances if the factory can open a second. */
    @Nested
    public class EventOutbox extends EventOutboxContract {
        EventOutbox() {
            super(storages);
        }
    }

    /** {@link DocumentRepositoryContract} on this storage. */
    @Nested
    public class Documents extends DocumentRepositoryContract {
        Documents() {
            super(storages);
        }
    }

    /** {@link DuplicateContract}: duplicate detection, merge and unmerge through the services on this storage. */
    @Nested
    public class Duplicates extends DuplicateContract {
        Duplicates() {
            super(storages);
        }
    }

    /** {@link NotificationRepositoryContract} on this storage, its push claims across two instances if it can open a second. */
    @Nested
    public class Notifications extends NotificationRepositoryContract {
        Notifications() {
            super(storages);
        }
    }

    /** {@link ProjectRepositoryContract} on this storage. */
    @Nested
    public class Projects extends ProjectRepositoryContract {
        Projects() {
            super(storages);
        }
    }

    /** {@link PolicyContract}: communication policies through the services on this storage. */
    @Nested
    public class Policies extends PolicyContract {
        Policies() {
            super(storages);
        }
    }

    /** {@link WebhookRepositoryContract} on this storage, its claims across two instances if the factory can open a second. */
    @Nested
    public class Webhooks extends WebhookRepositoryContract {
        Webhooks() {
            super(storages);
        }
    }
}
