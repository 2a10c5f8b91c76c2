package io.crmkit.core;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {
    private final Crm crm = TestCrm.create();

    @AfterEach
    void close() {
        crm.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE})
    void limitsOutside1To1000AreRejected(int limit) {
        assertThat(violationsOf(() -> PageRequest.first(limit))).containsExactly("limit:range");
        assertThat(violationsOf(() -> PageRequest.after("x", limit))).containsExactly("limit:range");
    }

    @Test
    void limits1And1000AreAccepted() {
        assertThat(PageRequest.first(1).limit()).isEqualTo(1);
        assertThat(PageRequest.first(PageRequest.MAX_LIMIT).limit()).isEqualTo(1000);
        assertThat(new PageRequest(5, null).cursor()).isEmpty();
    }

    @Test
    void nextFollowsTheCursorAndEndsOnTheLastPage() {
        for (int i = 0; i < 3; i++) {
            crm.customers().create(NewCustomer.person("客户" + i));
        }
        PageRequest request = PageRequest.first(2);
        Page<?> page = crm.customers().search(CustomerQuery.all(), request);
        assertThat(page.hasNext()).isTrue();
        PageRequest next = request.next(page).orElseThrow();
        assertThat(next.limit()).isEqualTo(2);
        assertThat(next.cursor()).isEqualTo(page.nextCursor());
        Page<?> last = crm.customers().search(CustomerQuery.all(), next);
        assertThat(last.size()).isEqualTo(1);
        assertThat(last.nextCursor()).isEmpty();
        assertThat(next.next(last)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "!!!", "", "bm90LWEtdXVpZA"})
    void aBadCursorIsAValidationError(String cursor) {
        var c = crm.customers().create(NewCustomer.person("张三"));
        crm.requirements().create(NewRequirement.of(c.id(), "x").assignee(UserRef.of("u")));
        crm.tasks().create(NewTask.titled("x").assignTo(Assignee.user(UserRef.of("u"))));
        PageRequest bad = PageRequest.after(cursor, 10);

        assertThat(violationsOf(() -> crm.customers().search(CustomerQuery.all(), bad))).containsExactly("cursor:format");
        assertThat(violationsOf(() -> crm.interactions().timeline(c.id(), TimelineQuery.all(), bad)))
                .containsExactly("cursor:format");
        assertThat(violationsOf(() -> crm.requirements().assignedToUser(UserRef.of("u"), bad))).containsExactly("cursor:format");
        assertThat(violationsOf(() -> crm.tasks().assignedToUser(UserRef.of("u"), bad))).containsExactly("cursor:format");
    }

    @Test
    void aCursorOfAnotherListIsAValidationError() {
        String timeKey = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2025-01-01T00:00:00Z|x".getBytes(StandardCharsets.UTF_8));
        assertThat(violationsOf(() -> crm.customers().search(CustomerQuery.all(), new PageRequest(10, Optional.of(timeKey)))))
                .containsExactly("cursor:format");
    }
}
