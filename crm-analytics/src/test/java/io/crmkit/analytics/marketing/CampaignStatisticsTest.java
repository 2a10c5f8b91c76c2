package io.crmkit.analytics.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.analytics.value.RfmScore;
import io.crmkit.analytics.value.RfmSegment;
import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.MarketingSettings;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.marketing.NewCampaign;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A/B splits, the z-test and sample sizes against numbers worked by hand and the textbook, RFM members. */
class CampaignStatisticsTest {
    @Test
    void theZTestOfTwoRatesWorkedByHand() {
        // 200 of 1000 against 250 of 1000: pooled 0.225, se = sqrt(0.225 * 0.775 * 0.002) = 0.0186748,
        // z = 0.05 / 0.0186748 = 2.67740, two-sided p = 2 * (1 - Φ(2.6774)) = 0.007419
        ProportionTest t = ProportionTest.of(200, 1000, 250, 1000);
        assertThat(t.rate1()).isEqualTo(0.2);
        assertThat(t.rate2()).isEqualTo(0.25);
        assertThat(t.z()).isCloseTo(2.67740, within(1e-5));
        assertThat(t.pValue()).isCloseTo(0.007419, within(1e-6));
        assertThat(t.significantAt(0.01)).isTrue();
        assertThat(ProportionTest.of(250, 1000, 200, 1000).z()).isCloseTo(-2.67740, within(1e-5));
        // equal rates: z 0, p 1; nothing and everything responding: no spread, no difference
        assertThat(ProportionTest.of(10, 100, 20, 200).pValue()).isCloseTo(1, within(1e-12));
        assertThat(ProportionTest.of(0, 10, 0, 10).pValue()).isEqualTo(1);
        assertThatThrownBy(() -> ProportionTest.of(11, 10, 0, 10)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ProportionTest.of(0, 0, 0, 10)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theSampleSizeOfTheTextbook() {
        // Fleiss: p1 0.10, p2 0.12, α 0.05 two-sided, power 0.80: (1.95996 * sqrt(2 * 0.11 * 0.89)
        // + 0.84162 * sqrt(0.09 + 0.1056))² / 0.02² = 3840.9, so 3841 per group
        assertThat(SampleSize.perVariant(0.10, 0.02, 0.05, 0.80)).isEqualTo(3841);
        // a larger effect needs fewer: 0.10 to 0.15 is 686 per group
        assertThat(SampleSize.perVariant(0.10, 0.05, 0.05, 0.80)).isEqualTo(686);
        // a drop needs as many as the rise to the same distance from 0.5 the other way
        assertThat(SampleSize.perVariant(0.12, -0.02, 0.05, 0.80)).isEqualTo(3841);
        assertThat(SampleSize.perVariant(0.10, 0.02, 0.05, 0.90)).isGreaterThan(3841);
        assertThatThrownBy(() -> SampleSize.perVariant(0, 0, 1, 1)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("baseline", "effect", "alpha", "power"));
    }

    @Test
    void theSplitIsDeterministicAndFollowsTheWeights() {
        Variants ab = Variants.of(Variant.of("A", 70), Variant.of("B", 30));
        CampaignId campaign = new CampaignId(UUID.fromString("01890000-0000-7000-8000-000000000001"));
        Map<String, Integer> counts = new HashMap<>();
        java.util.Random random = new java.util.Random(42);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            CustomerId c = new CustomerId(new UUID(random.nextLong(), random.nextLong()));
            String v = ab.assign(campaign, c);
            assertThat(Variants.of(Variant.of("A", 70), Variant.of("B", 30)).assign(campaign, c)).isEqualTo(v);
            counts.merge(v, 1, Integer::sum);
        }
        // 3 standard deviations of a binomial(20000, 0.7): 3 * sqrt(20000 * 0.21) = 194
        assertThat(counts.get("A")).isBetween(14_000 - 194, 14_000 + 194);
        assertThat(counts.get("A") + counts.get("B")).isEqualTo(n);
        CustomerId one = new CustomerId(UUID.fromString("01890000-0000-7000-8000-0000000000aa"));
        assertThat(Variants.of(Variant.of("only", 1)).assign(campaign, one)).isEqualTo("only");
        assertThatThrownBy(() -> Variants.of(Variant.of("A", 1), Variant.of("A", 2))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Variant.of("A", 0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void resultsPerVariantFromTheCampaignsMembers() {
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
            Campaign c = crm.campaigns().create(NewCampaign.of("ab", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31), BigDecimal.TEN, "CNY"));
            List<CustomerId> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(crm.customers().create(NewCustomer.person("客户" + i)).id());
            }
            crm.campaigns().addMembers(c.id(), ids);
            Variants ab = Variants.of(Variant.of("A", 1), Variant.of("B", 1));
            Map<String, Long> responded = new HashMap<>();
            for (int i = 0; i < ids.size(); i += 3) {
                crm.campaigns().markResponded(c.id(), ids.get(i));
                responded.merge(ab.assign(c.id(), ids.get(i)), 1L, Long::sum);
            }
            Map<String, VariantResult> r = ab.results(crm.campaigns(), c.id(), MarketingSettings.DEFAULT.respondedStatuses());
            assertThat(r.keySet()).containsExactly("A", "B");
            assertThat(r.get("A").members() + r.get("B").members()).isEqualTo(40);
            assertThat(r.get("A").members()).isEqualTo(ids.stream().filter(id -> ab.assign(c.id(), id).equals("A")).count());
            assertThat(r.get("A").responded()).isEqualTo(responded.getOrDefault("A", 0L));
            assertThat(r.get("B").responded()).isEqualTo(responded.getOrDefault("B", 0L));
            assertThat(r.get("A").sent()).isZero();
            assertThat(ab.results(crm.campaigns(), c.id(), java.util.Set.of(MemberStatus.SENT)).get("A").responded()).isZero();
        }
    }

    @Test
    void rfmSegmentsAsCampaignMembers() {
        CustomerId a = new CustomerId(UUID.randomUUID());
        CustomerId b = new CustomerId(UUID.randomUUID());
        CustomerId c = new CustomerId(UUID.randomUUID());
        List<RfmScore> scores = List.of(
                new RfmScore(a, 200, 1, BigDecimal.ONE, 1, 1, 1, RfmSegment.HIBERNATING),
                new RfmScore(b, 2, 9, BigDecimal.TEN, 5, 5, 5, RfmSegment.CHAMPIONS),
                new RfmScore(c, 120, 4, BigDecimal.TEN, 2, 3, 3, RfmSegment.AT_RISK));
        assertThat(RfmMembers.of(scores, RfmSegment.AT_RISK, RfmSegment.HIBERNATING)).containsExactly(a, c);
        assertThat(RfmMembers.of(scores)).isEmpty();
    }
}
