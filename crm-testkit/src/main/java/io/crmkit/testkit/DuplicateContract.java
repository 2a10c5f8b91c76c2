package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.dedup.MatchReason;
import io.crmkit.core.dedup.Merge;
import io.crmkit.core.dedup.MergeEvent;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Duplicate customers through {@code crm.duplicates()}: detection by email, phone, external reference and Chinese
 * or Latin name; a merge that moves every kind of record of {@link Repositories#customerReferences()} and loses
 * none; its undoing; stale and concurrent edits refused; access; and 10,000 customers with seeded duplicates.
 */
@Timeout(600)
public abstract class DuplicateContract extends StorageContractSupport {
    /** How many customers the large test stores, and how many of them get a seeded duplicate. */
    protected static final int MANY = 10_000;
    protected static final int SEEDED = 300;

    private final List<Crm> crms = new ArrayList<>();

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected DuplicateContract(StorageFactory factory) {
        super(factory);
    }

    @AfterEach
    void closeCrms() {
        crms.forEach(Crm::close);
    }

    private Crm crm() {
        return crm(AccessPolicy.unrestricted(), e -> { });
    }

    private Crm crm(AccessPolicy policy, java.util.function.Consumer<DomainEvent> listener) {
        Crm crm = Crm.builder().storage(new KeptOpen(storage)).clock(data.clock()).access(policy)
                .listener(listener::accept).build();
        crms.add(crm);
        return crm;
    }

    // ---- detection ------------------------------------------------------------------------------------------

    @Test
    void findsSharedEmailPhoneAndReferenceButNotStrangers() {
        Customer a = store(data.person("Alice Wong").emails(List.of(EmailAddress.of("Alice@Example.com"))));
        Customer b = store(data.person("A. Wong").emails(List.of(EmailAddress.of("alice@example.COM"))));
        Customer c = store(data.person("Bob").phones(List.of(new PhoneNumber("+8613800138000"))));
        Customer d = store(data.person("Robert").phones(List.of(new PhoneNumber("+8613800138000"))));
        Customer e = store(data.person("Carol").externalRefs(List.of(ExternalRef.of("erp", "C-10086"))));
        Customer f = store(data.person("Karol").externalRefs(List.of(ExternalRef.of("erp", "c 10086"))));
        Customer g = store(data.person("Carol").externalRefs(List.of(ExternalRef.of("shop", "C-10086"))));
        store(data.person("Dave").emails(List.of(EmailAddress.of("dave@example.com"))));

        List<DuplicateCandidate> found = crm().duplicates().find(DuplicateQuery.all());

        assertThat(reasons(found, a, b)).contains(MatchReason.EMAIL);
        assertThat(reasons(found, c, d)).contains(MatchReason.PHONE);
        assertThat(reasons(found, e, f)).contains(MatchReason.EXTERNAL_REF);
        assertThat(found).as("another system's reference, a different name").noneMatch(x -> x.is(e.id(), g.id()) || x.is(f.id(), g.id()));
        assertThat(found).hasSize(3);
        assertThat(found).allSatisfy(x -> {
            assertThat(x.score()).isBetween(DuplicateQuery.DEFAULT_MIN_SCORE, 1.0);
            assertThat(x.first().value()).isLessThan(x.second().value());
        });
        assertThat(found).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
    }

    /**
     * The built-in name matcher compares Chinese names by their characters: traditional characters and pinyin are
     * other names without {@code IcuNameMatcher} (crm-dedup-icu, whose own test proves that they match there).
     */
    @Test
    void chineseNamesByTheirCharactersAndLatinNamesInAnyWordOrder() {
        Customer simplified = store(data.person("张伟").addresses(List.of(city("北京"))));
        Customer same = store(data.person("张伟 😀").addresses(List.of(city("北京"))));
        Customer elsewhere = store(data.person("张伟"));
        Customer traditional = store(data.person("張偉").addresses(List.of(city("北京"))));
        Customer pinyin = store(data.person("Zhang Wei"));
        Customer swapped = store(data.person("WEI, Zhang"));
        Customer other = store(data.person("李娜").addresses(List.of(city("北京"))));

        List<DuplicateCandidate> byDefault = crm().duplicates().find(DuplicateQuery.all());
        assertThat(byDefault).as("a name in the same city passes the default minimum")
                .anyMatch(x -> x.is(simplified.id(), same.id()) && x.reasons().containsAll(
                        Set.of(MatchReason.NAME, MatchReason.SAME_CITY)));
        assertThat(byDefault).as("a name alone stays below the default minimum")
                .noneMatch(x -> x.is(simplified.id(), elsewhere.id()) || x.is(pinyin.id(), swapped.id()));

        List<DuplicateCandidate> all = crm().duplicates().find(DuplicateQuery.all().minScore(0.3));
        assertThat(reasons(all, simplified, elsewhere)).containsExactly(MatchReason.NAME);
        assertThat(reasons(all, pinyin, swapped)).containsExactly(MatchReason.NAME);
        assertThat(all).filteredOn(x -> x.is(simplified.id(), same.id())).singleElement()
                .satisfies(x -> assertThat(x.nameSimilarity()).isEqualTo(1.0));
        assertThat(all).as("traditional characters and pinyin are other names for the built-in matcher")
                .noneMatch(x -> x.is(simplified.id(), traditional.id()) || x.is(simplified.id(), pinyin.id())
                        || x.is(traditional.id(), pinyin.id()));
        assertThat(all).noneMatch(x -> x.first().equals(other.id()) || x.second().equals(other.id()));
    }

    @Test
    void misspeltLatinNamesWithEmojiAndSqlMetacharacters() {
        Customer a = store(data.person("Jonathan O'Brien 😀").addresses(List.of(city("Dublin"))));
        Customer b = store(data.person("Jonathon O'Brien';--").addresses(List.of(city("dublin "))));
        Customer c = store(data.person("%_\\ Müller").emails(List.of(EmailAddress.of("m@example.com"))));
        Customer d = store(data.person("Muller").emails(List.of(EmailAddress.of("M@EXAMPLE.COM"))));
        Customer e = store(data.person("'; DROP TABLE crm_customers; --").emails(List.of(EmailAddress.of("m@example.com"))));

        List<DuplicateCandidate> found = crm().duplicates().find(DuplicateQuery.all().minScore(0.3).nameSimilarity(0.8));

        assertThat(reasons(found, a, b)).contains(MatchReason.NAME, MatchReason.SAME_CITY);
        assertThat(reasons(found, c, d)).contains(MatchReason.EMAIL, MatchReason.NAME);
        assertThat(reasons(found, c, e)).containsExactly(MatchReason.EMAIL);
        assertThat(readList(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.first(10)).items()))
                .hasSize(5);
    }

    @Test
    void badQueriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> DuplicateQuery.all().minScore(1.5)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("minScore");
        assertThatThrownBy(() -> DuplicateQuery.all().limit(0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> DuplicateQuery.all().nameSimilarity(Double.NaN)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("nameSimilarity");
    }

    @Test
    void detectionSeesOnlyWhatTheActorMayRead() {
        Customer mine = store(data.person("Mine").owner(UserRef.of("olga")).emails(List.of(EmailAddress.of("x@example.com"))));
        Customer theirs = store(data.person("Theirs").owner(UserRef.of("zed")).emails(List.of(EmailAddress.of("x@example.com"))));
        Crm crm = crm(ownPolicy(), e -> { });
        assertThat(crm.as(OLGA).duplicates().find(DuplicateQuery.all())).isEmpty();
        assertThat(crm.duplicates().find(DuplicateQuery.all())).singleElement().satisfies(x -> assertThat(x.is(mine.id(), theirs.id())).isTrue());
    }

    // ---- merge ----------------------------------------------------------------------------------------------

    @Test
    void mergeMovesEveryKindOfRecordAndUnmergeBringsThemBack() {
        Customer winner = store(data.person("张伟").emails(List.of(EmailAddress.of("zw@example.com"))).tags(Set.of("vip"))
                .externalRefs(List.of(ExternalRef.of("erp", "W-1"))));
        Customer loser = store(data.person("張偉 😀").emails(List.of(EmailAddress.of("ZW@example.com"), EmailAddress.of("wei@example.cn")))
                .phones(List.of(new PhoneNumber("+8613800138000"))).tags(Set.of("vip", "重点客户"))
                .attributes(Map.of("来源", io.crmkit.core.customer.AttributeValue.of("展会 ' OR 1=1 --")))
                .externalRefs(List.of(ExternalRef.of("erp", "L-1"), ExternalRef.of("shop", "L'1"))));
        Map<RecordKind, List<UUID>> winnerRecords = writeAndGet(r -> children(r, winner.id()));
        Map<RecordKind, List<UUID>> loserRecords = writeAndGet(r -> children(r, loser.id()));
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        Crm crm = crm(AccessPolicy.unrestricted(), events::add);

        Merge merge = crm.duplicates().merge(winner, List.of(loser), "same person, 繁体 name");

        assertThat(loserRecords.keySet()).as("every kind a merge moves has a record here")
                .containsExactlyInAnyOrderElementsOf(storage.read(r -> r.customerReferences().keySet()));
        loserRecords.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).as(kind + " " + id).contains(winner.id())));
        winnerRecords.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(winner.id())));
        assertThat(merge.losers()).singleElement().satisfies(m -> {
            assertThat(m.moved()).isEqualTo(loserRecords);
            assertThat(m.emails()).containsExactly("wei@example.cn");
            assertThat(m.phones()).containsExactly("+8613800138000");
            assertThat(m.tags()).containsExactly("重点客户");
            assertThat(m.attributes()).containsExactly("来源");
            assertThat(m.externalRefs()).containsExactlyInAnyOrder(ExternalRef.of("erp", "L-1"), ExternalRef.of("shop", "L'1"));
        });
        Customer merged = crm.customers().require(winner.id());
        assertThat(merged.emails()).extracting(EmailAddress::value).containsExactly("zw@example.com", "wei@example.cn");
        assertThat(merged.phones()).extracting(PhoneNumber::value).containsExactly("+8613800138000");
        assertThat(merged.tags()).containsExactlyInAnyOrder("vip", "重点客户");
        assertThat(merged.attributes()).containsKey("来源");
        assertThat(merged.externalRefs()).containsExactlyInAnyOrder(ExternalRef.of("erp", "W-1"), ExternalRef.of("erp", "L-1"),
                ExternalRef.of("shop", "L'1"));
        assertThat(crm.customers().findByExternalRef("shop", "L'1")).map(Customer::id).contains(winner.id());
        Customer archived = crm.customers().require(loser.id());
        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.externalRefs()).isEmpty();
        assertThat(crm.duplicates().getMerge(merge.id())).contains(merge);
        assertThat(crm.duplicates().merges(loser.id(), PageRequest.first(10)).items()).containsExactly(merge);
        assertThat(crm.duplicates().merges(winner.id(), PageRequest.first(10)).items()).containsExactly(merge);
        assertThat(actions(crm, winner.id())).contains(AuditAction.MERGE);
        assertThat(actions(crm, loser.id())).contains(AuditAction.MERGE);
        assertThat(events).anyMatch(e -> e instanceof MergeEvent.Merged m && m.winner().equals(winner.id())
                && m.losers().equals(List.of(loser.id())));
        assertThat(events).as("the loser's archiving is a customer event too")
                .anyMatch(e -> e instanceof io.crmkit.core.customer.CustomerEvent.Archived a && a.customerId().equals(loser.id()));

        Merge undone = crm.duplicates().unmerge(merge.id(), "not the same person after all");

        assertThat(undone.isUndone()).isTrue();
        assertThat(undone.undoReason()).contains("not the same person after all");
        loserRecords.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).as(kind + " " + id).contains(loser.id())));
        winnerRecords.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(winner.id())));
        Customer w = crm.customers().require(winner.id());
        assertThat(w.emails()).isEqualTo(winner.emails());
        assertThat(w.phones()).isEmpty();
        assertThat(w.tags()).isEqualTo(winner.tags());
        assertThat(w.attributes()).isEmpty();
        assertThat(w.externalRefs()).isEqualTo(winner.externalRefs());
        Customer l = crm.customers().require(loser.id());
        assertThat(l.isArchived()).isFalse();
        assertThat(l.externalRefs()).containsExactlyInAnyOrderElementsOf(loser.externalRefs());
        assertThat(l.emails()).isEqualTo(loser.emails());
        assertThat(crm.duplicates().getMerge(merge.id())).contains(undone);
        assertThat(actions(crm, winner.id())).contains(AuditAction.UNMERGE);
        assertThat(events).anyMatch(e -> e instanceof MergeEvent.Unmerged);
        assertThatThrownBy(() -> crm.duplicates().unmerge(merge.id(), "again")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("undone already");
    }

    @Test
    void aMergeOfCustomersChangedSinceTheyWereReadIsRefusedAndChangesNothing() {
        Customer winner = store(data.person("Winner"));
        Customer loser = store(data.person("Loser").emails(List.of(EmailAddress.of("l@example.com"))));
        Map<RecordKind, List<UUID>> records = writeAndGet(r -> children(r, loser.id()));
        Crm crm = crm();
        crm.customers().update(loser.edit().displayName("Loser, renamed"));

        assertThatThrownBy(() -> crm.duplicates().merge(winner, List.of(loser), "stale"))
                .isInstanceOf(ConflictException.class).hasMessageContaining(loser.id().toString());
        crm.customers().update(crm.customers().require(winner.id()).edit().displayName("Winner, renamed"));
        assertThatThrownBy(() -> crm.duplicates().merge(winner, List.of(crm.customers().require(loser.id())), "stale"))
                .isInstanceOf(ConflictException.class).hasMessageContaining(winner.id().toString());

        records.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(loser.id())));
        assertThat(crm.customers().require(loser.id()).isArchived()).isFalse();
        assertThat(crm.customers().require(winner.id()).emails()).isEmpty();
        assertThat(crm.duplicates().merges(loser.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aMergeRacingAnEditOfItsCustomerEitherWinsWholeOrIsRefused() throws Exception {
        Crm crm = crm();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5; i++) {
                int round = i;
                Customer winner = store(data.person("Racer " + round));
                Customer loser = store(data.person("Racer " + round + " dup").emails(List.of(EmailAddress.of("r" + round + "@example.com"))));
                Map<RecordKind, List<UUID>> records = writeAndGet(r -> children(r, loser.id()));
                CountDownLatch start = new CountDownLatch(1);
                Future<Object> merge = pool.submit(() -> {
                    start.await();
                    return crm.duplicates().merge(winner, List.of(loser), "race");
                });
                Future<Object> edit = pool.submit(() -> {
                    start.await();
                    return crm.customers().update(loser.edit().displayName("edited " + round));
                });
                start.countDown();
                boolean merged = succeeded(merge);
                boolean edited = succeeded(edit);
                assertThat(merged ^ edited).as("round %d: exactly one of merge (%s) and edit (%s) wins", round, merged, edited).isTrue();
                CustomerId expected = merged ? winner.id() : loser.id();
                records.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(expected)));
                assertThat(crm.customers().require(loser.id()).isArchived()).isEqualTo(merged);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badMergesAreRefusedNamingEveryFieldAndWriteNothing() {
        Customer winner = store(data.person("W"));
        Customer loser = store(data.person("L"));
        Crm crm = crm();

        assertThatThrownBy(() -> crm.duplicates().merge(winner, List.of(winner, loser, loser), " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.code())
                        .contains("reason:required", "losers[0]:is_winner", "losers[2]:duplicate"));
        assertThatThrownBy(() -> crm.duplicates().merge(winner, List.of(), "x".repeat(Merge.MAX_REASON + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("reason", "losers"));
        Merge first = crm.duplicates().merge(winner, List.of(loser), "once");
        Customer other = crm.customers().require(winner.id());
        Customer third = store(data.person("T"));
        assertThatThrownBy(() -> crm.duplicates().merge(third, List.of(crm.customers().require(loser.id())), "twice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.code()).containsExactly("already_merged"));
        assertThatThrownBy(() -> crm.duplicates().merge(crm.customers().require(loser.id()), List.of(third), "into the merged"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.code()).containsExactly("archived"));
        assertThatThrownBy(() -> crm.duplicates().unmerge(new io.crmkit.core.dedup.MergeId(data.uuid()), "none"))
                .isInstanceOf(NotFoundException.class);
        assertThat(crm.duplicates().merges(third.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.duplicates().merges(other.id(), PageRequest.first(10)).items()).containsExactly(first);
    }

    @Test
    void anUnmergeAfterALaterMergeTookTheRecordsOnIsRefused() {
        Customer a = store(data.person("A"));
        Customer b = store(data.person("B"));
        Customer c = store(data.person("C"));
        Map<RecordKind, List<UUID>> records = writeAndGet(r -> children(r, b.id()));
        Crm crm = crm();
        Merge first = crm.duplicates().merge(a, List.of(b), "b is a");
        Merge second = crm.duplicates().merge(c, List.of(crm.customers().require(a.id())), "a is c");

        assertThatThrownBy(() -> crm.duplicates().unmerge(first.id(), "too early")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no longer belong");
        records.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(c.id())));

        crm.duplicates().unmerge(second.id(), "a is not c");
        crm.duplicates().unmerge(first.id(), "b is not a");
        records.forEach((kind, ids) -> ids.forEach(id -> assertThat(owner(kind, id)).contains(b.id())));
        assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(crm.customers().require(x.id()).isArchived()).isFalse());
    }

    @Test
    void anUnmergeOfALoserEditedSinceIsRefused() {
        Customer a = store(data.person("A"));
        Customer b = store(data.person("B"));
        Crm crm = crm();
        Merge merge = crm.duplicates().merge(a, List.of(b), "b is a");
        crm.customers().update(crm.customers().require(b.id()).edit().displayName("B, edited while merged"));
        assertThatThrownBy(() -> crm.duplicates().unmerge(merge.id(), "undo")).isInstanceOf(ConflictException.class)
                .hasMessageContaining(b.id().toString());
        assertThat(crm.duplicates().getMerge(merge.id()).orElseThrow().isUndone()).isFalse();
    }

    @Test
    void aMergeNeedsTheRightToEditEveryCustomerAndAnUnseenOneIsNotFound() {
        Customer mine = store(data.person("Mine").owner(UserRef.of("olga")).department(EAST));
        Customer hidden = store(data.person("Hidden").owner(UserRef.of("zed")).department(DepartmentRef.of("west")));
        Customer readable = store(data.person("Readable").owner(UserRef.of("zed")).department(EAST));
        Crm crm = crm(ownPolicy(), e -> { });

        assertThatThrownBy(() -> crm.as(OLGA).duplicates().merge(mine, List.of(hidden), "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(OLGA).duplicates().merge(mine, List.of(readable), "x")).isInstanceOf(AccessDeniedException.class);
        Merge merge = crm.duplicates().merge(mine, List.of(hidden), "by the system");
        assertThat(crm.as(OLGA).duplicates().merges(hidden.id(), PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> crm.as(OLGA).duplicates().unmerge(merge.id(), "x")).isInstanceOf(NotFoundException.class);
        assertThat(crm.customers().require(hidden.id()).isArchived()).isTrue();
    }

    // ---- many customers -------------------------------------------------------------------------------------

    @Test
    void tenThousandCustomersWithSeededDuplicatesMergeAndUnmergeLosingNothing() {
        Random random = new Random(20_261_204L);
        List<Customer> originals = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            originals.add(data.person(randomName(random) + " " + i)
                    .emails(List.of(EmailAddress.of("c" + i + "@example.com")))
                    .phones(List.of(new PhoneNumber("+86139" + String.format("%08d", i)))).build());
        }
        // Seeded duplicates: a copy of an original sharing its email (another case) or its phone; some originals
        // get two, so that clusters of three occur.
        Map<CustomerId, CustomerId> originalOf = new LinkedHashMap<>();
        List<Customer> copies = new ArrayList<>();
        List<Integer> picked = random.ints(0, MANY).distinct().limit(SEEDED).boxed().toList();
        for (int n = 0; n < picked.size(); n++) {
            Customer original = originals.get(picked.get(n));
            int copiesOfIt = n % 6 == 0 ? 2 : 1;
            for (int k = 0; k < copiesOfIt; k++) {
                Customer.Builder copy = data.person(original.displayName() + (k == 0 ? "" : " (2)"));
                if ((n + k) % 2 == 0) {
                    copy.emails(List.of(EmailAddress.of(original.emails().get(0).value().toUpperCase(java.util.Locale.ROOT))));
                } else {
                    copy.phones(original.phones());
                }
                Customer built = copy.build();
                copies.add(built);
                originalOf.put(built.id(), original.id());
            }
        }
        write(r -> r.customers().insertAll(originals));
        write(r -> r.customers().insertAll(copies));
        // Records of every kind for everyone in a cluster and for some others.
        List<CustomerId> withRecords = new ArrayList<>(originalOf.keySet());
        originalOf.values().stream().distinct().forEach(withRecords::add);
        random.ints(0, MANY).distinct().limit(200).forEach(i -> withRecords.add(originals.get(i).id()));
        Map<UUID, Child> records = new HashMap<>();
        for (int from = 0; from < withRecords.size(); from += 100) {
            List<CustomerId> batch = withRecords.subList(from, Math.min(withRecords.size(), from + 100));
            write(r -> batch.forEach(c -> children(r, c).forEach((kind, ids) -> ids.forEach(id ->
                    records.put(id, new Child(kind, c))))));
        }
        Crm crm = crm();

        List<DuplicateCandidate> found = crm.duplicates().find(DuplicateQuery.all().limit(DuplicateQuery.MAX_LIMIT));

        Map<CustomerId, CustomerId> clusterOf = new HashMap<>();
        originalOf.forEach((copy, original) -> {
            clusterOf.put(copy, original);
            clusterOf.put(original, original);
        });
        for (Map.Entry<CustomerId, CustomerId> seeded : originalOf.entrySet()) {
            assertThat(found).as("seeded duplicate %s of %s", seeded.getKey(), seeded.getValue())
                    .anyMatch(c -> c.is(seeded.getKey(), seeded.getValue()));
        }
        assertThat(found).as("every candidate is within a seeded cluster").allMatch(c -> clusterOf.get(c.first()) != null
                && clusterOf.get(c.first()).equals(clusterOf.get(c.second())));

        Map<CustomerId, List<CustomerId>> losersOf = originalOf.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<Merge> merges = new ArrayList<>();
        losersOf.forEach((winner, losers) -> merges.add(crm.duplicates().merge(crm.customers().require(winner),
                losers.stream().map(l -> crm.customers().require(l)).toList(), "seeded duplicate")));

        Map<UUID, CustomerId> after = storage.read(r -> owners(r, records));
        assertThat(after).hasSameSizeAs(records);
        records.forEach((id, child) -> assertThat(after.get(id)).as("%s %s", child.kind(), id)
                .isEqualTo(clusterOf.getOrDefault(child.owner(), child.owner())));
        assertThat(countByKind(records, after.keySet())).isEqualTo(countByKind(records, records.keySet()));
        assertThat(merges.stream().mapToInt(Merge::movedCount).sum())
                .isEqualTo((int) records.values().stream().filter(c -> originalOf.containsKey(c.owner())).count());
        assertThat(activeCustomers())
                .isEqualTo(MANY);
        assertThat(crm.duplicates().find(DuplicateQuery.all())).as("nothing left to merge").isEmpty();

        merges.forEach(m -> crm.duplicates().unmerge(m.id(), "check"));

        Map<UUID, CustomerId> undone = storage.read(r -> owners(r, records));
        records.forEach((id, child) -> assertThat(undone.get(id)).as("%s %s", child.kind(), id).isEqualTo(child.owner()));
        assertThat(activeCustomers())
                .isEqualTo(MANY + copies.size());
        for (Customer original : originals.subList(0, 50)) {
            assertThat(crm.customers().require(original.id()).emails()).isEqualTo(original.emails());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A record of {@code kind} that belonged to {@code owner} when it was stored. */
    private record Child(RecordKind kind, CustomerId owner) {
    }

    /** The customer each record belongs to now; a record that is gone is missing. */
    private static Map<UUID, CustomerId> owners(Repositories r, Map<UUID, Child> records) {
        Map<UUID, CustomerId> owners = new HashMap<>();
        records.forEach((id, child) -> owner(r, child.kind(), id).ifPresent(o -> owners.put(id, o)));
        return owners;
    }

    private static Map<RecordKind, Long> countByKind(Map<UUID, Child> records, Set<UUID> present) {
        Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        records.forEach((id, child) -> {
            if (present.contains(id)) {
                counts.merge(child.kind(), 1L, Long::sum);
            }
        });
        return counts;
    }

    static final DepartmentRef EAST = DepartmentRef.of("east");
    static final Actor OLGA = new Actor(UserRef.of("olga"), Set.of("rep"), Set.of(EAST));

    /** Reps read their department's customers and edit their own. */
    private static AccessPolicy ownPolicy() {
        return AccessPolicy.builder()
                .grant("rep", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ)
                .grant("rep", AccessLevel.OWN, RecordKind.CUSTOMER, Action.READ, Action.EDIT)
                .build();
    }

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "Smith", "García", "Müller"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "Anna", "José", "Lukas"};

    private static String randomName(Random random) {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + GIVEN[random.nextInt(GIVEN.length)];
    }

    private static PostalAddress city(String city) {
        return new PostalAddress("", city, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Customer store(Customer.Builder customer) {
        Customer c = customer.build();
        write(r -> r.customers().insert(c));
        return c;
    }

    private static Set<MatchReason> reasons(List<DuplicateCandidate> found, Customer a, Customer b) {
        return found.stream().filter(c -> c.is(a.id(), b.id())).findFirst().map(DuplicateCandidate::reasons)
                .orElseThrow(() -> new AssertionError("no candidate " + a.displayName() + " / " + b.displayName()
                        + " among " + found));
    }

    private static Set<AuditAction> actions(Crm crm, CustomerId id) {
        return crm.audit().history(RecordKind.CUSTOMER, id.value(), PageRequest.first(100)).items().stream()
                .map(AuditEntry::action).collect(Collectors.toSet());
    }

    private static boolean succeeded(Future<Object> f) throws InterruptedException {
        try {
            f.get(120, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ConflictException.class);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("stuck", e);
        }
    }

    private long activeCustomers() {
        return readAllPages(500, (r, p) -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), p)).size();
    }

    /** One record of every kind that belongs to a customer, by kind. */
    private Map<RecordKind, List<UUID>> children(Repositories r, CustomerId c) {
        Interaction i = data.interaction(c).subject("通话 '; --").build();
        Requirement q = data.requirement(c).build();
        Task t = data.task("回访 😀").customer(c).build();
        SurveyResponse s = data.surveyResponse(c, SurveyKind.NPS, 9).build();
        var p = data.purchase(c, "99.50", "CNY").build();
        OutboxMessage m = data.outboxMessage(c, i.id(), new MessageContent.Sms("您好")).build();
        ServiceCase sc = data.serviceCase(c).build();
        Opportunity o = data.opportunity(c, "deal", "1000", "CNY", LocalDate.parse("2026-12-31")).build();
        io.crmkit.core.document.Document d = data.document("合同 😀.pdf")
                .link(io.crmkit.core.document.DocumentLink.customer(c)).build();
        r.interactions().insert(i);
        r.requirements().insert(q);
        r.tasks().insert(t);
        r.surveys().insert(s);
        r.purchases().insert(p);
        r.outbox().insert(m);
        r.serviceCases().insert(sc);
        r.opportunities().insert(o);
        r.documents().insert(d);
        Map<RecordKind, List<UUID>> ids = new EnumMap<>(RecordKind.class);
        ids.put(RecordKind.INTERACTION, List.of(i.id().value()));
        ids.put(RecordKind.REQUIREMENT, List.of(q.id().value()));
        ids.put(RecordKind.TASK, List.of(t.id().value()));
        ids.put(RecordKind.SURVEY, List.of(s.id().value()));
        ids.put(RecordKind.PURCHASE, List.of(p.id().value()));
        ids.put(RecordKind.MESSAGE, List.of(m.id().value()));
        ids.put(RecordKind.SERVICE_CASE, List.of(sc.id().value()));
        ids.put(RecordKind.OPPORTUNITY, List.of(o.id().value()));
        ids.put(RecordKind.DOCUMENT, List.of(d.id().value()));
        return ids;
    }

    private Optional<CustomerId> owner(RecordKind kind, UUID id) {
        return storage.read(r -> owner(r, kind, id));
    }

    private static Optional<CustomerId> owner(Repositories r, RecordKind kind, UUID id) {
        return switch (kind) {
            case INTERACTION -> r.interactions().findById(new InteractionId(id)).map(Interaction::customerId);
            case REQUIREMENT -> r.requirements().findById(new RequirementId(id)).map(Requirement::customerId);
            case TASK -> r.tasks().findById(new TaskId(id)).flatMap(Task::customerId);
            case SURVEY -> r.surveys().findById(new SurveyResponseId(id)).map(SurveyResponse::customerId);
            case PURCHASE -> r.purchases().findById(new PurchaseId(id)).map(io.crmkit.core.commerce.Purchase::customerId);
            case MESSAGE -> r.outbox().findById(new MessageId(id)).map(OutboxMessage::customerId);
            case SERVICE_CASE -> r.serviceCases().findById(new ServiceCaseId(id)).map(ServiceCase::customerId);
            case OPPORTUNITY -> r.opportunities().findById(new OpportunityId(id)).map(Opportunity::customerId);
            case DOCUMENT -> r.documents().findById(new io.crmkit.core.document.DocumentId(id)).flatMap(d -> d.links().stream()
                    .filter(l -> l.kind() == RecordKind.CUSTOMER).map(l -> new CustomerId(l.recordId())).findFirst());
            default -> throw new AssertionError("records of kind " + kind + " do not belong to a customer here");
        };
    }


}
