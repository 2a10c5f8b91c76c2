package io.crmkit.jdbc.internal;

import io.crmkit.core.StorageException;
import io.crmkit.jdbc.internal.audit.AuditEntryKeys;
import io.crmkit.jdbc.internal.customer.PhoneRenormalisation;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * crmkit's schema through Flyway, with a history table of crmkit's own ({@code <prefix>schema_history}), so
 * the schema can live beside the host's tables and the host's own Flyway history.
 *
 * <p>Versions 1 to 3 are one SQL script set per database ({@code migration/<h2|postgresql|mariadb>}), frozen:
 * databases that ran them keep validating their checksums. From version 4 on there is one set for every
 * database ({@code migration/common}), written with placeholders for what differs, whose values
 * {@link #placeholders} chooses per database: {@code ${prefix}}, the table prefix; {@code ${uuid}},
 * {@code ${text}}, {@code ${timestamp}}, {@code ${blob}}, the column types of ids, long text, instants and
 * bytes; {@code ${table_options}}, what follows a {@code CREATE TABLE}'s closing bracket. Data migrations, and
 * changes whose statements differ per database beyond those placeholders (V20, {@link AuditEntryKeys}), are Java
 * classes registered here, in version order with the scripts.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** Where the migrations shared by every database live, from version 4 on. */
    static final String COMMON_LOCATION = "classpath:io/crmkit/jdbc/migration/common";
    /** The default region for re-parsing stored phone numbers (V5); they carry their country code anyway. */
    static final String PHONE_REGION = "CN";

    private Migrations() {
    }

    /** The name of crmkit's Flyway history table for a prefix. */
    public static String historyTable(String prefix) {
        return prefix + "schema_history";
    }

    /** The placeholder values of the migration scripts on {@code dialect} with {@code prefix}. */
    static Map<String, String> placeholders(Dialect dialect, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("prefix", prefix);
        switch (dialect) {
            case H2 -> {
                values.put("uuid", "UUID");
                values.put("text", "CHARACTER VARYING(1000000)");
                values.put("timestamp", "TIMESTAMP(6) WITH TIME ZONE");
                values.put("blob", "BINARY LARGE OBJECT");
                values.put("table_options", "");
            }
            case POSTGRESQL -> {
                values.put("uuid", "UUID");
                values.put("text", "TEXT");
                values.put("timestamp", "TIMESTAMPTZ");
                values.put("blob", "BYTEA");
                values.put("table_options", "");
            }
            case MARIADB -> {
                values.put("uuid", "BINARY(16)");
                values.put("text", "MEDIUMTEXT");
                values.put("timestamp", "DATETIME(6)");
                values.put("blob", "LONGBLOB");
                values.put("table_options", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
            }
        }
        values.put(PhoneRenormalisation.REGION_PLACEHOLDER, PHONE_REGION);
        return values;
    }

    /**
     * Migrates the schema to the newest version, or only validates it when {@code migrate} is false,
     * on connections from the host's DataSource.
     */
    public static void apply(DataSource dataSource, Dialect dialect, String prefix, boolean migrate, Errors errors) {
        apply(() -> Flyway.configure(Migrations.class.getClassLoader()).dataSource(dataSource), dialect, prefix, migrate,
                errors);
    }

    /**
     * Like {@link #apply(DataSource, Dialect, String, boolean, Errors)} on connections of its own, so that
     * Flyway (which holds two connections on some databases) never waits for a small pool of crmkit's.
     */
    public static void apply(String url, @Nullable String user, @Nullable String password, Dialect dialect, String prefix,
                             boolean migrate, Errors errors) {
        apply(() -> Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, user, password), dialect, prefix,
                migrate, errors);
    }

    /**
     * Migrates the schema up to {@code version} only: a database as an earlier crmkit left it, for the tests of
     * what the later migrations do to its rows.
     */
    public static void migrateTo(String url, @Nullable String user, @Nullable String password, Dialect dialect,
                                 String prefix, String version) {
        apply(() -> Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, user, password).target(version),
                dialect, prefix, true, new Errors(List.of()));
    }

    /** Configuring Flyway already looks for the database's plugin, so it runs inside the error mapping. */
    private static void apply(Supplier<FluentConfiguration> config, Dialect dialect, String prefix, boolean migrate,
                              Errors errors) {
        String what = "crmkit schema (table prefix '" + prefix + "')";
        try {
            Flyway flyway = config.get()
                    .locations(dialect.migrationLocation(), COMMON_LOCATION)
                    .javaMigrations(new PhoneRenormalisation(errors, Clock.systemUTC()), new AuditEntryKeys())
                    .table(historyTable(prefix))
                    .placeholders(placeholders(dialect, prefix))
                    // the schema may hold the host's tables: start crmkit's own history at version 0
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("crmkit baseline")
                    .cleanDisabled(true)
                    .load();
            if (migrate) {
                MigrateResult r = flyway.migrate();
                LOG.info("{} on {} at version {} ({} migrations applied)", what, dialect,
                        r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion, r.migrationsExecuted);
            } else {
                ValidateResult r = flyway.validateWithResult();
                if (!r.validationSuccessful) {
                    String detail = r.errorDetails != null ? r.errorDetails.errorMessage : String.valueOf(r.invalidMigrations);
                    throw new StorageException("validate " + what + " failed: the schema is missing or not at the version"
                            + " this crmkit expects; run the migrations (migrate(true)) or apply them with your own tool. "
                            + errors.scrub(detail));
                }
                LOG.info("{} on {} validated", what, dialect);
            }
        } catch (FlywayException e) {
            String message = String.valueOf(e.getMessage());
            String hint = message.contains("Unsupported Database") || message.contains("No Flyway database plugin")
                    ? " (add org.flywaydb:flyway-database-postgresql or org.flywaydb:flyway-mysql to the classpath)" : "";
            throw new StorageException((migrate ? "migrate " : "validate ") + what + " failed: "
                    + errors.scrub(e.getMessage()) + hint, e);
        }
    }
}
