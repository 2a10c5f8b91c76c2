package io.crmkit.core.internal.dedup;

import io.crmkit.core.customer.Customer;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.dedup.MatchReason;
import io.crmkit.core.dedup.NameKey;
import io.crmkit.core.dedup.NameMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Duplicate detection by blocking: every customer gets blocking keys (each email, phone, external reference, its
 * exact name key and a key for misspelt names), and only customers sharing a key are compared, so the work grows
 * with the customers and the sizes of their blocks, never with their square. A block larger than
 * {@link #MAX_BLOCK} (a shared company mailbox, the commonest names) is compared as a sorted neighbourhood: each
 * member with the {@link #WINDOW} next ones in name order.
 *
 * <p>Keys are kept as 40-bit hashes packed with a 24-bit customer index in one {@code long}, sorted: a block is a
 * run of equal hashes. A hash collision only adds a pair to compare, which then scores 0 and is dropped, so results
 * never depend on it. Not thread-safe: one matcher per detection.
 */
public final class DuplicateMatcher {
    /** Most customers one detection takes: the index has 24 bits. */
    public static final int MAX_CUSTOMERS = 1 << 24;
    /** Blocks up to this size are compared pair by pair. */
    static final int MAX_BLOCK = 32;
    /** In a larger block, how many following members (in name order) each member is compared with. */
    static final int WINDOW = 8;

    private final NameMatcher names;
    private final List<Profile> profiles = new ArrayList<>();
    private long[] keys = new long[1024];
    private int keyCount;

    /** A matcher reading and comparing names with {@code names}. */
    public DuplicateMatcher(NameMatcher names) {
        this.names = Objects.requireNonNull(names, "names");
    }

    /** Adds a customer to compare. */
    public void add(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        if (profiles.size() >= MAX_CUSTOMERS) {
            throw new IllegalStateException("duplicate detection takes at most " + MAX_CUSTOMERS + " customers");
        }
        int index = profiles.size();
        Profile p = Profile.of(customer, names);
        profiles.add(p);
        for (String e : p.emails()) {
            key('e', e, index);
        }
        for (String ph : p.phones()) {
            key('p', ph, index);
        }
        for (String r : p.refs()) {
            key('r', r, index);
        }
        for (String n : p.name().blockingKeys()) {
            key('n', n, index);
        }
    }

    /** How many customers were added. */
    public int size() {
        return profiles.size();
    }

    /** Hands every candidate at or above the query's scores to {@code sink}, each pair once; returns how many. */
    public long run(DuplicateQuery query, Consumer<? super DuplicateCandidate> sink) {
        long[] pairs = pairs();
        long count = 0;
        for (long pair : pairs) {
            DuplicateCandidate c = score((int) (pair >>> 32), (int) pair, query);
            if (c != null) {
                sink.accept(c);
                count++;
            }
        }
        return count;
    }

    /** Every pair of indexes (smaller first, packed in a long) sharing a block, sorted and once each. */
    private long[] pairs() {
        long[] sorted = Arrays.copyOf(keys, keyCount);
        Arrays.sort(sorted);
        PairBuffer out = new PairBuffer();
        int start = 0;
        while (start < sorted.length) {
            long hash = sorted[start] >>> 24;
            int end = start + 1;
            while (end < sorted.length && sorted[end] >>> 24 == hash) {
                end++;
            }
            block(sorted, start, end, out);
            start = end;
        }
        return out.sortedDistinct();
    }

    private void block(long[] sorted, int start, int end, PairBuffer out) {
        int n = end - start;
        if (n < 2) {
            return;
        }
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            members[i] = (int) (sorted[start + i] & 0xFF_FFFF);
        }
        if (n <= MAX_BLOCK) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    out.add(members[i], members[j]);
                }
            }
            return;
        }
        Integer[] byName = Arrays.stream(members).boxed().toArray(Integer[]::new);
        Arrays.sort(byName, Comparator.comparing((Integer i) -> profiles.get(i).name().key()).thenComparing(i -> i));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < Math.min(n, i + 1 + WINDOW); j++) {
                out.add(byName[i], byName[j]);
            }
        }
    }

    private @Nullable DuplicateCandidate score(int i, int j, DuplicateQuery query) {
        Profile a = profiles.get(i);
        Profile b = profiles.get(j);
        Set<MatchReason> reasons = EnumSet.noneOf(MatchReason.class);
        double keep = 1; // the product of (1 - weight)
        if (shares(a.emails(), b.emails())) {
            reasons.add(MatchReason.EMAIL);
            keep *= 1 - MatchReason.EMAIL.weight();
        }
        if (shares(a.phones(), b.phones())) {
            reasons.add(MatchReason.PHONE);
            keep *= 1 - MatchReason.PHONE.weight();
        }
        if (shares(a.refs(), b.refs())) {
            reasons.add(MatchReason.EXTERNAL_REF);
            keep *= 1 - MatchReason.EXTERNAL_REF.weight();
        }
        boolean context = false;
        if (a.organization() != null && a.organization().equals(b.organization())) {
            reasons.add(MatchReason.SAME_ORGANIZATION);
            context = true;
        }
        if (shares(a.cities(), b.cities())) {
            reasons.add(MatchReason.SAME_CITY);
            context = true;
        }
        double similarity = similarity(a.name(), b.name());
        if (similarity >= query.nameSimilarity() && similarity > 0) {
            reasons.add(MatchReason.NAME);
            keep *= 1 - (context ? MatchReason.NAME_IN_CONTEXT : MatchReason.NAME_ALONE) * similarity;
        }
        double score = 1 - keep;
        if (score <= 0 || score < query.minScore()) {
            return null;
        }
        boolean ordered = a.id().value().compareTo(b.id().value()) < 0;
        return new DuplicateCandidate(ordered ? a.id() : b.id(), ordered ? b.id() : a.id(), score, reasons, similarity);
    }

    private double similarity(NameKey a, NameKey b) {
        double s = names.similarity(a, b);
        return s >= 0 && s <= 1 ? s : 0; // a matcher's slip out of range counts as no likeness
    }

    private static boolean shares(String[] a, String[] b) {
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void key(char type, String value, int index) {
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[keyCount++] = (hash(type, value) >>> 24) << 24 | index;
    }

    /** A 64-bit FNV-1a hash of the type and the value, mixed (the top 40 bits are kept). */
    private static long hash(char type, String value) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ type) * 0x100000001b3L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** A growing array of packed pairs. */
    private static final class PairBuffer {
        private long[] pairs = new long[1024];
        private int size;

        void add(int x, int y) {
            if (x == y) {
                return; // a hash collision between two keys of one customer
            }
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = (long) Math.min(x, y) << 32 | Math.max(x, y);
        }

        long[] sortedDistinct() {
            long[] all = Arrays.copyOf(pairs, size);
            Arrays.sort(all);
            int n = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    all[n++] = all[i];
                }
            }
            return Arrays.copyOf(all, n);
        }
    }
}
