/**
 * Contract test suites that every crmkit storage adapter must pass, and builders for valid test data.
 *
 * <p>An adapter runs the whole storage contract with one subclass:
 *
 * <pre>{@code
 * class MyStorageContractTest extends CrmStorageContract {
 *     @Override
 *     protected CrmStorage createStorage() {
 *         return MyStorage.create(...);   // a fresh, empty storage for each test
 *     }
 * }
 * }</pre>
 *
 * <p>Test data comes from {@link io.crmkit.testkit.TestData}: valid domain objects with time-ordered
 * (version 7) ids, timestamps from a settable {@link io.crmkit.testkit.TestClock} truncated to
 * microseconds, and {@link io.crmkit.testkit.TestStrings} for text that storage tends to get wrong.
 *
 * <p>{@link io.crmkit.testkit.RecordingChannel} stands in for a mail server or SMS gateway: it records what a
 * CRM sends and can be scripted to fail, retryably or permanently.
 */
@NullMarked
package io.crmkit.testkit;

import org.jspecify.annotations.NullMarked;
