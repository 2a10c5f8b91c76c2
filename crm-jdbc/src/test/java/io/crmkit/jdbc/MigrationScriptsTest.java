package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The per-database scripts V1 to V3 are frozen: databases that ran them validate their checksums on every
 * start, so a changed byte would stop those installations. Later migrations go into the common set.
 */
class MigrationScriptsTest {
    private static final String ROOT = "/io/crmkit/jdbc/migration/";
    private static final Map<String, String> FROZEN = Map.of(
            "h2/V1__crmkit_schema.sql", "80bc602df0285fa5918f87f37157cf0071911ec2a576e7a7c3da24f4375fb1dd",
            "h2/V2__messaging_outbox.sql", "ae087bb8faa9ae9cc1ef61be3b266c0cc2093cee8edfded6aefb811e197f8ed3",
            "h2/V3__provider_ids_not_unique.sql", "8d8f53eb587b3270d6764fa7fca75c63de183266c8c297d702a225b5a1bf180c",
            "postgresql/V1__crmkit_schema.sql", "3a5f3af778ace964119e50d2b83b6e2c946d93b7572c324a5463c20c29efca24",
            "postgresql/V2__messaging_outbox.sql", "a7efc7863860dccfd03e05e9918a689497ba151e165a146874b9ebfae8f3405c",
            "postgresql/V3__provider_ids_not_unique.sql", "8d8f53eb587b3270d6764fa7fca75c63de183266c8c297d702a225b5a1bf180c",
            "mariadb/V1__crmkit_schema.sql", "60e235bfa7a485996c9ec3e20f86827038630e61eb3d555f57d38102f955065b",
            "mariadb/V2__messaging_outbox.sql", "ea7dafc24966a334518641b4cbcaa277b126d17f50f85218b03c2fcf27f1cb62",
            "mariadb/V3__provider_ids_not_unique.sql", "cd17452a975de9f5faeda594b31ba7630d5f60db89efbd5ffcbbe231a42f1e7a");

    @Test
    void versionsOneToThreeAreByteForByteAsReleased() {
        FROZEN.forEach((script, sha256) -> assertThat(sha256(script)).as(script).isEqualTo(sha256));
    }

    @Test
    void theCommonSetStartsAtVersionFour() {
        assertThat(getClass().getResource(ROOT + "common/V4__data_problems.sql")).isNotNull();
        for (String folder : new String[] {"h2", "postgresql", "mariadb"}) {
            assertThat(getClass().getResource(ROOT + folder + "/V4__data_problems.sql")).as(folder).isNull();
        }
    }

    private String sha256(String script) {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(ROOT + script), script)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
