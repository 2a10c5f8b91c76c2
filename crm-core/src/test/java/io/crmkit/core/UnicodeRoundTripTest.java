package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskComment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chinese and emoji text comes back exactly as it went in, in every text field. */
class UnicodeRoundTripTest {
    /** Simplified and traditional Chinese, a supplementary-plane ideograph, ZWJ and flag emoji, a combining accent. */
    private static final String NAME = "张三·張三 𠮷野家 👨‍👩‍👧‍👦 🇨🇳 Zoë";
    private static final String TEXT = "客户说:「发票抬头写错了」😤\n请尽快处理 🙏🏽\t—— 李四\n𠀀𪚥 e\u0301";

    private final Crm crm = TestCrm.create();

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void everyTextFieldRoundTrips() {
        CrmServices as = crm.as(Actor.user("李四"));
        Customer c = as.customers().create(NewCustomer.person(NAME)
                .email("张三@例子.公司")
                .address(PostalAddress.of("浦东新区世纪大道100号 🏢", "上海", "200120", "CN"))
                .tag("重要客户", "🔥hot")
                .attribute("备注", TEXT)
                .attribute("昵称", "小张 😀")
                .jobTitle("总经理 👔")
                .department(DepartmentRef.of("华东销售部"))
                .owner(UserRef.of("李四")));
        Interaction call = as.interactions().log(c.id(), Interaction.call(Direction.INBOUND)
                .subject("回访 📞").notes(TEXT).outcome("已解决 ✅"));
        Requirement need = as.requirements().create(NewRequirement.of(c.id(), "开具发票 🧾").description(TEXT));
        Requirement started = as.requirements().start(need.id(), TEXT);
        Task task = as.tasks().create(NewTask.titled("准备报价单 📄").description(TEXT).assignTo(Assignee.department(DepartmentRef.of("财务部"))));
        as.tasks().comment(task.id(), TEXT);
        SurveyResponse survey = as.surveys().record(NewSurveyResponse.csat(c.id(), 5).comment(TEXT).touchpoint("售后回访 🎧"));
        Purchase purchase = as.purchases().record(NewPurchase.of(c.id(), BigDecimal.ONE, "CNY").product("电饭煲 🍚")
                .externalId("订单-𠮷-1"));

        Customer read = crm.customers().require(c.id());
        assertThat(read.displayName()).isEqualTo(NAME);
        assertThat(read.emails().get(0).value()).isEqualTo("张三@例子.公司");
        assertThat(read.addresses().get(0).street()).isEqualTo("浦东新区世纪大道100号 🏢");
        assertThat(read.tags()).containsExactly("重要客户", "🔥hot");
        assertThat(read.attribute("备注")).contains(AttributeValue.of(TEXT));
        assertThat(read.attribute("昵称")).contains(AttributeValue.of("小张 😀"));
        assertThat(read.jobTitle()).contains("总经理 👔");
        assertThat(read.department()).contains(DepartmentRef.of("华东销售部"));
        assertThat(read.owner()).contains(UserRef.of("李四"));

        Interaction readCall = crm.interactions().get(call.id()).orElseThrow();
        assertThat(readCall.subject()).contains("回访 📞");
        assertThat(readCall.notes()).contains(TEXT);
        assertThat(readCall.outcome()).contains("已解决 ✅");
        assertThat(readCall.author()).isEqualTo(UserRef.of("李四"));

        Requirement readNeed = crm.requirements().get(need.id()).orElseThrow();
        assertThat(readNeed).isEqualTo(started);
        assertThat(readNeed.title()).isEqualTo("开具发票 🧾");
        assertThat(readNeed.description()).contains(TEXT);
        assertThat(readNeed.history().get(0).comment()).contains(TEXT);
        assertThat(readNeed.createdBy()).isEqualTo(UserRef.of("李四"));

        Task readTask = crm.tasks().get(task.id()).orElseThrow();
        assertThat(readTask.title()).isEqualTo("准备报价单 📄");
        assertThat(readTask.description()).contains(TEXT);
        assertThat(readTask.comments()).extracting(TaskComment::text).containsExactly(TEXT);
        assertThat(crm.tasks().assignedToDepartment(DepartmentRef.of("财务部"), PageRequest.first(10)).items()).containsExactly(readTask);

        assertThat(crm.surveys().get(survey.id()).orElseThrow().comment()).contains(TEXT);
        assertThat(crm.surveys().get(survey.id()).orElseThrow().touchpoint()).contains("售后回访 🎧");
        assertThat(crm.purchases().findByExternalId("订单-𠮷-1")).contains(purchase);
        assertThat(purchase.product()).contains("电饭煲 🍚");

        assertThat(crm.customers().search(CustomerQuery.all().nameContains("𠮷野家"), PageRequest.first(10)).items())
                .containsExactly(read);
        assertThat(crm.customers().search(CustomerQuery.all().tag("🔥HOT"), PageRequest.first(10)).items())
                .containsExactly(read);
    }

    /** Random strings of Chinese, emoji and other planes survive as display names and notes. */
    @Test
    void randomUnicodeTextRoundTrips() {
        Random random = new Random(8_8_8L);
        int[][] ranges = {{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}, {0x1F300, 0x1F6FF}, {0x1F900, 0x1F9FF},
                {0x0041, 0x007A}, {0x00C0, 0x024F}, {0x0400, 0x04FF}, {0x3040, 0x30FF}, {0xAC00, 0xD7A3}};
        for (int n = 0; n < 100; n++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                int[] range = ranges[random.nextInt(ranges.length)];
                s.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
            String text = s.toString();
            Customer c = crm.customers().create(NewCustomer.person(text));
            Interaction i = crm.interactions().log(c.id(), Interaction.chat(Direction.INBOUND).notes(text));
            assertThat(crm.customers().require(c.id()).displayName()).isEqualTo(text);
            assertThat(crm.interactions().get(i.id()).orElseThrow().notes()).contains(text);
        }
        List<Customer> all = Pages.all(p -> crm.customers().search(CustomerQuery.all(), p), 7);
        assertThat(all).hasSize(100);
    }
}
