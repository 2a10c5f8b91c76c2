package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.CampaignQuery;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.CampaignTouch;
import io.crmkit.core.marketing.MemberConversion;
import io.crmkit.core.marketing.MemberCounts;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.marketing.CampaignRepository}: exact round trips with the status history and
 * the template (Unicode, SQL metacharacters), the version rule of {@code update}, {@code search} by every criterion in
 * start date order across keyset pages, members added once, found by message, paged by status, counted, and the
 * conversions, last purchases and touches read from purchases and opportunities.
 */
public abstract class CampaignRepositoryContract extends StorageContractSupport {
    /** The order of {@code search}: start date, then id. */
    protected static final Comparator<Campaign> START_ORDER = Comparator.comparing(Campaign::startDate)
            .thenComparing(c -> c.id().value(), Uuid7.ORDER);
    private static final Set<MemberStatus> RESPONDED = Set.of(MemberStatus.RESPONDED, MemberStatus.CONVERTED);

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected CampaignRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private void insert(Campaign... campaigns) {
        write(r -> {
            for (Campaign c : campaigns) {
                r.campaigns().insert(c);
            }
        });
    }

    private Optional<Campaign> find(CampaignId id) {
        return readOne(r -> r.campaigns().findById(id));
    }

    private Customer customer(String name) {
        Customer c = data.person(name).build();
        write(r -> r.customers().insert(c));
        return c;
    }

    @Test
    void roundTripWithHistoryTemplateAndText() {
        Campaign c = data.campaign("'; DROP TABLE campaigns; -- 春季 🌸").channel(ChannelKind.EMAIL)
                .budget("1234.5600", "USD").department(DepartmentRef.of("市场部"))
                .template(MessageTemplate.email("{{name}}，春季促销", "正文 {{name}}", "<p>{{name}}</p>"))
                .move(CampaignStatus.SCHEDULED, "u1", data.now(), "审批 '%_")
                .move(CampaignStatus.RUNNING, "u2", data.now().plusSeconds(1), null).build();
        Campaign plain = data.campaign("plain").build();
        insert(c, plain);

        assertThat(find(c.id())).contains(c);
        assertThat(find(c.id()).orElseThrow().budget()).isEqualTo(new BigDecimal("1234.5600"));
        assertThat(find(plain.id())).contains(plain);
        assertThat(find(data.campaignId())).isEmpty();
    }

    @Test
    void updatesFollowTheVersionAndTheHistoryGrows() {
        Campaign c = data.campaign("x").build();
        insert(c);
        Campaign moved = c.transition(CampaignStatus.DEFAULT_WORKFLOW, CampaignStatus.SCHEDULED, UserRef.of("u1"),
                data.now(), Optional.of("go"));
        write(r -> r.campaigns().update(moved));
        assertThat(find(c.id())).contains(moved);

        assertThatThrownBy(() -> write(r -> r.campaigns().update(moved))).isInstanceOf(ConflictException.class);
        Campaign unknown = data.campaign("none").version(2).build();
        assertThatThrownBy(() -> write(r -> r.campaigns().update(unknown))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> insert(c)).isInstanceOf(ConflictException.class);
    }

