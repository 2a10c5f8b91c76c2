package io.crmkit.dedup.icu;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.dedup.DuplicateSettings;
import io.crmkit.core.dedup.MatchReason;
import io.crmkit.core.dedup.NameMatcher;
import io.crmkit.core.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Detection through {@code crm.duplicates()} on a CRM built with the ICU matcher: traditional and pinyin spellings. */
class IcuNameMatcherTest {
    private final List<Crm> crms = new ArrayList<>();

    @AfterEach
    void close() {
        crms.forEach(Crm::close);
    }

    private Crm crm(NameMatcher matcher) {
        Crm crm = Crm.builder().storage(InMemoryStorage.create())
                .duplicates(DuplicateSettings.builder().nameMatcher(matcher).build()).build();
        crms.add(crm);
        return crm;
    }

    @Test
    void chineseTraditionalAndPinyinSpellingsAreOneName() {
        Crm crm = crm(IcuNameMatcher.create());
        Customer simplified = crm.customers().create(NewCustomer.person("张伟").address(city("北京")));
        Customer traditional = crm.customers().create(NewCustomer.person("張偉").address(city("北京")));
        Customer pinyin = crm.customers().create(NewCustomer.person("Zhang Wei"));
        Customer swapped = crm.customers().create(NewCustomer.person("WEI, Zhang"));
        Customer given = crm.customers().create(NewCustomer.person("张小明"));
        Customer givenLatin = crm.customers().create(NewCustomer.person("Xiaoming Zhang"));
        Customer other = crm.customers().create(NewCustomer.person("李娜"));

        List<DuplicateCandidate> byDefault = crm.duplicates().find(DuplicateQuery.all());
        assertThat(byDefault).as("a name in the same city passes the default minimum")
                .anyMatch(x -> x.is(simplified.id(), traditional.id()) && x.reasons().containsAll(
                        Set.of(MatchReason.NAME, MatchReason.SAME_CITY)));
        assertThat(byDefault).as("a name alone stays below the default minimum")
                .noneMatch(x -> x.is(simplified.id(), pinyin.id()));

        List<DuplicateCandidate> all = crm.duplicates().find(DuplicateQuery.all().minScore(0.3));
        for (Customer x : List.of(traditional, pinyin, swapped)) {
            assertThat(reasons(all, simplified, x)).as(x.displayName()).contains(MatchReason.NAME);
        }
        assertThat(reasons(all, traditional, pinyin)).contains(MatchReason.NAME);
        assertThat(reasons(all, given, givenLatin)).contains(MatchReason.NAME);
        assertThat(all).filteredOn(x -> x.is(simplified.id(), traditional.id())).singleElement()
                .satisfies(x -> assertThat(x.nameSimilarity()).isEqualTo(1.0));
        assertThat(all).noneMatch(x -> x.first().equals(other.id()) || x.second().equals(other.id()));
    }

    @Test
    void theSameCustomersWithTheBuiltInMatcherAreNotMatched() {
        Crm crm = crm(NameMatcher.standard());
        Customer simplified = crm.customers().create(NewCustomer.person("张伟"));
        Customer traditional = crm.customers().create(NewCustomer.person("張偉"));
        Customer pinyin = crm.customers().create(NewCustomer.person("Zhang Wei"));

        List<DuplicateCandidate> all = crm.duplicates().find(DuplicateQuery.all().minScore(0.3));

        assertThat(all).noneMatch(x -> x.is(simplified.id(), traditional.id()) || x.is(simplified.id(), pinyin.id()));
    }

    @Test
    void homophonesComeOutApartAndUnreadableNamesMatchNothing() {
        IcuNameMatcher m = IcuNameMatcher.create();
        double same = m.similarity(m.key("張偉"), m.key("张伟"));
        double homophone = m.similarity(m.key("张玮"), m.key("张伟"));
        assertThat(same).isEqualTo(1.0);
        assertThat(homophone).isLessThan(same).isGreaterThan(0.5);
        assertThat(m.key("😀 ';--").blockingKeys()).isEmpty();
        assertThat(m.similarity(m.key(""), m.key("张伟"))).isZero();
        assertThat(m.key("張偉").characters()).isEqualTo("张伟");
        assertThat(m.key("張偉").key()).isEqualTo("wei zhang");
        assertThat(m.key("Zhang Wei").key()).isEqualTo(m.key("張偉").key());
    }

    @Test
    void concurrentReadersShareTheCacheAndAgree() throws Exception {
        IcuNameMatcher m = IcuNameMatcher.create();
        String[] names = {"張偉", "张伟", "欧阳娜娜", "歐陽娜娜", "Zhang Wei", "𠀀𠀁", "司马光"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> java.util.Arrays.stream(names).map(n -> m.key(n).key()).toList()));
            }
            List<String> first = runs.get(0).get();
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(first);
            }
            assertThat(first.get(2)).isEqualTo(first.get(3));
        } finally {
            pool.shutdownNow();
        }
    }

    private static PostalAddress city(String city) {
        return new PostalAddress("", city, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Set<MatchReason> reasons(List<DuplicateCandidate> found, Customer a, Customer b) {
        return found.stream().filter(c -> c.is(a.id(), b.id())).findFirst().map(DuplicateCandidate::reasons)
                .orElseThrow(() -> new AssertionError("no candidate " + a.displayName() + " / " + b.displayName()
                        + " among " + found));
    }
}
