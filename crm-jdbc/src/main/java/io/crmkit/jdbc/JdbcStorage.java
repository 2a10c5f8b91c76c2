package io.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.Checks;
import io.crmkit.core.StorageException;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.jdbc.internal.JdbcEngine;
import io.crmkit.jdbc.internal.Migrations;
import io.crmkit.jdbc.internal.sql.DataProblems;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * crmkit's storage on a relational database: H2 2.x (embedded or server), PostgreSQL 13+, MariaDB
 * 10.6+ or MySQL 8, detected from the connection. Thread-safe; close it when done.
 *
 * <p>Three ways to make one:
 * <pre>{@code
 * JdbcStorage.embedded(Path.of("data/crm"));          // an H2 database file in that directory
 * JdbcStorage.of(hostDataSource);                     // the host's pool, which crmkit never closes
 * JdbcStorage.builder()                               // crmkit's own HikariCP pool, closed with the storage
 *     .url("jdbc:postgresql://db:5432/app").user("crm").password(secret)
 *     .maximumPoolSize(10).tablePrefix("crm_")
 *     .build();
 * }</pre>
 *
 * <p>crmkit owns its tables, all named with the table prefix (default {@code crm_}), and migrates them
 * with Flyway on start, keeping its own history table {@code <prefix>schema_history}, so it can share
 * a schema with the host's tables and the host's own migrations. Hosts that apply migrations
 * themselves set {@link Builder#migrate(boolean) migrate(false)}: the storage then only validates the
 * schema and refuses to start on a missing or outdated one. The SQL scripts ship in this jar: versions 1 to 3
 * under {@code io/crmkit/jdbc/migration/<h2|postgresql|mariadb>}, later ones, the same for every database
 * with placeholders for the column types, under {@code io/crmkit/jdbc/migration/common}; data migrations
 * are Java classes (V5 re-parses stored phone numbers), which a host running the SQL scripts with its own
 * tool cannot apply: such a host lets crmkit migrate once per release (Flyway with this jar on its class
 * path, or one start with migrate on). Values a data migration cannot read are kept
 * unchanged and listed by {@link #dataProblems(PageRequest)}.
 *
 * <p>A pool of crmkit's own turns on the driver's rewriting of batched inserts into multi-row
 * inserts ({@code reWriteBatchedInserts} on PostgreSQL, {@code rewriteBatchedStatements} on MariaDB
 * and MySQL) unless the URL sets the property itself; bulk imports send their rows as JDBC batches.
 * With the host's {@link DataSource}, set it there.
 *
 * <p>A unit of work runs in one transaction on one connection; a nested {@link #inTransaction} joins
 * the enclosing one. Errors of the database surface as {@link StorageException}, taken unique keys and
 * lost races as {@link io.crmkit.core.ConflictException}. A broken connection is evicted from the pool,
 * so the next unit of work gets a fresh one once the database is reachable again. The password never
 * appears in {@link #toString()}, log lines or exception messages.
 */
public final class JdbcStorage implements CrmStorage {
    /** The default table prefix. */
    public static final String DEFAULT_TABLE_PREFIX = "crm_";

    private static final Pattern PREFIX = Pattern.compile("|[a-z][a-z0-9_]{0,29}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)([^&;]*)");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final JdbcEngine engine;
    private final @Nullable HikariDataSource ownPool;
    private final String prefix;
    private final String description;
    private volatile boolean closed;

    private JdbcStorage(JdbcEngine engine, @Nullable HikariDataSource ownPool, String prefix, String description) {
        this.engine = engine;
        this.ownPool = ownPool;
        this.prefix = prefix;
        this.description = description;
    }

    /**
     * An embedded H2 database in {@code directory} (created if missing), kept across runs: the default
     * for demos and small installations. Only one JVM may open the directory at a time.
     */
    public static JdbcStorage embedded(Path directory) {
        return builder().embedded(directory).build();
    }

    /**
     * Storage on the host's connection pool, with the default table prefix, migrating on start.
     * {@link #close()} leaves the pool open: it belongs to the host.
     */
    public static JdbcStorage of(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** A builder for the other settings. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T> T inTransaction(UnitOfWork<T> work) {
        Objects.requireNonNull(work, "work");
        checkOpen();
        return engine.inTransaction(work);
    }

    @Override
    public <T> T read(UnitOfWork<T> work) {
        Objects.requireNonNull(work, "work");
        checkOpen();
        return engine.read(work);
    }

    /**
     * The stored values that data migrations left unchanged because they could not read them, newest first,
     * such as phone numbers that do not parse (migration V5). Each is kept where it was; the host corrects
     * it through the services, and the entry stays as a record of what was found.
     *
     * @throws io.crmkit.core.ValidationException if the page's cursor is not one of this list
     */
    public Page<DataProblem> dataProblems(PageRequest page) {
        Objects.requireNonNull(page, "page");
        checkOpen();
        Page<DataProblems.Problem> found = engine.withSql(sql -> DataProblems.page(sql, page));
        return new Page<>(found.items().stream().map(p -> new DataProblem(p.recordKind(), p.recordId(), p.field(),
                p.value(), p.reason(), p.migration(), p.foundAt())).toList(), found.nextCursor());
    }

    /** The table prefix of this storage's tables. */
    public String tablePrefix() {
        return prefix;
    }

    /** Closes the pool this storage created, if any; a host's {@link DataSource} stays open. Idempotent. */
    /**
     * Document content in the database: tables {@code content_objects} and {@code content_chunks}, in chunks of 256 KiB
     * so that no file is ever held in memory whole. Each write is a transaction of its own, on a second connection of
     * the pool.
     */
    @Override
    public Optional<ContentStore> contentStore() {
        return Optional.of(engine.contentStore());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownPool != null) {
            ownPool.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the storage is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + description + ", prefix=" + prefix + (closed ? ", closed" : "") + "]";
    }

    /**
     * The driver properties crmkit sets on a pool of its own, for a URL that does not set them already: the one that
     * makes a JDBC batch of inserts travel as multi-row inserts ({@code reWriteBatchedInserts} on PostgreSQL,
     * {@code rewriteBatchedStatements} on MariaDB Connector/J and MySQL Connector/J), and on H2 a statement cache
     * ({@code QUERY_CACHE_SIZE=256}): H2 keeps 8 parsed statements per session by default, a unit of work of
     * crmkit runs more distinct ones than that, and parsing them again took over a third of a customer update.
     * H2 takes that setting from the connection that opens the database and ignores it on later ones.
     */
    private static final int H2_QUERY_CACHE_SIZE = 256;

    static Map<String, String> driverProperties(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        String property;
        String value = "true";
        if (u.startsWith("jdbc:postgresql:")) {
            property = "reWriteBatchedInserts";
        } else if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            property = "rewriteBatchedStatements";
        } else if (u.startsWith("jdbc:h2:")) {
            property = "QUERY_CACHE_SIZE";
            value = String.valueOf(H2_QUERY_CACHE_SIZE);
        } else {
            return Map.of();
        }
        return u.contains(property.toLowerCase(Locale.ROOT) + "=") ? Map.of() : Map.of(property, value);
    }

    static String maskUrl(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1****");
    }

    /**
     * Settings of a {@link JdbcStorage}. Give either a JDBC URL (and user and password), making a pool of
     * crmkit's own, or the host's {@link DataSource}. Not thread-safe. Like every crmkit builder, setters
     * reject null at once and {@link #build()} reports every other bad setting in one
     * {@link io.crmkit.core.ValidationException}.
     */
    public static final class Builder {
        private @Nullable String url;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable DataSource dataSource;
        private int maximumPoolSize = 10;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private boolean migrate = true;
        private @Nullable Path embeddedDirectory;

        private Builder() {
        }

        /** The JDBC URL, such as {@code jdbc:postgresql://db:5432/app}; crmkit makes its own HikariCP pool. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The database user for {@link #url(String)}. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The database password for {@link #url(String)}. Never logged or shown. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** An embedded H2 database in {@code directory}; sets the URL, user and a small pool. */
        public Builder embedded(Path directory) {
            Objects.requireNonNull(directory, "directory");
            Path dir = directory.toAbsolutePath().normalize();
            this.embeddedDirectory = dir; // created by build()
            // the statement cache is set as on every H2 URL (driverProperties)
            this.url = "jdbc:h2:file:" + dir.resolve("crm").toString().replace('\\', '/') + ";LOCK_TIMEOUT=10000";
            this.user = "sa";
            this.password = "";
            this.maximumPoolSize = Math.min(maximumPoolSize, 4);
            return this;
        }

        /** The host's pool; crmkit borrows connections from it and never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The size of crmkit's own pool (default 10, 4 for embedded); ignored with a host's DataSource. */
        public Builder maximumPoolSize(int size) {
            this.maximumPoolSize = size;
            return this;
        }

        /** How long to wait for a connection from crmkit's own pool (default 30 s, at least 250 ms). */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The prefix of every crmkit table (default {@code crm_}): lower-case letters, digits and
         * underscores, starting with a letter, at most 30 characters; or empty.
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Whether to migrate the schema on start (default true). With false the storage only validates
         * that the schema is at the version this crmkit expects and fails to build otherwise.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Connects, detects the database, migrates or validates the schema and returns the storage.
         *
         * @throws io.crmkit.core.ValidationException naming every bad setting, such as neither or both of a
         *                                            URL and a DataSource
         * @throws StorageException                   if the database cannot be reached or the schema is not right
         */
        public JdbcStorage build() {
            Checks checks = new Checks();
            checks.require(url != null || dataSource != null, "url", "required",
                    "set url(...), embedded(...) or dataSource(...)");
            checks.require(url == null || dataSource == null, "dataSource", "conflict",
                    "set either url(...) or dataSource(...), not both");
            checks.require(maximumPoolSize >= 1 && maximumPoolSize <= 1000, "maximumPoolSize", "range",
                    "must be 1 to 1000 but was " + maximumPoolSize);
            checks.require(connectionTimeout.toMillis() >= 250, "connectionTimeout", "range",
                    "must be at least 250 ms but was " + connectionTimeout);
            checks.require(PREFIX.matcher(tablePrefix).matches(), "tablePrefix", "format",
                    "must be lower-case letters, digits and underscores, start with a letter and have at most"
                            + " 30 characters, or be empty");
            checks.throwIfAny();
            if (embeddedDirectory != null) {
                try {
                    Files.createDirectories(embeddedDirectory);
                } catch (IOException e) {
                    throw new StorageException("cannot create the database directory " + embeddedDirectory + ": "
                            + e.getMessage(), e);
                }
            }
            List<String> secrets = new ArrayList<>();
            if (password != null) {
                secrets.add(password);
            }
            if (url != null) {
                Matcher m = URL_PASSWORD.matcher(url);
                while (m.find()) {
                    secrets.add(m.group(2));
                }
            }
            Errors errors = new Errors(secrets);
            HikariDataSource pool = null;
            DataSource ds = dataSource;
            String where;
            if (ds == null) {
                String u = Objects.requireNonNull(url);
                where = errors.scrub(maskUrl(u));
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(u);
                driverProperties(u).forEach(config::addDataSourceProperty);
                if (user != null) {
                    config.setUsername(user);
                }
                if (password != null) {
                    config.setPassword(password);
                }
                config.setMaximumPoolSize(maximumPoolSize);
                config.setMinimumIdle(Math.min(2, maximumPoolSize));
                config.setConnectionTimeout(connectionTimeout.toMillis());
                config.setPoolName("crmkit-" + POOLS.incrementAndGet());
                try {
                    pool = new HikariDataSource(config);
                } catch (RuntimeException e) {
                    throw errors.map("connect to " + where, e);
                }
                ds = pool;
            } else {
                where = "host DataSource " + ds.getClass().getName();
            }
            try {
                Dialect dialect;
                String product;
                try (Connection c = ds.getConnection()) {
                    dialect = Dialect.detect(c);
                    product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
                } catch (SQLException e) {
                    throw errors.map("connect to " + where, e);
                }
                if (pool != null) {
                    Migrations.apply(Objects.requireNonNull(url), user, password, dialect, tablePrefix, migrate, errors);
                } else {
                    Migrations.apply(ds, dialect, tablePrefix, migrate, errors);
                }
                JdbcEngine engine = new JdbcEngine(ds, dialect, tablePrefix, errors);
                return new JdbcStorage(engine, pool, tablePrefix, product + ", " + where);
            } catch (RuntimeException | Error e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }
    }
}
