package io.crmkit.core.messaging;

import java.util.Objects;

/** A transport's proof that it handed the message over: the provider's id for it (SMTP Message-ID, gateway SID). */
public record DeliveryReceipt(String providerMessageId) {
    public DeliveryReceipt {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
