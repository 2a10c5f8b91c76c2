package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.satisfaction.SurveyRepository}: exact round trips and
 * {@link SurveyQuery} filters (kind, customer, channel, touchpoint, period {@code [from, to)}) in id
 * order, in keyset pages.
 */
public abstract class SurveyRepositoryContract extends StorageContractSupport {
    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected SurveyRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("A").build();
        other = data.person("B").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(List<SurveyResponse> responses) {
        write(r -> responses.forEach(r.surveys()::insert));
    }

    private Optional<SurveyResponse> find(SurveyResponseId id) {
        return read(r -> r.surveys().findById(id));
    }

    private List<UUID> find(SurveyQuery query) {
        return ids(readAllPages(PageRequest.MAX_LIMIT, (r, p) -> r.surveys().search(query, AccessScope.everything(), p)), s -> s.id().value());
    }

    private static UUID id(SurveyResponse s) {
        return s.id().value();
    }

    @Test
    void insertedResponseReadsBackWithEveryField() {
        SurveyResponse full = data.surveyResponse(customer.id(), SurveyKind.NPS, 10)
                .comment("非常满意 " + TestStrings.EMOJI + " " + TestStrings.tenKilobytes())
                .touchpoint("售后回访 " + TestStrings.SQL_INJECTION)
                .channel(InteractionChannel.CALL)
                .respondedAt(Instant.parse("2025-02-03T04:05:06.789012Z"))
                .build();
        SurveyResponse minimal = data.surveyResponse(customer.id(), SurveyKind.NPS, 0).build();
        SurveyResponse ces = data.surveyResponse(other.id(), SurveyKind.CES, 7).build();
        SurveyResponse csat = data.surveyResponse(other.id(), SurveyKind.CSAT, 1).build();
        insert(List.of(full, minimal, ces, csat));

        for (SurveyResponse s : List.of(full, minimal, ces, csat)) {
            assertThat(find(s.id())).contains(s);
        }
        assertThat(find(data.surveyResponseId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredResponse() {
        SurveyResponse first = data.surveyResponse(customer.id(), SurveyKind.CSAT, 5).build();
        insert(List.of(first));
        SurveyResponse again = data.surveyResponse(customer.id(), SurveyKind.CSAT, 1).id(first.id()).build();

        assertThatThrownBy(() -> insert(List.of(again))).isInstanceOf(ConflictException.class);
        assertThat(find(first.id())).contains(first);
    }

    @Test
    void queryFiltersByEachCriterionAndTheirCombinationInIdOrder() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-02-01T00:00:00Z");
        SurveyResponse a = data.surveyResponse(customer.id(), SurveyKind.NPS, 9).channel(InteractionChannel.CALL)
                .touchpoint("售后回访").respondedAt(from).build();
        SurveyResponse b = data.surveyResponse(customer.id(), SurveyKind.CSAT, 4).channel(InteractionChannel.EMAIL)
                .touchpoint("checkout").respondedAt(from.plusSeconds(3600)).build();
        SurveyResponse c = data.surveyResponse(other.id(), SurveyKind.NPS, 3).channel(InteractionChannel.CALL)
                .touchpoint("售后回访").respondedAt(to.minusNanos(1_000)).build();
        SurveyResponse d = data.surveyResponse(customer.id(), SurveyKind.NPS, 7).respondedAt(to).build();
        SurveyResponse e = data.surveyResponse(other.id(), SurveyKind.CES, 2).channel(InteractionChannel.CHAT)
                .touchpoint("售后回访%").respondedAt(from.minusNanos(1_000)).build();
        insert(List.of(e, d, c, b, a));

        assertThat(find(SurveyQuery.all())).containsExactly(id(a), id(b), id(c), id(d), id(e));
        assertThat(find(SurveyQuery.all().kind(SurveyKind.NPS))).containsExactly(id(a), id(c), id(d));
        assertThat(find(SurveyQuery.all().customer(other.id()))).containsExactly(id(c), id(e));
        assertThat(find(SurveyQuery.all().channel(InteractionChannel.CALL))).containsExactly(id(a), id(c));
        assertThat(find(SurveyQuery.all().channel(InteractionChannel.SMS))).isEmpty();
        assertThat(find(SurveyQuery.all().touchpoint("售后回访"))).containsExactly(id(a), id(c));
        assertThat(find(SurveyQuery.all().touchpoint("售后"))).isEmpty();
        assertThat(find(SurveyQuery.all().between(from, to))).containsExactly(id(a), id(b), id(c));
        assertThat(find(SurveyQuery.all().kind(SurveyKind.NPS).customer(customer.id()).between(from, to)))
                .containsExactly(id(a));
        assertThat(find(SurveyQuery.all().kind(SurveyKind.NPS).channel(InteractionChannel.CALL).touchpoint("售后回访")
                .customer(other.id()))).containsExactly(id(c));
        assertThat(find(new SurveyQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(to), Optional.empty()))).containsExactly(id(d));
    }

    @Test
    void pagesCoverEveryResponseOnceInIdOrder() {
        List<SurveyResponse> all = new ArrayList<>();
        List<SurveyResponse> nps = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            SurveyResponse s = i % 3 == 0 ? data.surveyResponse(customer.id(), SurveyKind.CSAT, 1 + i % 5).build()
                    : data.surveyResponse(other.id(), SurveyKind.NPS, i % 11).build();
            all.add(s);
            if (s.kind() == SurveyKind.NPS) {
                nps.add(s);
            }
        }
        List<SurveyResponse> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(13));
        insert(shuffled);

        for (int limit : PAGE_LIMITS) {
            assertThat(ids(readAllPages(limit, (r, p) -> r.surveys().search(SurveyQuery.all(), AccessScope.everything(), p)), s -> s.id().value()))
                    .as("all, limit %d", limit).containsExactlyElementsOf(ids(all, s -> s.id().value()));
            assertThat(ids(readAllPages(limit, (r, p) -> r.surveys().search(SurveyQuery.all().kind(SurveyKind.NPS), AccessScope.everything(), p)),
                    s -> s.id().value())).as("NPS, limit %d", limit).containsExactlyElementsOf(ids(nps, s -> s.id().value()));
        }
    }
}
