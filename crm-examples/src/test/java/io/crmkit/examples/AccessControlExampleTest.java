package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessControlExampleTest {
    static final List<String> EXPECTED = List.of(
            "li (east rep) sees: 上海明华贸易 (+862158881234) 张伟 (+8613800138000) 成都天府物流 (+862885556666)",
            "wang (west rep) sees: 成都天府物流 (+862885556666)",
            "zhao (manager) sees: 上海明华贸易 (+862158881234) 张伟 (+8613800138000) 成都天府物流 (+862885556666)",
            "sun (intern) sees: 上海明华贸易 (phone hidden) 张伟 (phone hidden)");

    @Test
    void eachUserSeesTheirDepartmentTheManagerBothAndTheInternNoPhones() {
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).access(AccessControlExample.policy()).build()) {
            assertThat(AccessControlExample.run(crm)).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void theSameOnTheEmbeddedDatabase(@TempDir Path dir) {
        try (Crm crm = Crm.builder().storage(JdbcStorage.embedded(dir.resolve("crm"))).access(AccessControlExample.policy()).build()) {
            assertThat(AccessControlExample.run(crm)).containsExactlyElementsOf(EXPECTED);
        }
    }
}
