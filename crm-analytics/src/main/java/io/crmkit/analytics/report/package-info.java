/**
 * The satisfaction and customer-value report: one self-contained HTML file with inline SVG charts (no
 * JavaScript, nothing fetched from the network), and the same numbers as plain text and CSV.
 *
 * <pre>{@code
 * AnalyticsReport report = AnalyticsReport.builder(crm).title("月度客户报告").zone(ZoneId.of("Asia/Shanghai")).build();
 * report.writeTo(Path.of("reports"), "crm-report");   // crm-report.html, .txt, .csv
 * }</pre>
 */
@NullMarked
package io.crmkit.analytics.report;

import org.jspecify.annotations.NullMarked;