    @Test
    void searchByEveryCriterionAcrossPages() {
        LocalDate today = data.today();
        List<Campaign> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(data.campaign("c" + i).period(today.plusDays(i % 5), today.plusDays(i % 5 + i))
                    .channel(ChannelKind.values()[i % 3]).owner("u" + (i % 2))
                    .department(i % 4 == 0 ? DepartmentRef.of("d") : null)
                    .status(CampaignStatus.values()[i % 5]).build());
        }
        insert(all.toArray(Campaign[]::new));
        List<CampaignQuery> queries = List.of(CampaignQuery.all(), CampaignQuery.all().statuses(CampaignStatus.RUNNING,
                        CampaignStatus.DRAFT), CampaignQuery.all().owner(UserRef.of("u1")),
                CampaignQuery.all().department(DepartmentRef.of("d")), CampaignQuery.all().channel(ChannelKind.VOICE),
                CampaignQuery.all().activeOn(today.plusDays(4)), CampaignQuery.all().activeOn(today.plusDays(4)).owner(UserRef.of("u0")));
        for (CampaignQuery q : queries) {
            List<Campaign> expected = all.stream().filter(q::matches).sorted(START_ORDER).toList();
            for (int limit : PAGE_LIMITS) {
                assertThat(readAllPages(limit, (r, p) -> r.campaigns().search(q, AccessScope.everything(), p)))
                        .as("%s by %d", q, limit).isEqualTo(expected);
            }
        }
        AccessScope own = new AccessScope(false, Optional.of(UserRef.of("u1")), Set.of(DepartmentRef.of("d")), Set.of());
        Predicate<Campaign> admitted = c -> c.owner().equals(UserRef.of("u1")) || c.department().equals(Optional.of(DepartmentRef.of("d")));
        assertThat(readAllPages(5, (r, p) -> r.campaigns().search(CampaignQuery.all(), own, p)))
                .isEqualTo(all.stream().filter(admitted).sorted(START_ORDER).toList());
    }

    @Test
    void membersAreAddedOnceAndPagedByStatus() {
        Campaign c = data.campaign("x").build();
        Campaign other = data.campaign("y").build();
        insert(c, other);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            customers.add(customer("客户" + i));
        }
        List<CampaignMember> first = customers.subList(0, 6).stream()
                .map(x -> CampaignMember.targeted(c.id(), x.id(), data.now())).toList();
        assertThat(this.<Integer>writeAndGet(r -> r.campaigns().addMembers(first))).isEqualTo(6);
        List<CampaignMember> again = new ArrayList<>(customers.stream()
                .map(x -> CampaignMember.targeted(c.id(), x.id(), data.now().plusSeconds(5))).toList());
        again.add(CampaignMember.targeted(c.id(), customers.get(8).id(), data.now()));
        assertThat(this.<Integer>writeAndGet(r -> r.campaigns().addMembers(again))).isEqualTo(3);
        assertThat(this.<Integer>writeAndGet(r -> r.campaigns().addMembers(List.of(CampaignMember.targeted(other.id(),
                customers.get(0).id(), data.now()))))).isEqualTo(1);

        assertThat(readOne(r -> r.campaigns().findMember(c.id(), customers.get(0).id()))).contains(first.get(0));
        MessageId message = new MessageId(data.uuid());
        CampaignMember sent = first.get(1).moveTo(MemberStatus.SENT, data.now().plusSeconds(60), Optional.of(message),
                Optional.empty());
        write(r -> r.campaigns().updateMember(sent));
        assertThat(readOne(r -> r.campaigns().findMemberByMessage(message))).contains(sent);
        assertThat(readOne(r -> r.campaigns().findMemberByMessage(new MessageId(data.uuid())))).isEmpty();
        assertThatThrownBy(() -> write(r -> r.campaigns().updateMember(sent))).isInstanceOf(ConflictException.class);
        CampaignMember failed = first.get(2).moveTo(MemberStatus.FAILED, data.now(), Optional.empty(), Optional.of("无同意 '"));
        write(r -> r.campaigns().updateMember(failed));
        assertThat(readOne(r -> r.campaigns().findMember(c.id(), customers.get(2).id()))).contains(failed);

        List<CustomerId> byId = customers.stream().map(Customer::id).sorted(Comparator.comparing(CustomerId::value, Uuid7.ORDER))
                .toList();
        for (int limit : PAGE_LIMITS) {
            assertThat(readAllPages(limit, (r, p) -> r.campaigns().members(c.id(), Optional.empty(), p)))
                    .extracting(CampaignMember::customerId).isEqualTo(byId);
            assertThat(readAllPages(limit, (r, p) -> r.campaigns().members(c.id(), Optional.of(MemberStatus.TARGETED), p)))
                    .extracting(CampaignMember::customerId)
                    .isEqualTo(byId.stream().filter(id -> !id.equals(customers.get(1).id()) && !id.equals(customers.get(2).id())).toList());
        }
        assertThat(this.<MemberCounts>read(r -> r.campaigns().countMembers(c.id(), RESPONDED)))
                .isEqualTo(new MemberCounts(9, 7, 1, 0, 1, 0, 0, 0));
        assertThat(this.<MemberCounts>read(r -> r.campaigns().countMembers(other.id(), RESPONDED)))
                .isEqualTo(new MemberCounts(1, 1, 0, 0, 0, 0, 0, 0));
        assertThat(this.<MemberCounts>read(r -> r.campaigns().countMembers(data.campaignId(), RESPONDED)))
                .isEqualTo(new MemberCounts(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void conversionsLastPurchasesAndTouches() {
        Campaign c = data.campaign("x").build();
        insert(c);
        Customer a = customer("a");
        Customer b = customer("b");
        Customer never = customer("never sent");
        Instant sent = data.now();
        Duration window = Duration.ofDays(7);
        write(r -> r.campaigns().addMembers(List.of(CampaignMember.targeted(c.id(), a.id(), sent),
                CampaignMember.targeted(c.id(), b.id(), sent), CampaignMember.targeted(c.id(), never.id(), sent))));
        CampaignMember aSent = readOne(r -> r.campaigns().findMember(c.id(), a.id())).orElseThrow()
                .moveTo(MemberStatus.SENT, sent, Optional.of(new MessageId(data.uuid())), Optional.empty());
        CampaignMember bSent = readOne(r -> r.campaigns().findMember(c.id(), b.id())).orElseThrow()
                .moveTo(MemberStatus.SENT, sent.plusSeconds(3600), Optional.of(new MessageId(data.uuid())), Optional.empty());
        CampaignMember bResponded = bSent.moveTo(MemberStatus.RESPONDED, sent.plusSeconds(7200), Optional.empty(),
                Optional.empty());
        write(r -> {
            r.campaigns().updateMember(aSent);
            r.campaigns().updateMember(bSent);
            r.campaigns().updateMember(bResponded);
            r.purchases().insert(data.purchase(a.id(), "10.50", "CNY").occurredAt(sent.minusSeconds(1)).build()); // before
            r.purchases().insert(data.purchase(a.id(), "20.25", "CNY").occurredAt(sent).build()); // at the send
            r.purchases().insert(data.purchase(a.id(), "5", "USD").occurredAt(sent.plus(window).minusSeconds(1)).build());
            r.purchases().insert(data.purchase(a.id(), "7", "CNY").occurredAt(sent.plus(window)).build()); // window's end
            r.purchases().insert(data.purchase(never.id(), "99", "CNY").occurredAt(sent.plusSeconds(60)).build());
        });
        Opportunity won = data.opportunity(b.id(), "deal", "1000", "CNY", data.today()).sourceCampaign(c.id())
                .move(Pipeline.DEFAULT.won().code(), "u1", sent.plusSeconds(86_400), null).build();
        Opportunity otherCampaign = data.opportunity(b.id(), "deal 2", "500", "CNY", data.today())
                .sourceCampaign(data.campaignId()).move(Pipeline.DEFAULT.won().code(), "u1", sent.plusSeconds(86_400), null)
                .build();
        Opportunity open = data.opportunity(b.id(), "deal 3", "300", "CNY", data.today()).sourceCampaign(c.id()).build();
        write(r -> {
            r.opportunities().insert(won);
            r.opportunities().insert(otherCampaign);
            r.opportunities().insert(open);
        });

        List<MemberConversion> conversions = readList(r -> r.campaigns().conversions(c.id(), window, RESPONDED));
        assertThat(conversions).extracting(x -> x.customerId().equals(a.id()) ? "a" : "b", x -> x.amount().toPlainString(),
                        x -> x.currency().getCurrencyCode(), MemberConversion::responded)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "20.25", "CNY", false),
                        org.assertj.core.groups.Tuple.tuple("a", "5", "USD", false),
                        org.assertj.core.groups.Tuple.tuple("b", "1000", "CNY", true));

        Map<CustomerId, Instant> last = read(r -> r.campaigns().lastPurchases(List.of(a.id(), b.id(), never.id())));
        assertThat(last).containsOnly(Map.entry(a.id(), sent.plus(window)), Map.entry(never.id(), sent.plusSeconds(60)));

        assertThat(readList(r -> r.campaigns().touches(List.of(a.id(), b.id(), never.id()), sent, sent.plusSeconds(3600))))
                .containsExactly(new CampaignTouch(c.id(), a.id(), sent));
        assertThat(readList(r -> r.campaigns().touches(List.of(a.id(), b.id()), sent, sent.plusSeconds(3601))))
                .containsExactlyInAnyOrder(new CampaignTouch(c.id(), a.id(), sent), new CampaignTouch(c.id(), b.id(),
                        sent.plusSeconds(3600)));
    }
}
