package io.crmkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.UserRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CursorTest {
    private static final UUID ID = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void everyKeyRoundTripsThroughItsText() {
        Random random = new Random(20250310L);
        for (int i = 0; i < 500; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            Instant at = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
            LocalDate date = random.nextBoolean() ? null : LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
            assertThat(Cursor.idKey(new Cursor.IdKey(id).encode())).isEqualTo(new Cursor.IdKey(id));
            assertThat(Cursor.timeKey(new Cursor.TimeKey(at, id).encode())).isEqualTo(new Cursor.TimeKey(at, id));
            assertThat(Cursor.dateKey(new Cursor.DateKey(date, id).encode())).isEqualTo(new Cursor.DateKey(date, id));
        }
    }

    @Test
    void theTextIsUrlSafeBase64WithoutPaddingAndStable() {
        String text = new Cursor.TimeKey(Instant.parse("2025-03-10T08:00:00.123456Z"), ID).encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        // cursors handed out before this codec was shared keep working: the JDBC storage wrote this form
        assertThat(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8))
                .isEqualTo("t|2025-03-10T08:00:00.123456Z|" + ID);
        assertThat(new String(Base64.getUrlDecoder().decode(new Cursor.DateKey(null, ID).encode()),
                StandardCharsets.UTF_8)).isEqualTo("d|-|" + ID);
        assertThat(new String(Base64.getUrlDecoder().decode(new Cursor.IdKey(ID).encode()),
                StandardCharsets.UTF_8)).isEqualTo("i|" + ID);
    }

    @Test
    void aCursorOfAnotherKindOrGarbageIsAValidationErrorNamingTheCursor() {
        String id = new Cursor.IdKey(ID).encode();
        String time = new Cursor.TimeKey(Instant.EPOCH, ID).encode();
        String date = new Cursor.DateKey(LocalDate.EPOCH, ID).encode();
        List<String> bad = List.of("", "nonsense!", "%%%", "x".repeat(Cursor.MAX_LENGTH + 1), time, date,
                enc("i|not-a-uuid"), enc("i|" + ID + "|extra"), enc("i|1-2-3-4-5"), enc("t|yesterday|" + ID),
                enc("d|2025-13-01|" + ID), enc("i"), id.substring(0, id.length() - 3));
        for (String cursor : bad) {
            assertInvalid(() -> Cursor.idKey(cursor));
        }
        assertInvalid(() -> Cursor.timeKey(id));
        assertInvalid(() -> Cursor.timeKey(date));
        assertInvalid(() -> Cursor.dateKey(time));
        assertInvalid(() -> Cursor.dateKey(enc("d||" + ID)));
    }

    private static void assertInvalid(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.hasViolation("cursor")).isTrue());
    }

    private static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pageKeepsTheLimitAndPointsAtTheLastItemKept() {
        Function<Integer, Cursor> key = n -> new Cursor.IdKey(new UUID(0, n));
        assertThat(Cursor.page(List.of(1, 2, 3), 3, key)).isEqualTo(Page.last(List.of(1, 2, 3)));
        Page<Integer> cut = Cursor.page(List.of(1, 2, 3, 4), 3, key);
        assertThat(cut.items()).containsExactly(1, 2, 3);
        assertThat(cut.nextCursor().map(Cursor::idKey)).contains(new Cursor.IdKey(new UUID(0, 3)));
    }

    @Test
    void theInMemoryStorageHandsOutThisCodecsCursors() {
        try (InMemoryStorage storage = InMemoryStorage.create()) {
            CustomerId customer = new CustomerId(ID);
            Instant t = Instant.parse("2025-03-10T08:00:00Z");
            List<Interaction> logged = List.of(interaction(customer, t), interaction(customer, t.plusSeconds(60)),
                    interaction(customer, t.plusSeconds(120)));
            storage.inTransaction(r -> {
                logged.forEach(r.interactions()::insert);
                return null;
            });
            Page<Interaction> first = storage.read(r -> r.interactions().timeline(customer, TimelineQuery.all(),
                    PageRequest.first(2)));
            Interaction last = first.items().get(1);
            assertThat(last).isEqualTo(logged.get(1));
            assertThat(first.nextCursor().map(Cursor::timeKey))
                    .contains(new Cursor.TimeKey(last.occurredAt(), last.id().value()));
            String handMade = new Cursor.TimeKey(last.occurredAt(), last.id().value()).encode();
            assertThat(storage.read(r -> r.interactions().timeline(customer, TimelineQuery.all(),
                    PageRequest.after(handMade, 2))).items()).containsExactly(logged.get(0));
            assertThatThrownBy(() -> storage.read(r -> r.interactions().timeline(customer, TimelineQuery.all(),
                    PageRequest.after(new Cursor.IdKey(ID).encode(), 2))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("cursor")).isTrue());
        }
    }

    private static Interaction interaction(CustomerId customer, Instant at) {
        return new Interaction(new InteractionId(UUID.randomUUID()), customer, InteractionChannel.CALL, Direction.OUTBOUND,
                Optional.empty(), Optional.empty(), at, Optional.empty(), UserRef.of("tester"), Optional.empty(), List.of(), at);
    }
}
