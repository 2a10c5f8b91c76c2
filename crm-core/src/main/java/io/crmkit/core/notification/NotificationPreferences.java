package io.crmkit.core.notification;

import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.security.UserRef;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one user wants their notices pushed, beyond the inbox: per {@link NoticeKind}, the {@link PushChannel}s, and the
 * addresses to push to. crmkit keeps no user directory, so the host passes the user's email address and mobile number
 * here (and their time zone, for the quiet hours of SMS). Immutable; the {@code with} methods return a changed copy.
 *
 * <pre>{@code
 * crm.as(actor).notifications().savePreferences(NotificationPreferences.none(actor.user())
 *         .withEmail(EmailAddress.of("li@example.com")).withPhone(PhoneNumber.parse("138 0013 8000", "CN"))
 *         .withPush(NoticeKind.TASK_ASSIGNED, PushChannel.EMAIL, PushChannel.SMS)
 *         .withPush(NoticeKind.MENTIONED, PushChannel.WEBHOOK));
 * }</pre>
 *
 * @param zone the user's time zone for quiet hours; the messaging default zone when empty
 * @param push the channels per kind; a kind not listed is not pushed
 */
public record NotificationPreferences(UserRef user, Optional<EmailAddress> email, Optional<PhoneNumber> phone,
                                      Optional<ZoneId> zone, Map<NoticeKind, Set<PushChannel>> push) {
    public NotificationPreferences {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(zone, "zone");
        EnumMap<NoticeKind, Set<PushChannel>> copy = new EnumMap<>(NoticeKind.class);
        push.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(Objects.requireNonNull(k, "kind"), Set.copyOf(EnumSet.copyOf(v)));
            }
        });
        push = java.util.Collections.unmodifiableMap(copy);
    }

    /** Nothing pushed, no addresses: what a user without saved preferences has. */
    public static NotificationPreferences none(UserRef user) {
        return new NotificationPreferences(user, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    public NotificationPreferences withEmail(EmailAddress email) {
        return new NotificationPreferences(user, Optional.of(email), phone, zone, push);
    }

    public NotificationPreferences withPhone(PhoneNumber phone) {
        return new NotificationPreferences(user, email, Optional.of(phone), zone, push);
    }

    public NotificationPreferences withZone(ZoneId zone) {
        return new NotificationPreferences(user, email, phone, Optional.of(zone), push);
    }

    /** The same preferences pushing notices of {@code kind} through exactly {@code channels} (none: not pushed). */
    public NotificationPreferences withPush(NoticeKind kind, PushChannel... channels) {
        EnumMap<NoticeKind, Set<PushChannel>> changed = new EnumMap<>(NoticeKind.class);
        changed.putAll(push);
        changed.put(Objects.requireNonNull(kind, "kind"), channels.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(channels)));
        return new NotificationPreferences(user, email, phone, zone, changed);
    }

    /** The channels notices of {@code kind} are pushed through; empty if none. */
    public Set<PushChannel> channels(NoticeKind kind) {
        return push.getOrDefault(kind, Set.of());
    }
}
