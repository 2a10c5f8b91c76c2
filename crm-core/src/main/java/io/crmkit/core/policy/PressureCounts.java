package io.crmkit.core.policy;

/**
 * One customer's contacts counted from the timeline for the contact-pressure caps: in the day, the rolling week and
 * the rolling month of a due date, over every channel and on one.
 */
public record PressureCounts(long day, long week, long month, long channelDay, long channelWeek, long channelMonth) {
}
