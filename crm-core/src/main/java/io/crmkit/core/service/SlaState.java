package io.crmkit.core.service;

/** Where one service-level clock of a case stands. */
public enum SlaState {
    /** Counting, its due instant still ahead. */
    RUNNING,
    /** Not counting: the case is in a pause status, before the due instant. */
    PAUSED,
    /** Stopped within the target: responded or resolved in time. */
    MET,
    /** The due instant has come (running or paused), or the clock stopped beyond the target. */
    BREACHED;

    /** Whether the outcome is known: {@link #MET} or {@link #BREACHED}. */
    public boolean isDecided() {
        return this == MET || this == BREACHED;
    }
}
