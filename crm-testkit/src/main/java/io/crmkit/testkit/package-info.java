/**
 * Contract test suites that every crmkit storage adapter must pass, and builders for valid test data.
 *
 * <p>An adapter runs the whole storage contract with one subclass of {@link io.crmkit.testkit.CrmStorageContract}
 * that hands a {@link io.crmkit.testkit.StorageFactory} to its constructor:
 *
 * <pre>{@code
 * class MyStorageContractTest extends CrmStorageContract {
 *     MyStorageContractTest() {
 *         super(MyStorage::createEmpty);   // a fresh, empty storage for each test
 *     }
 * }
 * }</pre>
 *
 * <p>An adapter on a shared database implements the factory in a class instead, emptying the tables in
 * {@code open()} and giving the outbox suite a second instance on the same data:
 *
 * <pre>{@code
 * class MyDatabaseContractTest extends CrmStorageContract {
 *     private static final StorageFactory TABLES = new StorageFactory() {
 *         public CrmStorage open() {
 *             emptyAllTables();
 *             return MyStorage.on(url);
 *         }
 *
 *         public Optional<CrmStorage> openOnSameData(CrmStorage first) {
 *             return Optional.of(MyStorage.on(url));   // another pool: claims are checked across instances
 *         }
 *     };
 *
 *     MyDatabaseContractTest() {
 *         super(TABLES);
 *     }
 * }
 * }</pre>
 *
 * <p>Each suite ({@link io.crmkit.testkit.CustomerRepositoryContract}, {@link
 * io.crmkit.testkit.OutboxRepositoryContract}, ...) also runs alone from a subclass with the same constructor.
 *
 * <p>Test data comes from {@link io.crmkit.testkit.TestData}: valid domain objects with time-ordered
 * (version 7) ids, timestamps from a settable {@link io.crmkit.testkit.TestClock} truncated to
 * microseconds, and {@link io.crmkit.testkit.TestStrings} for text that storage tends to get wrong. Its
 * builders are for test data, not crmkit's configuration: they take plain strings for user ids where that
 * keeps tests short, accept whatever a repository must store, and never validate.
 *
 * <p>{@link io.crmkit.testkit.RecordingChannel} stands in for a mail server or SMS gateway: it records what a
 * CRM sends and can be scripted to fail, retryably or permanently.
 */
@NullMarked
package io.crmkit.testkit;

import org.jspecify.annotations.NullMarked;
