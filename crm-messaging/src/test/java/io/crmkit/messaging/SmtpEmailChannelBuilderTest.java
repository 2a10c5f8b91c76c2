package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.ValidationException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpEmailChannelBuilderTest {
    private static ValidationException invalid(SmtpEmailChannel.Builder builder) {
        return catchThrowableOfType(ValidationException.class, builder::build);
    }

    private static SmtpEmailChannel.Builder valid() {
        return SmtpEmailChannel.builder().host("smtp.example.com").from("crm@example.com");
    }

    @Test
    void namesEveryMissingRequiredSetting() {
        ValidationException e = invalid(SmtpEmailChannel.builder());
        assertThat(e.violations()).extracting(ValidationException.Violation::field).containsExactlyInAnyOrder("host", "from");
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThat(invalid(valid().port(0)).hasViolation("port")).isTrue();
        assertThat(invalid(valid().port(70_000)).hasViolation("port")).isTrue();
    }

    @Test
    void rejectsZeroAndNegativeTimeouts() {
        ValidationException e = invalid(valid().connectTimeout(Duration.ZERO).readTimeout(Duration.ofSeconds(-1))
                .writeTimeout(Duration.ZERO).idleTimeout(Duration.ofMillis(-5)));
        assertThat(e.violations()).extracting(ValidationException.Violation::field)
                .containsExactlyInAnyOrder("connectTimeout", "readTimeout", "writeTimeout", "idleTimeout");
    }

    @Test
    void rejectsMalformedAddressesAndDomains() {
        ValidationException e = invalid(valid().from("not an address").replyTo("@@").messageIdDomain("a b"));
        assertThat(e.violations()).extracting(ValidationException.Violation::field)
                .containsExactlyInAnyOrder("from", "replyTo", "messageIdDomain");
    }

    @Test
    void rejectsAnEmptyPasswordWithoutEchoingAnything() {
        ValidationException e = invalid(valid().credentials("crm", ""));
        assertThat(e.hasViolation("password")).isTrue();
    }

    @Test
    void rejectsAHostSessionWithoutFiniteTimeouts() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "smtp.example.com");
        p.put("mail.smtp.timeout", "0");
        ValidationException e = invalid(SmtpEmailChannel.builder().session(Session.getInstance(p))
                .from("crm@example.com"));
        assertThat(e.violations()).extracting(ValidationException.Violation::field)
                .containsExactlyInAnyOrder("session.mail.smtp.connectiontimeout", "session.mail.smtp.timeout");
    }

    @Test
    void defaultsThePortToTheSecurityAndNeverShowsThePassword() {
        try (SmtpEmailChannel channel = valid().credentials("crm", "hunter2-secret").build()) {
            assertThat(channel.toString()).contains("smtp.example.com:587", "STARTTLS", "crm")
                    .doesNotContain("hunter2-secret");
        }
        try (SmtpEmailChannel channel = valid().security(SmtpEmailChannel.Security.SMTPS).build()) {
            assertThat(channel.toString()).contains(":465");
        }
    }
}
