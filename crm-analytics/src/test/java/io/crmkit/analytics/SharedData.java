package io.crmkit.analytics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds ../shared/data; tests that need a file skip with a message when it is absent. */
public final class SharedData {
    private SharedData() {
    }

    public static Path require(String relative) {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv("CRM_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        roots.add(Path.of("../shared/data"));
        roots.add(Path.of("../../shared/data"));
        for (Path root : roots) {
            Path p = root.resolve(relative);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        assumeTrue(false, "skipped: shared data file " + relative + " not found (set CRM_SHARED_DATA or put it under "
                + "../shared/data relative to the project root)");
        throw new AssertionError("unreachable");
    }
}
