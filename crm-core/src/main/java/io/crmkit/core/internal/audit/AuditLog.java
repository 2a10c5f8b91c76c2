package io.crmkit.core.internal.audit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.StorageException;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.internal.AuditDraft;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.spi.Repositories;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends the audit drafts of a unit of work to their streams just before it commits: chains and hashes the entries
 * onto the heads of their streams, moves the heads by compare-and-set (one stream after another, in stream order) and stores the entries, all
 * in the unit of work's transaction. It remembers the heads it moved, so an append usually costs one statement per
 * head and one for the entries; a head it does not know, or whose compare fails because another unit of work or
 * another JVM appended meanwhile, it reads locked and chains again. Makes the heads of its streams when the Crm starts.
 */
public final class AuditLog implements Engine.Component, Engine.Journal {
    private final Engine engine;
    private final AuditSettings settings;
    private final SecureRandom random = new SecureRandom();
    /** The heads as this trail last moved them, so that an append need not read them first. */
    private final Map<Integer, AuditHead> known = new ConcurrentHashMap<>();

    private AuditLog(Engine engine, AuditSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /** Registers the audit trail of {@code engine}; with the trail on, every write unit of work is journalled. */
    public static AuditLog install(Engine engine, AuditSettings settings) {
        AuditLog log = engine.register(AuditLog.class, new AuditLog(engine, settings));
        if (settings.enabled()) {
            engine.journal(log);
        }
        return log;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            createHeads();
        } catch (ConflictException raced) {
            createHeads(); // another CRM on the same database made some at the same moment
        }
    }

    private void createHeads() {
        engine.storage().inTransaction(repos -> {
            repos.audit().createHeads(settings.streams());
            return settings.streams();
        });
    }

    @Override
    public void append(Repositories repos, List<AuditDraft> drafts) {
        AuditRepository audit = repos.audit();
        int[] streams = new int[drafts.size()];
        TreeSet<Integer> touched = new TreeSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            streams[i] = AuditChain.stream(drafts.get(i).recordId(), settings.streams());
            touched.add(streams[i]);
        }
        AuditEntry[] entries = new AuditEntry[drafts.size()];
        Map<Integer, AuditHead> moved = new HashMap<>();
        // one stream at a time in stream order, each taken (locked) before the next, so that two appenders never
        // wait for each other in a circle
        for (int s : touched) {
            AuditHead from = known.get(s);
            if (from == null) {
                from = lock(audit, s);
            }
            AuditHead to = chain(drafts, streams, s, from, entries);
            if (!audit.advance(from, to)) { // another unit of work appended since this head was seen: read it locked
                from = lock(audit, s);
                to = chain(drafts, streams, s, from, entries);
                if (!audit.advance(from, to)) {
                    throw new StorageException("the head of audit stream " + s + " moved while it was locked: the"
                            + " storage does not hold the locks of AuditRepository.lockHeads");
                }
            }
            moved.put(s, to);
        }
        audit.insert(Arrays.asList(entries));
        known.putAll(moved); // a hint only: if this unit of work rolls back, the next compare fails and reads the head
    }

    /** The head of {@code stream}, locked. */
    private static AuditHead lock(AuditRepository audit, int stream) {
        Map<Integer, AuditHead> heads = new HashMap<>();
        for (AuditHead h : audit.lockHeads(List.of(stream))) {
            heads.put(h.stream(), h);
        }
        return head(heads, stream);
    }

    /** Chains the drafts of {@code stream} onto {@code from}, in draft order, into {@code entries}; the head they lead to. */
    private AuditHead chain(List<AuditDraft> drafts, int[] streamOf, int stream, AuditHead from, AuditEntry[] entries) {
        AuditHead head = from;
        for (int i = 0; i < drafts.size(); i++) {
            if (streamOf[i] != stream) {
                continue;
            }
            AuditDraft d = drafts.get(i);
            byte[] salt = new byte[AuditChain.SALT_BYTES];
            random.nextBytes(salt);
            AuditEntry e = AuditChain.next(head, d.at(), d.actor(), d.source(), d.kind(), d.recordId(), d.action(),
                    d.changes().get(), salt);
            entries[i] = e;
            head = head.after(e);
        }
        return head;
    }

    private static AuditHead head(Map<Integer, AuditHead> heads, int stream) {
        AuditHead head = heads.get(stream);
        if (head == null) {
            throw new StorageException("the head of audit stream " + stream + " is missing: the audit trail"
                    + " was altered outside crmkit; crm.audit().verify() says where");
        }
        return head;
    }

    @Override
    public void close() {
    }
}
