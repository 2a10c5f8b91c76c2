package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replayed fortnight, worked by hand: the case opened Friday 17:30 has half an hour of working time that day, so
 * its one-hour first response falls due on the make-up working Saturday at 09:30 and its eight-hour resolution at
 * 17:30; at 10:00 the first response is breached and the case escalated. The forecast of the second quarter weighs
 * 96,000 at 0.4 and 1,280,000 at 0.6; the deal idle since 2026-02-09 has 11 working days by 2026-03-02 (10 allowed in
 * proposal); of what the snapshot expected, 1,280,000 was won.
 */
class ServiceDeskExampleTest {
    static final List<String> EXPECTED = List.of(
            "case opened 2026-02-13 Fri 17:30, policy vip",
            "  FIRST_RESPONSE due 2026-02-14 Sat 09:30",
            "  RESOLUTION due 2026-02-14 Sat 17:30",
            "SLA check 2026-02-14 Sat 10:00: 1 case(s) handled; first response BREACHED, now URGENT with 二线支持",
            "forecast 2026-04-01 CNY: 2 deals, weighted 806400",
            "stale deals: [主轴维保年度合同]",
            "quarter 2026-04-01: forecast 806400, committed 1280000, won 1280000");

    private static List<String> run(CrmStorage storage) {
        ServiceDeskExample.ReplayClock clock = new ServiceDeskExample.ReplayClock("2026-02-13T17:30");
        try (Crm crm = ServiceDeskExample.crm(storage, clock)) {
            return ServiceDeskExample.run(crm, clock);
        }
    }

    @Test
    void inMemory() {
        assertThat(run(InMemoryStorage.create())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void onTheEmbeddedDatabase(@TempDir Path dir) {
        assertThat(run(JdbcStorage.embedded(dir.resolve("crm")))).containsExactlyElementsOf(EXPECTED);
    }
}
