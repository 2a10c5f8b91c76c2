package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @Test
    void sendsAnEmailAndAnSmsToTheLocalServersAndPrintsThemSent(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Result result = Demo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(result.emailsReceived()).isEqualTo(1);
        assertThat(result.smsReceived()).isEqualTo(1);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("first response BREACHED, now URGENT with 二线支持",
                "quarter 2026-04-01: forecast 806400, committed 1280000, won 1280000",
                "campaign: responded 1, converted 1");
        assertThat(printed).contains("crmkit demo", "Customers (3)", "Timeline of 张伟",
                "received 1 email(s)", "received 1 SMS.");
        assertThat(printed).containsPattern("EMAIL .*\\[SENT \\S+]").containsPattern("SMS .*\\[SENT sink-\\S+]");

        try (Crm crm = openDemoDatabase(dir)) {
            List<Interaction> messages = timeline(crm, zhang(crm)).stream()
                    .filter(i -> i.channel() == InteractionChannel.EMAIL || i.channel() == InteractionChannel.SMS).toList();
            assertThat(messages).extracting(Interaction::channel)
                    .containsExactlyInAnyOrder(InteractionChannel.EMAIL, InteractionChannel.SMS);
            assertThat(messages).allSatisfy(m -> {
                assertThat(m.deliveryStatus()).get().isIn(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
                assertThat(m.providerMessageId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            });
        }
    }

    @Test
    void writesTheReportIntoTheDataDirectory(@TempDir Path dir) throws Exception {
        Demo.Result result = Demo.run(dir, quiet());

        Path reports = dir.resolve("report");
        assertThat(result.report()).isEqualTo(reports.resolve("crm-report.html"));
        for (String name : List.of("crm-report.html", "crm-report.txt", "crm-report.csv")) {
            assertThat(reports.resolve(name)).isRegularFile();
            assertThat(Files.size(reports.resolve(name))).as(name).isPositive();
        }
    }

    @Test
    void aSecondRunKeepsTheFirstRunsDataAndTheTimelineGrows(@TempDir Path dir) {
        Demo.run(dir, quiet());
        List<Customer> customersAfterFirst;
        List<Interaction> timelineAfterFirst;
        try (Crm crm = openDemoDatabase(dir)) {
            customersAfterFirst = customers(crm);
            timelineAfterFirst = timeline(crm, zhang(crm));
        }

        Demo.Result second = Demo.run(dir, quiet());

        assertThat(second.emailsReceived()).isEqualTo(1);
        assertThat(second.smsReceived()).isEqualTo(1);
        try (Crm crm = openDemoDatabase(dir)) {
            assertThat(customers(crm)).extracting(Customer::id)
                    .containsExactlyInAnyOrderElementsOf(customersAfterFirst.stream().map(Customer::id).toList());
            List<Interaction> timeline = timeline(crm, zhang(crm));
            assertThat(timeline.size()).isGreaterThan(timelineAfterFirst.size());
            assertThat(timeline).extracting(Interaction::id)
                    .containsAll(timelineAfterFirst.stream().map(Interaction::id).toList());
            List<Interaction> messages = timeline.stream()
                    .filter(i -> i.channel() == InteractionChannel.EMAIL || i.channel() == InteractionChannel.SMS).toList();
            assertThat(messages).hasSize(4).allSatisfy(m -> {
                assertThat(m.deliveryStatus()).get().isIn(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
                assertThat(m.providerMessageId()).isPresent();
            });
            // ids unique across runs, so a delivery report reaches the message it is about
            assertThat(messages).extracting(m -> m.providerMessageId().orElseThrow()).doesNotHaveDuplicates();
        }
    }

    private static Crm openDemoDatabase(Path dir) {
        return Crm.builder().storage(JdbcStorage.embedded(dir.toAbsolutePath())).build();
    }

    private static Customer zhang(Crm crm) {
        Optional<Customer> zhang = crm.customers().findByExternalRef("erp", "C-10087");
        assertThat(zhang).isPresent();
        return zhang.get();
    }

    private static List<Customer> customers(Crm crm) {
        Page<Customer> page = crm.customers().search(CustomerQuery.all(), PageRequest.first(100));
        assertThat(page.hasNext()).isFalse();
        return page.items();
    }

    private static List<Interaction> timeline(Crm crm, Customer customer) {
        List<Interaction> all = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(100));
        while (request.isPresent()) {
            Page<Interaction> page = crm.interactions().timeline(customer.id(), TimelineQuery.all(), request.get());
            all.addAll(page.items());
            request = request.get().next(page);
        }
        return all;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
