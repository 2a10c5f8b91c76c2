package io.crmkit.examples;

import io.crmkit.analytics.feedback.FeedbackTopics;
import io.crmkit.analytics.report.AnalyticsReport;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Priority;
import io.crmkit.jdbc.JdbcStorage;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The main demo: a small trading company's CRM day. It creates customers, logs calls and visits,
 * tracks a customer need through its workflow, hands tasks from sales to finance, records survey
 * answers and purchases, and prints a summary.
 */
public final class Demo {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Demo() {
    }

    /** Runs on an embedded H2 database in {@code data/crm-demo}, or in the directory given as the first argument. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        run(Path.of(args.length > 0 ? args[0] : "data/crm-demo"), out);
    }

    /**
     * What one run left behind: the HTML report (the .txt and .csv are beside it) and how many emails and
     * SMS the local servers received.
     */
    record Result(Path report, int emailsReceived, int smsReceived) {
    }

    /** Runs the demo on an embedded H2 database in {@code dataDir}, printing the summary to {@code out}. */
    static Result run(Path dataDir, PrintStream out) {
        Path dir = dataDir.toAbsolutePath();
        try (LocalMessagingServers servers = new LocalMessagingServers();
             Crm crm = Crm.builder().storage(JdbcStorage.embedded(dir)).messaging(MessagingSettings.builder()
                     .channel(servers.emailChannel()).channel(servers.smsChannel()).build()).build()) {
            businessDay(crm, out);
            serviceSalesAndMarketing(out);
            Path report = AnalyticsReport.builder(crm).title("华东精密 · 客户满意度与价值")
                    .zone(ZoneId.of("Asia/Shanghai")).currency(Currency.getInstance("CNY"))
                    .topics(FeedbackTopics.builder().zone(ZoneId.of("Asia/Shanghai")).build()).build()
                    .writeTo(dir.resolve("report"), "crm-report");
            Result result = new Result(report, servers.receivedEmails().length, servers.receivedSms().size());
            out.printf("%nSatisfaction and customer-value report: %s (and .txt, .csv beside it)%n", report);
            out.printf("The local SMTP server on port %d received %d email(s); the local SMS sink at %s received %d SMS.%n",
                    servers.smtpPort(), result.emailsReceived(), servers.smsUrl(), result.smsReceived());
            out.printf("Data is kept in %s; run the demo again to see it grow.%n", dir);
            return result;
        }
    }

    /**
     * Service levels, the forecast and a campaign need time to pass: they are replayed in memory on a clock of their
     * own ({@link ServiceDeskExample}, {@link CampaignExample}).
     */
    private static void serviceSalesAndMarketing(PrintStream out) {
        out.printf("%nService, sales and marketing (a fortnight replayed in memory on China's 2026 calendar)%n");
        ServiceDeskExample.ReplayClock clock = new ServiceDeskExample.ReplayClock("2026-02-13T17:30");
        try (Crm desk = ServiceDeskExample.crm(InMemoryStorage.create(), clock)) {
            ServiceDeskExample.run(desk, clock).forEach(line -> out.println("  " + line));
        }
        List<String> campaign = new java.util.ArrayList<>();
        try (Crm shop = Crm.builder().storage(InMemoryStorage.create())
                .clock(java.time.Clock.fixed(CampaignExample.NOW, ZoneOffset.UTC))
                .messaging(MessagingSettings.builder().channel(CampaignExample.printingGateway(campaign)).build()).build()) {
            CampaignExample.run(shop, campaign).forEach(line -> out.println("  campaign: " + line));
        }
    }

    private static void businessDay(Crm crm, PrintStream out) {
        Actor wang = Actor.user("wang.fang").inDepartments("sales");
        Actor chen = Actor.user("chen.jie").inDepartments("finance");
        CrmServices sales = crm.as(wang);
        CrmServices finance = crm.as(chen);

        // Customers are linked to the ERP's records, so a second run finds them instead of creating them again.
        Customer acme = findOrCreate(sales, "C-10086", () -> NewCustomer.organization("华东精密机械有限公司")
                .email("purchasing@huadong-jm.cn").phone("021 6888 1234").tag("制造业", "key-account")
                .stage(LifecycleStage.CUSTOMER).owner(UserRef.of("wang.fang")).department(DepartmentRef.of("sales")));
        Customer zhang = findOrCreate(sales, "C-10087", () -> NewCustomer.person("张伟")
                .email("Zhang.Wei@Huadong-JM.cn").phone("138 0013 8000").organization(acme.id()).jobTitle("采购经理")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "signed contract").attribute("生日", LocalDate.of(1985, 3, 12)));
        Customer emma = findOrCreate(sales, "C-20001", () -> NewCustomer.person("Emma Schmidt 👩‍💼")
                .email("emma@example.de").phone("+49 30 901820").tag("trade-fair-2026").stage(LifecycleStage.PROSPECT));

