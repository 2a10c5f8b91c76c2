package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.memory.InMemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SMS to a fixed line is refused before it is queued, as an opted-out customer's is; calls may go there. */
class SmsToFixedLineTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z");
    private final FakeChannel sms = new FakeChannel(ChannelKind.SMS);
    private final FakeChannel voice = new FakeChannel(ChannelKind.VOICE);
    private final Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms).channel(voice).build()).build();

    @AfterEach
    void close() {
        crm.close();
    }

    private Interaction interaction(MessageResult r) {
        return crm.interactions().get(r.interactionId()).orElseThrow();
    }

    @Test
    void anSmsToTheCustomersFixedLineIsRefusedWithTheReasonRecorded() {
        Customer office = crm.customers().create(NewCustomer.organization("华东机械").phone("010-6552 9988"));
        MessageResult r = crm.messaging().send(MessageRequest.sms(office.id()).text("您的订单已发货"));

        assertThat(r.refused()).isTrue();
        assertThat(r.reason()).contains("+861065529988 is a fixed line, which cannot receive SMS");
        Interaction refused = interaction(r);
        assertThat(refused.deliveryStatus()).contains(DeliveryStatus.REFUSED);
        assertThat(refused.outcome()).contains("refused: +861065529988 is a fixed line, which cannot receive SMS");
        assertThat(crm.messaging().get(r.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.REFUSED);
        assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.messaging().dispatchPending()).isZero();
        assertThat(sms.attempts).isEmpty();
    }

    @Test
    void anSmsToAnExplicitFixedLineIsRefusedToo() {
        Customer zhang = crm.customers().create(NewCustomer.person("张伟").phone("13800138000"));
        MessageResult r = crm.messaging().send(MessageRequest.sms(zhang.id()).to("+86 21 5888 1234").text("验证码 4711"));

        assertThat(r.refused()).isTrue();
        assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("+862158881234", "fixed line"));
        crm.messaging().dispatchPending();
        assertThat(sms.attempts).isEmpty();
    }

    @Test
    void mobilesAndNumbersThatMayBeMobilesGetTheirSms() {
        Customer zhang = crm.customers().create(NewCustomer.person("张伟").phone("13800138000"));
        Customer alice = crm.customers().create(NewCustomer.person("Alice").phone("+1 415 555 0132")); // US: fixed or mobile

        assertThat(crm.messaging().send(MessageRequest.sms(zhang.id()).text("您好")).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(crm.messaging().send(MessageRequest.sms(alice.id()).text("Hi")).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(crm.messaging().dispatchPending()).isEqualTo(2);
        assertThat(sms.delivered).extracting(OutboundMessage::to).containsExactly("+8613800138000", "+14155550132");
    }

    @Test
    void aVoiceCallMayGoToAFixedLine() {
        Customer office = crm.customers().create(NewCustomer.organization("华东机械").phone("(021) 5888 1234"));
        MessageResult r = crm.messaging().send(MessageRequest.voice(office.id()).script("您好，您预约的服务明天上午九点上门。"));

        assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
        crm.messaging().dispatchPending();
        assertThat(voice.delivered).extracting(OutboundMessage::to).containsExactly("+862158881234");
    }
}
