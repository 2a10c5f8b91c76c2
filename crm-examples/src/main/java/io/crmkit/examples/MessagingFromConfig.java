package io.crmkit.examples;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.jdbc.JdbcStorage;
import io.crmkit.messaging.HttpSmsChannel;
import io.crmkit.messaging.SmtpEmailChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A host wiring crmkit's SMTP and SMS transports from configuration: a {@link Properties} file (see the
 * documented sample {@code messaging.properties} next to this class's resources) whose secrets may come
 * from environment variables ({@code crm.smtp.password.env}, {@code crm.sms.token.env}) so that they stay
 * out of the file.
 *
 * <pre>
 * java io.crmkit.examples.MessagingFromConfig /etc/myapp/messaging.properties
 * </pre>
 *
 * With a file it builds the channels and the CRM on the configured database, prints the wiring (never a
 * secret), and sends one email and one SMS only if the file names test recipients
 * ({@code crm.demo.email}, {@code crm.demo.phone}). Without an argument it starts a local SMTP server
 * (GreenMail) and a local JSON SMS sink on loopback, points the bundled sample configuration at them,
 * sends one email and one SMS to a customer on an embedded H2 database in a temporary directory,
 * dispatches, and prints the customer's timeline with each message's status.
 */
public final class MessagingFromConfig {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private MessagingFromConfig() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length > 0) {
            Settings settings = Settings.parse(load(Path.of(args[0])), System::getenv);
            run(settings, out);
        } else {
            demo(out);
        }
    }

    /** Reads a properties file as UTF-8 (so that a Chinese sender name needs no escapes). */
    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /** The sample configuration shipped with the examples. */
    static Properties sample() {
        Properties p = new Properties();
        try (InputStream in = MessagingFromConfig.class.getResourceAsStream("/messaging.properties")) {
            if (in == null) {
                throw new IllegalStateException("messaging.properties is not on the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Local servers, the sample configuration pointed at them, one email and one SMS, the timeline. */
    static List<Interaction> demo(PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("crmkit-messaging-");
        try (LocalMessagingServers servers = new LocalMessagingServers()) {
            Properties config = sample();
            config.setProperty("crm.db.dir", dir.toString());
            config.setProperty("crm.smtp.host", "127.0.0.1");
            config.setProperty("crm.smtp.port", String.valueOf(servers.smtpPort()));
            config.setProperty("crm.smtp.security", "NONE");
            config.remove("crm.smtp.username");
            config.remove("crm.smtp.password.env");
            config.setProperty("crm.sms.url", servers.smsUrl());
            config.setProperty("crm.demo.email", "zhang.san@example.cn");
            config.setProperty("crm.demo.phone", "13800138000");
            // the sample names CRM_SMS_TOKEN; the local sink accepts any token
            Function<String, String> env = name -> name.equals("CRM_SMS_TOKEN") ? "local-sink-token" : System.getenv(name);
            out.println("Local SMTP server on 127.0.0.1:" + servers.smtpPort() + ", local SMS sink at " + servers.smsUrl());
            List<Interaction> timeline = run(Settings.parse(config, env), out);
            out.println("The SMTP server received " + servers.receivedEmails().length + " email(s); the SMS sink "
                    + servers.receivedSms().size() + " request(s).");
            return timeline;
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Builds the CRM from the settings and, if test recipients are configured, sends to them. */
    static List<Interaction> run(Settings settings, PrintStream out) {
        out.println("Email: " + settings.smtp());
        out.println("SMS:   " + settings.sms());
        SmtpEmailChannel email = settings.smtp().channel();
        HttpSmsChannel sms = settings.sms().channel();
        try (Crm crm = Crm.builder().storage(JdbcStorage.embedded(settings.databaseDir())).messaging(MessagingSettings.builder()
                .channel(email).channel(sms).build()).build()) {
            if (settings.demoEmail().isEmpty() && settings.demoPhone().isEmpty()) {
                out.println("Channels built. Set crm.demo.email and/or crm.demo.phone to send a test message.");
                return List.of();
            }
            NewCustomer form = NewCustomer.person("张三");
            settings.demoEmail().ifPresent(form::email);
            settings.demoPhone().ifPresent(form::phone);
            Customer customer = crm.customers().create(form);
            if (settings.demoEmail().isPresent()) {
                MessageResult r = crm.messaging().send(MessageRequest.email(customer.id())
                        .subject("您的订单 #1024 已发货").text("张三您好：您的订单 #1024 已发货，预计三天内送达。"));
                out.println("Queued email " + r.messageId() + ": " + r.status());
            }
            if (settings.demoPhone().isPresent()) {
                MessageResult r = crm.messaging().send(MessageRequest.sms(customer.id())
                        .text("【示例商城】张三您好，您的订单 #1024 已发货。"));
                out.println("Queued SMS " + r.messageId() + ": " + r.status());
            }
            out.println("Dispatched " + crm.messaging().dispatchPending() + " message(s).");
            List<Interaction> timeline = crm.interactions()
                    .timeline(customer.id(), TimelineQuery.all(), PageRequest.first(20)).items();
            out.println("Timeline of " + customer.displayName() + ":");
            for (Interaction i : timeline) {
                out.printf("  %s  %-5s %-7s %s  [%s]%n", TIME.format(i.occurredAt()), i.channel(),
                        i.deliveryStatus().map(Enum::name).orElse("-"), i.subject().orElse(""),
                        i.providerMessageId().orElse("no provider id"));
            }
            return timeline;
        }
    }

    /**
     * Messaging settings read from properties; every problem is collected and reported at once, naming
     * the key, never a secret's value.
     *
     * @param databaseDir where the embedded H2 database lives ({@code crm.db.dir}, default {@code data/crm})
     * @param demoEmail   where to send a test email, if anywhere ({@code crm.demo.email})
     * @param demoPhone   where to send a test SMS, if anywhere ({@code crm.demo.phone})
     */
    record Settings(Smtp smtp, Sms sms, Path databaseDir, Optional<String> demoEmail, Optional<String> demoPhone) {
        /**
         * @param env looks up environment variables (System::getenv, or a map in tests)
         * @throws IllegalArgumentException listing every missing or invalid key
         */
        static Settings parse(Properties p, Function<String, String> env) {
            Objects.requireNonNull(p, "properties");
            Objects.requireNonNull(env, "env");
            Keys r = new Keys(p, env);
            Smtp smtp = Smtp.parse(r);
            Sms sms = Sms.parse(r);
            Path dir = Path.of(r.optional("crm.db.dir").orElse("data/crm"));
            Optional<String> email = r.optional("crm.demo.email");
            Optional<String> phone = r.optional("crm.demo.phone");
            r.throwIfAny();
            return new Settings(smtp, sms, dir, email, phone);
        }
    }

    /** SMTP settings. {@link #toString()} shows everything but the password. */
    record Smtp(String host, int port, SmtpEmailChannel.Security security, Optional<String> username,
                Optional<String> password, String from, Optional<String> fromName, Optional<String> replyTo,
                Duration timeout) {
        static Smtp parse(Keys r) {
            String host = r.required("crm.smtp.host");
            SmtpEmailChannel.Security security = r.security("crm.smtp.security", SmtpEmailChannel.Security.STARTTLS);
            int port = r.port("crm.smtp.port", security.defaultPort());
            Optional<String> username = r.optional("crm.smtp.username");
            Optional<String> password = r.secret("crm.smtp.password");
            if (username.isPresent() != password.isPresent()) {
                r.problem("crm.smtp.username", "and a password (crm.smtp.password or crm.smtp.password.env) go together");
            }
            String from = r.required("crm.smtp.from");
            Optional<String> fromName = r.optional("crm.smtp.from.name");
            Optional<String> replyTo = r.optional("crm.smtp.reply-to");
            Duration timeout = r.seconds("crm.smtp.timeout.seconds", Duration.ofSeconds(30));
            return new Smtp(host, port, security, username, password, from, fromName, replyTo, timeout);
        }

        SmtpEmailChannel channel() {
            SmtpEmailChannel.Builder b = SmtpEmailChannel.builder().host(host).port(port).security(security)
                    .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
            if (username.isPresent() && password.isPresent()) {
                b.credentials(username.get(), password.get());
            }
            if (fromName.isPresent()) {
                b.from(from, fromName.get());
            } else {
                b.from(from);
            }
            replyTo.ifPresent(b::replyTo);
            return b.build();
        }

        @Override
        public String toString() {
            return "smtp " + security + " " + host + ":" + port + username.map(u -> " as " + u).orElse("")
                    + " from " + fromName.map(n -> n + " <" + from + ">").orElse(from)
                    + replyTo.map(a -> " reply-to " + a).orElse("") + " (password " + (password.isPresent() ? "set" : "none") + ")";
        }
    }

    /** JSON SMS gateway settings. {@link #toString()} shows everything but the token. */
    record Sms(String url, Optional<String> token, Optional<String> from, Optional<String> textField,
               Optional<String> messageIdField, Duration timeout) {
        static Sms parse(Keys r) {
            String url = r.required("crm.sms.url");
            if (!url.isEmpty() && !url.matches("https?://\\S+")) {
                r.problem("crm.sms.url", "must be an http or https URL");
            }
            Optional<String> token = r.secret("crm.sms.token");
            Optional<String> from = r.optional("crm.sms.from");
            Optional<String> textField = r.optional("crm.sms.field.text");
            Optional<String> idField = r.optional("crm.sms.field.message-id");
            Duration timeout = r.seconds("crm.sms.timeout.seconds", Duration.ofSeconds(30));
            return new Sms(url, token, from, textField, idField, timeout);
        }

        HttpSmsChannel channel() {
            HttpSmsChannel.JsonBuilder b = HttpSmsChannel.jsonGateway().url(url).callTimeout(timeout);
            token.ifPresent(b::bearerToken);
            from.ifPresent(b::from);
            textField.ifPresent(b::textField);
            messageIdField.ifPresent(b::messageIdField);
            return b.build();
        }

        @Override
        public String toString() {
            // the URL may carry a key in its query: show scheme, host and path only
            String shown = url.replaceFirst("\\?.*$", "").replaceFirst("//[^/@]*@", "//");
            return "json gateway " + shown + from.map(f -> " from " + f).orElse("")
                    + " (token " + (token.isPresent() ? "set" : "none") + ")";
        }
    }

    /** Reads keys, collecting problems. */
    static final class Keys {
        private final Properties p;
        private final Function<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Keys(Properties p, Function<String, String> env) {
            this.p = p;
            this.env = env;
        }

        Optional<String> optional(String key) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        String required(String key) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                problem(key, "is required");
            }
            return v.orElse("");
        }

        /** {@code key} itself, or {@code key.env} naming an environment variable; not both. */
        Optional<String> secret(String key) {
            Optional<String> direct = optional(key);
            Optional<String> variable = optional(key + ".env");
            if (direct.isPresent() && variable.isPresent()) {
                problem(key, "is set both directly and through " + key + ".env; use one");
                return Optional.empty();
            }
            if (variable.isPresent()) {
                String value = env.apply(variable.get());
                if (value == null || value.isEmpty()) {
                    problem(key + ".env", "names the environment variable " + variable.get() + ", which is not set");
                    return Optional.empty();
                }
                return Optional.of(value);
            }
            return direct;
        }

        int port(String key, int fallback) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(v.get());
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(key, "must be a port number from 1 to 65535 but was '" + v.get() + "'");
            return fallback;
        }

        Duration seconds(String key, Duration fallback) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                long s = Long.parseLong(v.get());
                if (s >= 1 && s <= 3600) {
                    return Duration.ofSeconds(s);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(key, "must be a whole number of seconds from 1 to 3600 but was '" + v.get() + "'");
            return fallback;
        }

        SmtpEmailChannel.Security security(String key, SmtpEmailChannel.Security fallback) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                return SmtpEmailChannel.Security.valueOf(v.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(key, "must be NONE, STARTTLS or SMTPS but was '" + v.get() + "'");
                return fallback;
            }
        }

        void problem(String key, String message) {
            problems.add(key + " " + message);
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("messaging configuration: " + String.join("; ", problems));
            }
        }
    }
}
