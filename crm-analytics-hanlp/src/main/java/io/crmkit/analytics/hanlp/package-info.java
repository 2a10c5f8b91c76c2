/**
 * Chinese text analysis on HanLP portable: {@link io.crmkit.analytics.hanlp.HanLpTextAnalyzer} is a
 * {@link io.crmkit.analytics.text.TextAnalyzer} with HanLP's segmentation, PKU part-of-speech tags and its
 * recognition of persons, places and organisations. Everything else of crmkit's text analysis (sentiment,
 * key phrases, CRM entities) runs on its words unchanged.
 */
@NullMarked
package io.crmkit.analytics.hanlp;

import org.jspecify.annotations.NullMarked;