        Interaction call = sales.interactions().log(zhang.id(), Interaction.call(Direction.OUTBOUND)
                .subject("季度回访").notes("客户反映上批轴承交货晚了三天，希望下次能按期；另外需要开具增值税专用发票。")
                .duration(Duration.ofMinutes(12)).outcome("需跟进发票"));
        sales.interactions().log(zhang.id(), Interaction.visit(Direction.OUTBOUND).subject("现场拜访，演示新型号")
                .outcome("客户有兴趣试用"));
        sales.interactions().log(emma.id(), Interaction.email(Direction.INBOUND).subject("Price list request")
                .notes("Asked for the 2027 price list in EUR."));

        Requirement invoice = sales.requirements().create(NewRequirement.of(zhang.id(), "开具增值税专用发票")
                .description("上批订单 SO-2026-118 需要专票").discoveredIn(call.id()).priority(Priority.HIGH)
                .assignee(UserRef.of("chen.jie")).due(LocalDate.now(crm.clock()).plusDays(3)));
        finance.requirements().start(invoice.id(), "已联系客户确认开票信息");
        finance.requirements().resolve(invoice.id(), "发票已寄出，快递单号 SF1234567890");
        invoice = sales.requirements().close(invoice.id(), "客户确认收到");

        Task quote = sales.tasks().create(NewTask.titled("准备 2027 年报价单").about(emma.id())
                .assignTo(Assignee.userInDepartment(UserRef.of("wang.fang"), DepartmentRef.of("sales"))).due(LocalDate.now(crm.clock()).plusDays(5)));
        sales.tasks().progress(quote.id(), 60);
        sales.tasks().assign(quote.id(), Assignee.department(DepartmentRef.of("finance")), "请财务核对欧元汇率与付款条件");
        finance.tasks().comment(quote.id(), "汇率按 7.85 计算，付款条件 30 天");
        quote = finance.tasks().transition(quote.id(), TaskStatus.DONE, "报价单已发出");

        sales.surveys().record(NewSurveyResponse.csat(zhang.id(), 4).comment("服务不错，发票处理很快").touchpoint("售后回访"));
        recordSurveyHistory(sales, List.of(acme, zhang, emma), crm.clock().instant());
        importOrderHistory(sales, List.of(acme, zhang, emma), crm.clock().instant());
        sales.surveys().record(NewSurveyResponse.nps(zhang.id(), 9).touchpoint("季度回访"));
        sales.surveys().record(NewSurveyResponse.nps(emma.id(), 6).comment("Delivery was late.").touchpoint("trade fair"));

        sales.purchases().record(NewPurchase.of(acme.id(), new BigDecimal("128000.00"), "CNY").product("轴承 6205 ×2000").externalId("SO-2026-118"));
        // an order number per run, so that each run adds one purchase
        String run = Long.toString(crm.clock().millis());
        sales.purchases().record(NewPurchase.of(emma.id(), new BigDecimal("980.00"), "EUR").product("sample kit").externalId("WEB-" + run));
        sales.purchases().record(NewPurchase.of(acme.id(), new BigDecimal("56400.50"), "CNY").product("轴承 6308 ×600").externalId("SO-2026-131"));
        sales.purchases().record(NewPurchase.of(acme.id(), new BigDecimal("128000.00"), "CNY").externalId("SO-2026-118")); // re-import: stored once

        // Messages go through the outbox: queued with the timeline entry, then sent by the dispatcher.
        sales.messaging().send(MessageRequest.email(zhang.id()).subject("发票已寄出 - SO-2026-118")
                .text("张经理您好，专用发票已寄出，快递单号 SF1234567890。").html("<p>张经理您好，专用发票已寄出，快递单号 <b>SF1234567890</b>。</p>"));
        sales.messaging().send(MessageRequest.sms(zhang.id())
                .template(MessageTemplate.text("{{name}}您好，您的订单 {{order}} 已发货。")).variable("order", "SO-2026-131"));
        crm.messaging().dispatchPending();

