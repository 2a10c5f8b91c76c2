package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.messaging.SmtpEmailChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagingFromConfigTest {
    private static final String SMTP_SECRET = "smtp-secret-7f3a";
    private static final String SMS_SECRET = "sms-token-91bc";
    private static final Function<String, String> ENV =
            Map.of("CRM_SMTP_PASSWORD", SMTP_SECRET, "CRM_SMS_TOKEN", SMS_SECRET)::get;

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static Properties minimal() {
        return props("crm.smtp.host", "smtp.example.com", "crm.smtp.from", "crm@example.com",
                "crm.sms.url", "https://sms.example.com/v1/messages");
    }

    @Test
    void theBundledSampleParsesWithSecretsFromTheEnvironment() {
        MessagingFromConfig.Settings s = MessagingFromConfig.Settings.parse(MessagingFromConfig.sample(), ENV);

        assertThat(s.smtp().host()).isEqualTo("smtp.example.com");
        assertThat(s.smtp().port()).isEqualTo(587);
        assertThat(s.smtp().security()).isEqualTo(SmtpEmailChannel.Security.STARTTLS);
        assertThat(s.smtp().username()).contains("crm@example.com");
        assertThat(s.smtp().password()).contains(SMTP_SECRET);
        assertThat(s.smtp().fromName()).contains("示例商城客服");
        assertThat(s.smtp().replyTo()).contains("service@example.com");
        assertThat(s.smtp().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.sms().url()).isEqualTo("https://sms.example.com/v1/messages");
        assertThat(s.sms().token()).contains(SMS_SECRET);
        assertThat(s.sms().from()).contains("SHOP");
        assertThat(s.sms().textField()).isEmpty();
        assertThat(s.databaseDir()).isEqualTo(Path.of("data/crm"));
        assertThat(s.demoEmail()).isEmpty();
        assertThat(s.demoPhone()).isEmpty();
    }

    @Test
    void aFileIsReadAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("messaging.properties");
        Files.writeString(file, "crm.smtp.host=mail.local\ncrm.smtp.from=a@b.cn\ncrm.smtp.from.name=华东精密客服\n"
                + "crm.sms.url=http://127.0.0.1:9/sms\n", StandardCharsets.UTF_8);
        MessagingFromConfig.Settings s = MessagingFromConfig.Settings.parse(MessagingFromConfig.load(file), ENV);
        assertThat(s.smtp().fromName()).contains("华东精密客服");
    }

    @Test
    void defaultsFollowTheSecurity() {
        Properties p = minimal();
        assertThat(MessagingFromConfig.Settings.parse(p, ENV).smtp().port()).isEqualTo(587);
        p.setProperty("crm.smtp.security", "smtps");
        assertThat(MessagingFromConfig.Settings.parse(p, ENV).smtp().port()).isEqualTo(465);
        p.setProperty("crm.smtp.security", "NONE");
        MessagingFromConfig.Settings s = MessagingFromConfig.Settings.parse(p, ENV);
        assertThat(s.smtp().port()).isEqualTo(25);
        assertThat(s.smtp().username()).isEmpty();
        assertThat(s.smtp().password()).isEmpty();
        assertThat(s.sms().token()).isEmpty();
    }

    @Test
    void aSecretCanBeGivenDirectly() {
        Properties p = minimal();
        p.setProperty("crm.smtp.username", "crm");
        p.setProperty("crm.smtp.password", "inline-pw");
        p.setProperty("crm.sms.token", "inline-token");
        MessagingFromConfig.Settings s = MessagingFromConfig.Settings.parse(p, ENV);
        assertThat(s.smtp().password()).contains("inline-pw");
        assertThat(s.sms().token()).contains("inline-token");
    }

    @Test
    void everyProblemIsReportedAtOnceByKey() {
        Properties p = props("crm.smtp.port", "99999", "crm.smtp.security", "TLS", "crm.sms.url", "ftp://x",
                "crm.sms.timeout.seconds", "0");
        assertThatThrownBy(() -> MessagingFromConfig.Settings.parse(p, ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crm.smtp.host is required")
                .hasMessageContaining("crm.smtp.from is required")
                .hasMessageContaining("crm.smtp.port must be a port number")
                .hasMessageContaining("crm.smtp.security must be NONE, STARTTLS or SMTPS but was 'TLS'")
                .hasMessageContaining("crm.sms.url must be an http or https URL")
                .hasMessageContaining("crm.sms.timeout.seconds must be a whole number of seconds");
    }

    @Test
    void secretProblemsNameTheKeyAndVariableButNeverAValue() {
        Properties p = minimal();
        p.setProperty("crm.smtp.username", "crm");
        p.setProperty("crm.smtp.password.env", "NOT_SET_ANYWHERE");
        p.setProperty("crm.sms.token", SMS_SECRET);
        p.setProperty("crm.sms.token.env", "CRM_SMS_TOKEN");
        assertThatThrownBy(() -> MessagingFromConfig.Settings.parse(p, ENV))
                .hasMessageContaining("crm.smtp.password.env names the environment variable NOT_SET_ANYWHERE, which is not set")
                .hasMessageContaining("crm.sms.token is set both directly and through crm.sms.token.env")
                .hasMessageNotContaining(SMS_SECRET);
    }

    @Test
    void aUsernameWithoutPasswordIsRefused() {
        Properties p = minimal();
        p.setProperty("crm.smtp.username", "crm");
        assertThatThrownBy(() -> MessagingFromConfig.Settings.parse(p, ENV))
                .hasMessageContaining("crm.smtp.username and a password");
    }

    @Test
    void theWiringIsPrintedWithoutSecrets() {
        Properties p = MessagingFromConfig.sample();
        p.setProperty("crm.sms.url", "https://user:pw@sms.example.com/v1/messages?apiKey=k-123");
        MessagingFromConfig.Settings s = MessagingFromConfig.Settings.parse(p, ENV);
        String shown = s.smtp() + " " + s.sms() + " " + s;
        assertThat(shown).doesNotContain(SMTP_SECRET, SMS_SECRET, "k-123", "user:pw")
                .contains("smtp.example.com:587", "password set", "https://sms.example.com/v1/messages", "token set");
    }

    @Test
    void withoutAnArgumentItSendsAnEmailAndAnSmsToLocalServersAndShowsThemSent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Interaction> timeline = MessagingFromConfig.demo(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(timeline).extracting(Interaction::channel)
                .containsExactlyInAnyOrder(InteractionChannel.EMAIL, InteractionChannel.SMS);
        assertThat(timeline).allSatisfy(i -> {
            assertThat(i.deliveryStatus()).isEqualTo(Optional.of(DeliveryStatus.SENT));
            assertThat(i.providerMessageId()).isPresent();
        });
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("SMS +SENT .*\\[sink-\\S+]").contains("Dispatched 2 message(s).",
                "The SMTP server received 1 email(s); the SMS sink 1 request(s).");
    }
}
