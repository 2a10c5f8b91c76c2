package io.crmkit.core;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.QuietHours;
import io.crmkit.core.workflow.Workflow;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The one rule of every builder: null at once, everything else from build() in one ValidationException. */
class CrmBuilderTest {
    private enum Colour { RED, GREEN }

    @Test
    void aBuilderWithoutStorageNamesTheSettingAndHowToFixIt() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Crm.builder().build());
        assertThat(thrown).isInstanceOf(ValidationException.class).hasMessageContaining("InMemoryStorage.create()");
        assertThat(violationsOf(() -> Crm.builder().build())).containsExactly("storage:required");
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        Workflow<Colour> colours = Workflow.builder(Colour.class, Colour.RED).allow(Colour.RED, Colour.GREEN).build();
        assertThat(violationsOf(() -> Crm.builder().defaultRegion("XX").workflow(colours).build()))
                .containsExactlyInAnyOrder("storage:required", "defaultRegion:unknown_region", "workflow:unknown_type");
    }

    @Test
    void aRejectedBuildLeavesTheStorageUsable() {
        InMemoryStorage storage = InMemoryStorage.create();
        assertThatThrownBy(() -> Crm.builder().storage(storage).defaultRegion("XX").build())
                .isInstanceOf(ValidationException.class);
        try (Crm crm = Crm.builder().storage(storage).build()) {
            assertThat(crm.customers().create(io.crmkit.core.customer.NewCustomer.person("张三")).displayName()).isEqualTo("张三");
        }
    }

    @Test
    void nullIsRefusedAtOnceNamingTheParameter() {
        CrmBuilder builder = Crm.builder();
        assertThatThrownBy(() -> builder.storage(null)).isInstanceOf(NullPointerException.class).hasMessage("storage");
        assertThatThrownBy(() -> builder.messaging(null)).isInstanceOf(NullPointerException.class).hasMessage("settings");
        assertThatThrownBy(() -> builder.workflow(null)).isInstanceOf(NullPointerException.class).hasMessage("workflow");
        assertThatThrownBy(() -> MessagingSettings.builder().channel(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("channel");
    }

    @Test
    void messagingSettingsReportEveryBadSettingAtOnce() {
        MessagingSettings.Builder b = MessagingSettings.builder()
                .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .rateLimit(ChannelKind.SMS, 0, Duration.ZERO)
                .backgroundDispatch(Duration.ofSeconds(-1))
                .dispatcher(0, Duration.ZERO, Duration.ofSeconds(-1));
        assertThat(violationsOf(b::build)).containsExactlyInAnyOrder(
                "quietHours.kinds:required", "rateLimit.SMS.permits:range", "rateLimit.SMS.window:not_positive",
                "backgroundDispatch:not_positive", "dispatcher.batchSize:range", "dispatcher.lease:not_positive",
                "dispatcher.shutdownWait:range");
    }

    @Test
    void messagingSettingsKeepWhatWasSet() {
        Duration window = Duration.ofSeconds(1);
        MessagingSettings s = MessagingSettings.builder()
                .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)), ChannelKind.SMS)
                .rateLimit(ChannelKind.SMS, 20, window)
                .dispatcher(7, Duration.ofMinutes(1), Duration.ZERO)
                .build();
        assertThat(s.hasQuietHours(ChannelKind.SMS)).isTrue();
        assertThat(s.hasQuietHours(ChannelKind.EMAIL)).isFalse();
        assertThat(s.rateLimits()).containsEntry(ChannelKind.SMS, new MessagingSettings.RateLimit(20, window));
        assertThat(s.batchSize()).isEqualTo(7);
        assertThat(s.backgroundInterval()).isEmpty();
        assertThat(MessagingSettings.NONE.channels()).isEmpty();
        assertThat(s.outsideQuietHours(ChannelKind.SMS, java.time.Instant.parse("2026-03-02T22:00:00Z"), java.util.Optional.empty()))
                .as("in UTC, the default zone").isEqualTo(java.time.Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(s.outsideQuietHours(ChannelKind.EMAIL, java.time.Instant.parse("2026-03-02T22:00:00Z"), java.util.Optional.empty()))
                .isEqualTo(java.time.Instant.parse("2026-03-02T22:00:00Z"));
    }

    @Test
    void messagingDefaultsAreTheDocumentedOnes() {
        MessagingSettings d = MessagingSettings.builder().build();
        assertThat(d.defaultZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(d.retryPolicy()).isEqualTo(io.crmkit.core.messaging.RetryPolicy.DEFAULT);
        assertThat(d.batchSize()).isEqualTo(50);
        assertThat(d.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.shutdownWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.quietHours()).isEmpty();
        assertThat(d.quietKinds()).isEmpty();
        assertThat(d.rateLimits()).isEmpty();
        assertThat(d.backgroundInterval()).isEmpty();
    }

    @Test
    void configurationValuesFollowTheSameRule() {
        assertThat(violationsOf(() -> Workflow.builder(Colour.class, Colour.RED).allow(Colour.RED, Colour.RED, Colour.GREEN)
                .allow(Colour.GREEN, Colour.GREEN).build()))
                .containsExactly("workflow.RED:self_transition", "workflow.GREEN:self_transition");
        assertThat(violationsOf(() -> io.crmkit.core.importing.ImportOptions.insertOnly().batchSize(0)))
                .containsExactly("batchSize:range");
        assertThat(violationsOf(() -> io.crmkit.core.importing.ImportOptions.insertOnly().batchSize(10_001)))
                .containsExactly("batchSize:range");
        assertThat(violationsOf(() -> io.crmkit.core.importing.ImportOptions.insertOnly().keepProblems(-1)))
                .containsExactly("keepProblems:range");
        assertThat(io.crmkit.core.importing.ImportOptions.insertOnly().batchSize(10_000).batchSize()).isEqualTo(10_000);
    }
}
