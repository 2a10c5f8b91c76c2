package io.crmkit.analytics.feedback;

/**
 * How often a topic came up in a group of feedback texts.
 *
 * @param topic a key phrase, lower-cased (Chinese without spaces)
 * @param texts how many texts of the group have it among their key phrases
 * @param share {@code texts} over the group's texts, 0 to 1
 */
public record TopicCount(String topic, int texts, double share) {
}
