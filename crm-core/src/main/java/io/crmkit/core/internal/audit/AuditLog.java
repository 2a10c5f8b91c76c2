package io.crmkit.core.internal.audit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.StorageException;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.internal.AuditDraft;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.spi.Repositories;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Appends the audit drafts of a unit of work to their streams just before it commits: locks the heads of the
 * streams they go to (in stream order), chains and hashes the entries, stores them and moves the heads, all in
 * the unit of work's transaction. Makes the heads of its streams when the Crm starts.
 */
public final class AuditLog implements Engine.Component, Engine.Journal {
    private final Engine engine;
    private final AuditSettings settings;
    private final SecureRandom random = new SecureRandom();

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
        int[] streams = new int[drafts.size()];
        TreeSet<Integer> touched = new TreeSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            streams[i] = AuditChain.stream(drafts.get(i).recordId(), settings.streams());
            touched.add(streams[i]);
        }
        Map<Integer, AuditHead> heads = new HashMap<>();
        for (AuditHead h : repos.audit().lockHeads(touched)) {
            heads.put(h.stream(), h);
        }
        List<AuditEntry> entries = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            AuditDraft d = drafts.get(i);
            AuditHead head = heads.get(streams[i]);
            if (head == null) {
                throw new StorageException("the head of audit stream " + streams[i] + " is missing: the audit trail"
                        + " was altered outside crmkit; crm.audit().verify() says where");
            }
            byte[] salt = new byte[AuditChain.SALT_BYTES];
            random.nextBytes(salt);
            AuditEntry e = AuditChain.next(head, d.at(), d.actor(), d.source(), d.kind(), d.recordId(), d.action(),
                    d.changes().get(), salt);
            entries.add(e);
            heads.put(head.stream(), head.after(e));
        }
        List<AuditHead> moved = new ArrayList<>(touched.size());
        touched.forEach(s -> moved.add(Objects.requireNonNull(heads.get(s), "head")));
        repos.audit().append(entries, moved);
    }

    @Override
    public void close() {
    }
}