        printSummary(crm, out, zhang, invoice, quote);
    }

    /** Half a year of survey answers, slowly improving, so that the report has trends to show. */
    private static void recordSurveyHistory(CrmServices crm, List<Customer> customers, Instant now) {
        Random random = new Random(2026);
        for (int day = 180; day > 0; day -= 3) {
            Customer c = customers.get(random.nextInt(customers.size()));
            Instant at = now.minus(Duration.ofDays(day));
            double lift = (180 - day) / 180.0;
            int csat = Math.min(5, Math.max(1, (int) Math.round(3.2 + 1.2 * lift + random.nextGaussian() * 0.8)));
            int nps = Math.min(10, Math.max(0, (int) Math.round(6.5 + 2.0 * lift + random.nextGaussian() * 1.8)));
            crm.surveys().record(NewSurveyResponse.csat(c.id(), csat).touchpoint("售后回访").respondedAt(at));
            crm.surveys().record(NewSurveyResponse.nps(c.id(), nps).touchpoint("季度回访").respondedAt(at));
        }
    }

    /** Orders from the ERP; their order numbers make a second import a no-op. */
    private static void importOrderHistory(CrmServices crm, List<Customer> customers, Instant now) {
        Random random = new Random(7);
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(360));
        List<NewPurchase> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Customer c = customers.get(i % 5 == 0 ? 2 : i % 3 == 0 ? 1 : 0);
            BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(20_000)).setScale(2);
            orders.add(NewPurchase.of(c.id(), amount, "CNY").occurredAt(start.plus(Duration.ofDays(i * 9L)))
                    .externalId("ERP-2026-" + (1000 + i)).product("轴承"));
        }
        crm.purchases().importAll(orders.stream(), ImportOptions.insertOnly());
    }

    private static Customer findOrCreate(CrmServices crm, String erpId, Supplier<NewCustomer> create) {
        return crm.customers().findByExternalRef("erp", erpId)
                .orElseGet(() -> crm.customers().create(create.get().externalRef("erp", erpId)));
    }

    private static void printSummary(Crm crm, PrintStream out, Customer zhang, Requirement invoice, Task quote) {
        out.println("crmkit demo");
        out.println("===========");
        Page<Customer> customers = crm.customers().search(CustomerQuery.all(), PageRequest.first(100));
        out.printf("%nCustomers (%d)%n", customers.size());
        for (Customer c : customers.items()) {
            out.printf("  %s %-12s %-9s %s%n", Text.pad(c.displayName(), 28), c.kind(), c.stage(),
                    c.primaryPhone().map(Object::toString).orElse("-"));
        }
        Page<Interaction> timeline = crm.interactions().timeline(zhang.id(), TimelineQuery.all(), PageRequest.first(6));
        out.printf("%nTimeline of %s (newest %d)%n", zhang.displayName(), timeline.size());
        for (Interaction i : timeline.items()) {
            out.printf("  %s  %-6s %-8s %s (by %s)%s%n", TIME.format(i.occurredAt()), i.channel(), i.direction(),
                    i.subject().orElse(""), i.author(), i.deliveryStatus().map(s -> " [" + s + " "
                            + i.providerMessageId().orElse("") + "]").orElse(""));
        }
        out.printf("%nNeed \"%s\": %s%n", invoice.title(), invoice.status());
        invoice.history().forEach(h -> out.printf("  %s -> %s by %s: %s%n", h.from(), h.to(), h.actor(), h.comment().orElse("")));
        out.printf("%nTask \"%s\": %s, %d%% done, now with %s%n", quote.title(), quote.status(), quote.progress(),
                quote.assignee().flatMap(Assignee::department).map(DepartmentRef::id).orElse("-"));
        quote.assignments().forEach(a -> out.printf("  assigned to %s/%s by %s%n", a.to().department().map(DepartmentRef::id).orElse("-"),
                a.to().user().map(UserRef::id).orElse("-"), a.by()));
        List<SurveyResponse> answers = crm.surveys().search(SurveyQuery.all(), PageRequest.first(1000)).items();
        out.printf("%nSurvey answers: %d; those with a comment:%n", answers.size());
        answers.stream().filter(r -> r.comment().isPresent()).limit(6)
                .forEach(r -> out.printf("  %-4s %2d  %s%n", r.kind(), r.score(), r.comment().get()));
        List<Purchase> purchases = crm.purchases().search(PurchaseQuery.all(), PageRequest.first(1000)).items();
        out.printf("%nPurchases: %d (ERP orders imported again on every run are stored once)%n", purchases.size());
        purchases.stream().collect(java.util.stream.Collectors.groupingBy(p -> p.currency().getCurrencyCode(),
                        java.util.TreeMap::new, java.util.stream.Collectors.reducing(BigDecimal.ZERO, Purchase::amount, BigDecimal::add)))
                .forEach((currency, sum) -> out.printf("  %s %s%n", currency, sum.toPlainString()));
    }
}
