package io.crmkit.core.importing;

/** Counts so far, reported after each batch. */
public record ImportProgress(long processed, long inserted, long updated, long rejected, long duplicates) {
}
