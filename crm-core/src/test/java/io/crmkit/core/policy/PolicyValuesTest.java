package io.crmkit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The values of the policy package: the stored segment text, cadences, caps and settings. */
class PolicyValuesTest {
    private static final String ALPHABET = "aZ9 &=%+?#'\";--\\/_!张三李四客户🎉🌟\u00e9\u0301";

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "x" : s;
    }

    @Test
    void segmentTextRoundTripsSeededRandomQueries() {
        Random random = new Random(20261204L);
        for (int round = 0; round < 500; round++) {
            CustomerQuery q = CustomerQuery.all();
            if (random.nextBoolean()) q = q.nameStartsWith(text(random));
            if (random.nextBoolean()) q = q.nameContains(text(random));
            if (random.nextBoolean()) q = q.email("user" + round + "@example.com");
            if (random.nextBoolean()) q = q.phone("+86138" + (10000000 + random.nextInt(89999999)));
            if (random.nextBoolean()) q = q.tag(text(random));
            if (random.nextBoolean()) q = q.stage(LifecycleStage.values()[random.nextInt(LifecycleStage.values().length)]);
            if (random.nextBoolean()) q = q.owner(UserRef.of(text(random)));
            if (random.nextBoolean()) q = q.department(DepartmentRef.of(text(random)));
            if (random.nextBoolean()) q = q.externalRef(text(random), text(random));
            if (random.nextBoolean()) q = q.memberOf(new CustomerId(new UUID(random.nextLong(), random.nextLong())));
            if (random.nextBoolean()) q = q.includeArchived(true);
            String stored = SegmentText.encode(q);
            assertThat(SegmentText.decode(stored)).as(stored).isEqualTo(q);
            assertThat(SegmentText.encode(SegmentText.decode(stored))).isEqualTo(stored);
        }
        assertThat(SegmentText.encode(CustomerQuery.all())).isEmpty();
        assertThat(SegmentText.decode("")).isEqualTo(CustomerQuery.all());
    }

    @Test
    void segmentTextRefusesWhatItDidNotWrite() {
        for (String bad : new String[] {"colour=red", "tag", "=x", "tag=a&tag=b", "stage=NOPE", "refSystem=erp",
                "organization=not-a-uuid", "tag=%zz"}) {
            assertThatThrownBy(() -> SegmentText.decode(bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.code()).containsExactly("segment:malformed"));
        }
    }

    @Test
    void cadencesCheckTheirDaysAndThresholds() {
        assertThat(Cadence.everyDays(Cadence.MAX_DAYS).days()).isEqualTo(Cadence.MAX_DAYS);
        assertThatThrownBy(() -> Cadence.everyDays(Cadence.MAX_DAYS + 1)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("cadence.days"));
        assertThatThrownBy(() -> Cadence.afterPurchase(0)).isInstanceOf(ValidationException.class);
        assertThat(Cadence.afterLowScore(SurveyKind.NPS, 7, 3).scoreBelow()).hasValue(7);
        assertThatThrownBy(() -> Cadence.afterLowScore(SurveyKind.NPS, 0, 3)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Cadence.afterLowScore(SurveyKind.CES, 8, 3)).isInstanceOf(ValidationException.class);
    }

    @Test
    void capsAndSettingsNameTheBadValue() {
        assertThatThrownBy(() -> ContactLimits.of(1, -1, 3)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("perWeek"));
        assertThat(ContactLimits.NONE.limited()).isFalse();
        assertThat(ContactLimits.of(0, ContactLimits.UNLIMITED, ContactLimits.UNLIMITED).limited()).isTrue();
        assertThatThrownBy(() -> PolicySettings.builder().batchSize(0).channel(InteractionChannel.OTHER, ContactLimits.NONE)
                .build()).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("batchSize:range", "channel:not_counted"));
        assertThatThrownBy(() -> PolicySettings.builder().zone(null)).isInstanceOf(NullPointerException.class);
        PolicySettings s = PolicySettings.builder().channel(InteractionChannel.SMS, ContactLimits.of(1, 2, 3)).build();
        assertThat(s.channel(InteractionChannel.SMS)).isEqualTo(ContactLimits.of(1, 2, 3));
        assertThat(s.channel(InteractionChannel.EMAIL)).isEqualTo(ContactLimits.NONE);
    }

    @Test
    void methodsKnowTheirTimelineChannelConsentAndMessage() {
        assertThat(ContactMethod.VOICE.timelineChannel()).isEqualTo(InteractionChannel.CALL);
        assertThat(ContactMethod.VISIT.defaultChannel()).isEmpty();
        assertThat(ContactMethod.CALL.isMessage()).isFalse();
        assertThat(ContactMethod.SMS.messageKind()).isPresent();
    }
}
