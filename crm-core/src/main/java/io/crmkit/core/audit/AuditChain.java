package io.crmkit.core.audit;

import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The hash rules of the audit trail, public so that the trail can be checked without crmkit's code (an auditor's
 * own tool, a storage adapter's tests): SHA-256, written in lower-case hex.
 *
 * <p>A value's hash is {@code SHA-256(salt || field || 0x00 || value)} (UTF-8), with the entry's random
 * {@value #SALT_BYTES}-byte salt. The entry hash covers a canonical, length-prefixed encoding of the entry (each
 * text as a 4-byte big-endian length and its UTF-8 bytes, numbers big-endian): the tag {@code crmkit-audit-1},
 * stream (4 bytes), sequence (8), time in epoch microseconds (8), actor, source, kind, record id (16), action, the
 * number of changes (4) and for each its field name and its old and new value hash (each a presence byte, then the
 * text if present), and last the previous hash.
 *
 * <p>It covers the values only through their hashes, and not the salt: erasing a person's data removes the values
 * and the salt together, and the chain still verifies. The salt must go with the values. Kept beside a bare hash
 * it lets anyone who reads the table try every phone number (some 10^10 of them: seconds of SHA-256) until one
 * matches; without it, the hash commits to the value but nobody can open it. While the values exist the salt is
 * checked through them: any other salt gives other value hashes.
 */
public final class AuditChain {
    /** Length of an entry's salt. */
    public static final int SALT_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final String FORMAT = "crmkit-audit-1";

    private AuditChain() {
    }

    /**
     * A changed field before it is hashed: its value before and after as text, empty where there was none.
     */
    public record Change(String field, Optional<String> before, Optional<String> after) {
        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * The stream of a record's entries among {@code streams}: its id's two halves XORed, modulo the streams. Fixed,
     * so that it means the same in every version and on every storage.
     */
    public static int stream(UUID recordId, int streams) {
        return (int) Math.floorMod(recordId.getMostSignificantBits() ^ recordId.getLeastSignificantBits(), (long) streams);
    }

    /**
     * The entry that follows {@code head} in its stream, with its value hashes and hash.
     *
     * @param at   when the change was made; cut to the microsecond
     * @param salt {@value #SALT_BYTES} random bytes (from a {@link java.security.SecureRandom})
     */
    public static AuditEntry next(AuditHead head, Instant at, UserRef actor, AuditSource source, RecordKind kind,
                                  UUID recordId, AuditAction action, List<Change> changes, byte[] salt) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("a salt has " + SALT_BYTES + " bytes, not " + salt.length);
        }
        List<FieldChange> hashed = new ArrayList<>(changes.size());
        for (Change c : changes) {
            hashed.add(new FieldChange(c.field(), c.before(), c.after(),
                    c.before().map(v -> valueHash(salt, c.field(), v)), c.after().map(v -> valueHash(salt, c.field(), v))));
        }
        AuditEntry draft = new AuditEntry(head.stream(), head.lastSequence() + 1, at.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                actor, source, kind, recordId, action, hashed, Optional.of(HEX.formatHex(salt)), head.lastHash(), "");
        return withHash(draft, entryHash(draft));
    }

    /** {@code SHA-256(salt || field || 0x00 || value)}. */
    public static String valueHash(byte[] salt, String field, String value) {
        MessageDigest sha = sha256();
        sha.update(salt);
        sha.update(field.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest());
    }

    /** The hash of {@code entry}'s content, which its {@code hash} should be; the salt and values are not part of it. */
    public static String entryHash(AuditEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, FORMAT);
            out.writeInt(entry.stream());
            out.writeLong(entry.sequence());
            out.writeLong(Math.addExact(Math.multiplyExact(entry.at().getEpochSecond(), 1_000_000L), entry.at().getNano() / 1_000));
            text(out, entry.actor().id());
            text(out, entry.source().name());
            text(out, entry.kind().name());
            out.writeLong(entry.recordId().getMostSignificantBits());
            out.writeLong(entry.recordId().getLeastSignificantBits());
            text(out, entry.action().name());
            out.writeInt(entry.changes().size());
            for (FieldChange c : entry.changes()) {
                text(out, c.field());
                optional(out, c.oldHash());
                optional(out, c.newHash());
            }
            text(out, entry.previousHash());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return HEX.formatHex(sha256().digest(bytes.toByteArray()));
    }

    /**
     * What is wrong with {@code entry} by itself: a value that does not match its hash, values without their salt,
     * or a hash that does not match the content. Empty if nothing is. Its place in the chain is not checked here.
     */
    public static Optional<String> problem(AuditEntry entry) {
        byte[] salt = null;
        if (entry.salt().isPresent()) {
            try {
                salt = HEX.parseHex(entry.salt().get());
            } catch (IllegalArgumentException e) {
                return Optional.of("salt is not hex");
            }
        }
        for (FieldChange c : entry.changes()) {
            if (c.oldValue().isEmpty() && c.newValue().isEmpty()) {
                continue;
            }
            if (salt == null) {
                return Optional.of("values of field " + c.field() + " are kept without their salt");
            }
            if (!matches(salt, c.field(), c.oldValue(), c.oldHash()) || !matches(salt, c.field(), c.newValue(), c.newHash())) {
                return Optional.of("a value of field " + c.field() + " does not match its hash");
            }
        }
        return entryHash(entry).equals(entry.hash()) ? Optional.empty()
                : Optional.of("entry hash does not match its content");
    }

    private static boolean matches(byte[] salt, String field, Optional<String> value, Optional<String> hash) {
        return value.isEmpty() || hash.isPresent() && valueHash(salt, field, value.get()).equals(hash.get());
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.stream(), e.sequence(), e.at(), e.actor(), e.source(), e.kind(), e.recordId(), e.action(),
                e.changes(), e.salt(), e.previousHash(), hash);
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void optional(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            text(out, s.get());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
