/**
 * Transports for crmkit messaging: {@link io.crmkit.messaging.SmtpEmailChannel} sends email over SMTP,
 * {@link io.crmkit.messaging.HttpSmsChannel} and {@link io.crmkit.messaging.HttpVoiceChannel} send SMS and
 * place voice calls through HTTP gateways (a generic JSON gateway or Twilio's API). Register them on
 * {@code MessagingSettings.builder().channel(...)}; the messaging service and its dispatcher decide what to send, retry
 * what is {@linkplain io.crmkit.core.DeliveryException#isRetryable() retryable}, and record the results.
 *
 * <p>Every channel is built by a fail-fast builder, is thread-safe and reuses its connections: the SMTP
 * channel one connection until {@code close()}, the HTTP channels one OkHttp pool (the host's, or one shared
 * by all channels built without a host client, whose idle connections close by themselves). All have
 * finite timeouts, and keeps passwords, tokens and API keys out of
 * {@code toString()}, logs and exception messages.
 */
@NullMarked
package io.crmkit.messaging;

import org.jspecify.annotations.NullMarked;
