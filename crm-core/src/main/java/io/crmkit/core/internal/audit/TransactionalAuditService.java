package io.crmkit.core.internal.audit;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditRepository.SequenceRange;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.audit.AuditService;
import io.crmkit.core.audit.AuditVerification.BrokenLink;
import io.crmkit.core.audit.AuditVerification;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every read of the audit trail, in one class, so that a check of who may read it has one place to go.
 */
public final class TransactionalAuditService implements AuditService {
    /** The earliest and latest times every storage keeps (MariaDB's DATETIME spans the years 1000 to 9999). */
    static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** Entries read at once while verifying. */
    static final int CHUNK = 1000;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalAuditService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    /** The whole trail (verifying it, its heads, any entry) takes the right to read the audit trail at every level. */
    private void requireWholeTrail() {
        if (guard.level(RecordKind.AUDIT, Action.READ) != AccessLevel.ALL) {
            throw guard.denied(Action.READ, RecordKind.AUDIT, "the whole audit trail");
        }
    }

    @Override
    public Page<AuditEntry> history(RecordKind kind, UUID recordId, PageRequest page) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(page, "page");
        if (guard.level(RecordKind.AUDIT, Action.READ) == AccessLevel.NONE) {
            return Page.last(List.of());
        }
        // a record's history is read by those who may read the record: a missing record's history is the trail's
        return engine.read(repos -> guard.level(RecordKind.AUDIT, Action.READ) == AccessLevel.ALL
                || guard.permits(repos, kind, recordId, Action.READ)
                ? repos.audit().byRecord(kind, recordId, page) : Page.last(List.of()));
    }

    @Override
    public Page<AuditEntry> byActor(UserRef user, Instant from, Instant to, PageRequest page) {
        Objects.requireNonNull(user, "actor");
        Objects.requireNonNull(page, "page");
        checkPeriod(from, to);
        AccessLevel level = guard.level(RecordKind.AUDIT, Action.READ);
        if (level != AccessLevel.ALL && !(level != AccessLevel.NONE && user.equals(actor.user()))) {
            throw guard.denied(Action.READ, RecordKind.AUDIT, "the changes of " + user);
        }
        return engine.read(repos -> repos.audit().byActor(user, clamp(from), clamp(to), page));
    }

    @Override
    public AuditVerification verify(Instant from, Instant to) {
        checkPeriod(from, to);
        requireWholeTrail();
        return engine.read(repos -> new Verifier(repos.audit()).period(clamp(from), clamp(to)));
    }

    @Override
    public AuditVerification verify() {
        requireWholeTrail();
        return engine.read(repos -> new Verifier(repos.audit()).all());
    }

    @Override
    public List<AuditHead> heads() {
        requireWholeTrail();
        return engine.read(repos -> repos.audit().heads());
    }

    @Override
    public Optional<AuditEntry> entry(int stream, long sequence) {
        requireWholeTrail();
        return engine.read(repos -> repos.audit().find(stream, sequence));
    }

    private static void checkPeriod(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw ValidationException.of("to", "range", "must be after from (" + from + ") but was " + to);
        }
    }

    private static Instant clamp(Instant t) {
        return t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
    }

    /**
     * Walks the chains. The heads are read first: on a database that shows each statement the newest commits,
     * entries appended meanwhile then lie beyond the heads read, and are left for the next verification.
     */
    private static final class Verifier {
        private final AuditRepository repo;
        private final Map<Integer, AuditHead> heads = new TreeMap<>();
        private final List<BrokenLink> broken = new ArrayList<>();
        private long checked;

        Verifier(AuditRepository repo) {
            this.repo = repo;
            repo.heads().forEach(h -> heads.put(h.stream(), h));
        }

        /** Every chain, from its first entry to its head. */
        AuditVerification all() {
            Map<Integer, SequenceRange> ranges = repo.sequenceRanges(EARLIEST, LATEST);
            for (int stream : streams(ranges)) {
                AuditHead head = heads.get(stream);
                SequenceRange range = ranges.get(stream);
                if (head == null) {
                    broken.add(new BrokenLink(stream, range == null ? 1 : range.first(), "the stream has entries but no head"));
                } else if (!beyondHead(head, range) && head.lastSequence() > 0) {
                    check(head, 1, head.lastSequence());
                }
            }
            return new AuditVerification(checked, broken);
        }

        /** The entries of a period, linked to the entry before them and the one after (or the head). */
        AuditVerification period(Instant from, Instant to) {
            Map<Integer, SequenceRange> ranges = repo.sequenceRanges(from, to);
            for (int stream : streams(ranges)) {
                AuditHead head = heads.get(stream);
                SequenceRange range = ranges.get(stream);
                if (range == null) {
                    continue;
                }
                if (head == null) {
                    broken.add(new BrokenLink(stream, range.first(), "the stream has entries but no head"));
                } else if (!beyondHead(head, range) && range.first() <= head.lastSequence()) {
                    check(head, range.first(), Math.min(range.last(), head.lastSequence()));
                }
            }
            return new AuditVerification(checked, broken);
        }

        /**
         * Whether the stream holds entries beyond its head, which only a head set back (or entries added) outside
         * crmkit leaves: an append made since the heads were read has moved its head too, so the head is read again
         * before the stream is called broken. Records the break.
         */
        private boolean beyondHead(AuditHead head, @Nullable SequenceRange range) {
            if (range == null || range.last() <= head.lastSequence()) {
                return false;
            }
            long now = repo.heads().stream().filter(h -> h.stream() == head.stream()).mapToLong(AuditHead::lastSequence)
                    .findFirst().orElse(0);
            if (range.last() <= now) {
                return false;
            }
            broken.add(new BrokenLink(head.stream(), now + 1, "the stream holds entries beyond its head"));
            return true;
        }

        private TreeSet<Integer> streams(Map<Integer, SequenceRange> ranges) {
            TreeSet<Integer> all = new TreeSet<>(heads.keySet());
            all.addAll(ranges.keySet());
            return all;
        }

        /** Checks entries {@code first} to {@code last} of the head's stream; records its first break, if any. */
        private void check(AuditHead head, long first, long last) {
            int stream = head.stream();
            String previous = AuditEntry.GENESIS;
            if (first > 1) {
                Optional<AuditEntry> before = repo.find(stream, first - 1);
                if (before.isEmpty()) {
                    broken.add(new BrokenLink(stream, first - 1, "entry missing"));
                    return;
                }
                previous = before.get().hash();
            }
            long expected = first;
            while (expected <= last) {
                long chunkEnd = Math.min(last, expected + CHUNK - 1);
                for (AuditEntry e : repo.entries(stream, expected, chunkEnd)) {
                    Optional<String> problem = problem(e, stream, expected, previous);
                    if (problem.isPresent()) {
                        broken.add(new BrokenLink(stream, expected, problem.get()));
                        return;
                    }
                    checked++;
                    previous = e.hash();
                    expected++;
                }
                if (expected <= chunkEnd) {
                    broken.add(new BrokenLink(stream, expected, "entry missing"));
                    return;
                }
            }
            if (last == head.lastSequence()) {
                if (!head.lastHash().equals(previous)) {
                    broken.add(new BrokenLink(stream, last, "the stream head does not match the newest entry"));
                }
                return;
            }
            Optional<AuditEntry> after = repo.find(stream, last + 1);
            if (after.isEmpty()) {
                broken.add(new BrokenLink(stream, last + 1, "entry missing"));
            } else if (!after.get().previousHash().equals(previous)) {
                broken.add(new BrokenLink(stream, last + 1, "previous hash does not match the entry before"));
            }
        }

        private static Optional<String> problem(AuditEntry e, int stream, long expected, String previous) {
            if (e.sequence() > expected && e.stream() == stream) {
                return Optional.of("entry missing");
            }
            if (e.sequence() != expected || e.stream() != stream) {
                // a storage that keys entries apart from their stored stream and sequence returns such a row in
                // the place of the expected one: an edited sequence or stream
                return Optional.of("entry out of place (it says " + e.stream() + "/" + e.sequence() + ")");
            }
            if (!e.previousHash().equals(previous)) {
                return Optional.of("previous hash does not match the entry before");
            }
            return AuditChain.problem(e);
        }
    }
}
