/**
 * Duplicate customers: finding them and merging them, reversibly.
 *
 * <p>{@code crm.duplicates().find(DuplicateQuery.all())} proposes pairs of customers that look like one, each a
 * {@link io.crmkit.core.dedup.DuplicateCandidate} with a score and its {@link io.crmkit.core.dedup.MatchReason}s:
 * the same email address (lower-cased), the same phone number (E.164), the same external reference (system and id,
 * ignoring case, spaces and punctuation), or a similar name, read and compared by the configured
 * {@link io.crmkit.core.dedup.NameMatcher}. The built-in {@link io.crmkit.core.dedup.NameMatcher#standard()} compares
 * Latin names by Jaro-Winkler and Chinese names by their characters, so "张伟" and "张伟 😀" are one name but 張偉
 * (traditional) and "Zhang Wei" (pinyin) are not; {@code IcuNameMatcher} in the optional module
 * {@code io.crmkit:crm-dedup-icu} makes 张伟, 張偉 and "Zhang Wei" one name. The scoring is on
 * {@link io.crmkit.core.dedup.MatchReason}. Detection never compares every customer with every other: only
 * customers that share a blocking key (an email, a phone, a reference, a name key) are compared.
 *
 * <p>{@code crm.duplicates().merge(winner, losers, reason)} makes one customer of several in one transaction: every
 * record of the losers (interactions, needs, tasks, surveys, purchases, messages, service cases, opportunities:
 * every kind in {@link io.crmkit.core.spi.Repositories#customerReferences()}) moves to the winner, the winner gains
 * the contact points, tags, attributes and external references it lacked, the losers are archived, and a
 * {@link io.crmkit.core.dedup.Merge} records exactly what moved from whom. {@code unmerge(mergeId, reason)} puts it
 * all back.
 */
@NullMarked
package io.crmkit.core.dedup;

import org.jspecify.annotations.NullMarked;
