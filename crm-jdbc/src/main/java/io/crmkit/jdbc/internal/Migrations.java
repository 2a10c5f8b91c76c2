package io.crmkit.jdbc.internal;

import io.crmkit.core.StorageException;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
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
 * crmkit's schema through Flyway: the SQL migrations of the dialect's folder, the table prefix as the
 * {@code prefix} placeholder and a history table of crmkit's own ({@code <prefix>schema_history}), so
 * the schema can live beside the host's tables and the host's own Flyway history.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The name of crmkit's Flyway history table for a prefix. */
    public static String historyTable(String prefix) {
        return prefix + "schema_history";
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

    /** Configuring Flyway already looks for the database's plugin, so it runs inside the error mapping. */
    private static void apply(Supplier<FluentConfiguration> config, Dialect dialect, String prefix, boolean migrate,
                              Errors errors) {
        String what = "crmkit schema (table prefix '" + prefix + "')";
        try {
            Flyway flyway = config.get()
                    .locations(dialect.migrationLocation())
                    .table(historyTable(prefix))
                    .placeholders(Map.of("prefix", prefix))
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
