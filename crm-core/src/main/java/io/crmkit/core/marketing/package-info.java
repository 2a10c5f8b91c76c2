/**
 * Marketing: campaigns, their members and segments come here. For now it holds only {@link
 * io.crmkit.core.marketing.CampaignId}, so that other features can name the campaign a record came from (an
 * opportunity's source campaign) before campaigns exist. This package depends on no other feature; features refer
 * to it, never the other way round.
 */
@NullMarked
package io.crmkit.core.marketing;

import org.jspecify.annotations.NullMarked;
