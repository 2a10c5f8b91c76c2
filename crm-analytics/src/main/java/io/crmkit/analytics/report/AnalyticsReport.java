package io.crmkit.analytics.report;

import io.crmkit.analytics.feedback.FeedbackText;
import io.crmkit.analytics.feedback.FeedbackTopics;
import io.crmkit.analytics.feedback.TopicReport;
import io.crmkit.analytics.quality.DataQuality;
import io.crmkit.analytics.quality.DataQualityReport;
import io.crmkit.analytics.satisfaction.Ces;
import io.crmkit.analytics.satisfaction.Csat;
import io.crmkit.analytics.satisfaction.Granularity;
import io.crmkit.analytics.satisfaction.Interval;
import io.crmkit.analytics.satisfaction.Nps;
import io.crmkit.analytics.satisfaction.SatisfactionAnalytics;
import io.crmkit.analytics.satisfaction.ScoreDistribution;
import io.crmkit.analytics.satisfaction.SurveySlice;
import io.crmkit.analytics.satisfaction.Trend;
import io.crmkit.analytics.satisfaction.TrendPoint;
import io.crmkit.analytics.value.CohortRetention;
import io.crmkit.analytics.value.CustomerValue;
import io.crmkit.analytics.value.CustomerValueAnalytics;
import io.crmkit.analytics.value.Pareto;
import io.crmkit.analytics.value.RfmScore;
import io.crmkit.analytics.value.RfmSegment;
import io.crmkit.core.Checks;
import io.crmkit.core.CrmServices;
import io.crmkit.core.ValidationException;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.satisfaction.SurveyKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A satisfaction and customer-value report, rendered as one self-contained HTML page with inline SVG
 * charts ({@link #toHtml()}), as plain text ({@link #toText()}) and as CSV ({@link #toCsv()}). All three
 * show the same numbers, formatted the same way. Immutable.
 *
 * @param title        the heading
 * @param generatedAt  when the numbers were computed
 * @param zone         the zone dates are shown in
 * @param satisfaction one section per survey kind with responses, in CSAT, NPS, CES order
 * @param value        customer value, empty when there are no purchases
 * @param service      the service backlog and the response, resolution and SLA figures, empty without service cases
 * @param pipeline     the sales pipeline's forecast and stale deals, empty when it has no opportunities
 * @param campaigns    the campaigns' funnels and the period's attributed revenue, empty without campaigns
 * @param topics       what the feedback talks about and its trend, when {@link Builder#topics} asked for it and there
 *                     was feedback text
 * @param dataQuality  completeness, unreachable contact points, stale records and duplicate candidates, when
 *                     {@link Builder#dataQuality} asked for it
 */
public record AnalyticsReport(String title, Instant generatedAt, ZoneId zone, List<SatisfactionSection> satisfaction,
                              Optional<ValueSection> value, Optional<ServiceSection> service,
                              Optional<PipelineSection> pipeline, Optional<CampaignSection> campaigns,
                              Optional<TopicReport> topics, Optional<DataQualityReport> dataQuality) {
    public AnalyticsReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(zone, "zone");
        satisfaction = List.copyOf(satisfaction);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(dataQuality, "dataQuality");
    }

    /** Starts a report over a CRM's data. */
    public static Builder builder(CrmServices crm) {
        return new Builder(crm);
    }

    /**
     * One number of the report, as every format shows it.
     *
     * @param section "satisfaction", "distribution", "trend", "value", "segment", "cohort", "customer", "pipeline"
     *                "stale", "service", "backlog", "campaign", "attribution", "topics", "topic", "topic_period",
     *                "topic_sentiment", "topic_product", "quality", "completeness", "unreachable" or "duplicates"
     * @param item    what it is about: a survey kind, a score, a period, a segment, a customer
     * @param metric  the measure, with its unit: {@code mean}, {@code csat_percent}, {@code revenue}
     * @param value   the formatted number, as shown everywhere
     */
    public record Metric(String section, String item, String metric, String value) {
    }

    /** Every number of the report, in the order the text and CSV show them. */
    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (SatisfactionSection s : satisfaction) {
            ScoreDistribution d = s.distribution();
            String k = s.kind().name();
            out.add(new Metric("satisfaction", k, "count", Long.toString(d.count())));
            out.add(new Metric("satisfaction", k, "mean", Fmt.fixed(d.mean(), 3)));
            out.add(new Metric("satisfaction", k, "median", Fmt.fixed(d.median(), 1)));
            out.add(new Metric("satisfaction", k, "std_dev", Fmt.fixed(d.standardDeviation(), 3)));
            Interval ci = d.meanInterval();
            out.add(new Metric("satisfaction", k, "mean_ci95_low", Fmt.fixed(ci.lower(), 3)));
            out.add(new Metric("satisfaction", k, "mean_ci95_high", Fmt.fixed(ci.upper(), 3)));
            switch (s.kind()) {
                case CSAT -> {
                    Csat c = Csat.of(d);
                    out.add(new Metric("satisfaction", k, "csat_percent", Fmt.fixed(c.percent(), 1)));
                    out.add(new Metric("satisfaction", k, "csat_margin_percent", Fmt.fixed(100 * c.marginOfError(), 1)));
                }
                case NPS -> {
                    Nps n = Nps.of(d);
                    out.add(new Metric("satisfaction", k, "nps", Fmt.fixed(n.score(), 1)));
                    out.add(new Metric("satisfaction", k, "nps_margin", Fmt.fixed(n.marginOfError(), 1)));
                    out.add(new Metric("satisfaction", k, "promoters_percent", Fmt.fixed(100 * n.promoters(), 1)));
                    out.add(new Metric("satisfaction", k, "passives_percent", Fmt.fixed(100 * n.passives(), 1)));
                    out.add(new Metric("satisfaction", k, "detractors_percent", Fmt.fixed(100 * n.detractors(), 1)));
                }
                case CES -> out.add(new Metric("satisfaction", k, "ces", Fmt.fixed(Ces.of(d).mean(), 3)));
            }
            out.add(new Metric("satisfaction", k, "trend_slope_per_" + s.trend().granularity().name().toLowerCase(Locale.ROOT),
                    Fmt.fixed(s.trend().slope(), 4)));
            out.add(new Metric("satisfaction", k, "trend_p_value", Fmt.fixed(s.trend().pValue(), 4)));
            for (Map.Entry<Integer, Long> e : d.counts().entrySet()) {
                out.add(new Metric("distribution", k, "score_" + e.getKey(), Long.toString(e.getValue())));
            }
            for (TrendPoint p : s.trend().points()) {
                out.add(new Metric("trend", k + " " + p.start(), "count", Long.toString(p.distribution().count())));
                out.add(new Metric("trend", k + " " + p.start(), "mean", Fmt.fixed(p.distribution().mean(), 3)));
            }
        }
        value.ifPresent(v -> {
            Pareto p = v.pareto();
            out.add(new Metric("value", "all", "customers", Integer.toString(p.customers())));
            out.add(new Metric("value", "all", "revenue", Fmt.money(p.revenue())));
            out.add(new Metric("value", "all", "top20_revenue_percent", Fmt.fixed(100 * p.topFifthShare(), 1)));
            out.add(new Metric("value", "all", "customers_for_80_percent_revenue_percent",
                    Fmt.fixed(100 * p.customerShareFor80Percent(), 1)));
            v.segments().forEach((seg, n) -> out.add(new Metric("segment", seg.name(), "customers", Integer.toString(n))));
            for (CohortRetention.Cohort c : v.cohorts().cohorts()) {
                out.add(new Metric("cohort", c.month().toString(), "customers", Integer.toString(c.customers())));
                for (int m = 1; m < c.active().size(); m++) {
                    out.add(new Metric("cohort", c.month().toString(), "retained_month_" + m + "_percent",
                            Fmt.fixed(100 * c.retention(m), 1)));
                }
            }
            int rank = 1;
            for (TopCustomer t : v.topCustomers()) {
                String item = rank++ + " " + t.name();
                out.add(new Metric("customer", item, "purchases", Long.toString(t.value().purchases())));
                out.add(new Metric("customer", item, "total", Fmt.money(t.value().total())));
                out.add(new Metric("customer", item, "average", Fmt.money(t.value().average())));
                out.add(new Metric("customer", item, "rfm", t.rfm().code()));
                out.add(new Metric("customer", item, "segment", t.rfm().segment().name()));
            }
        });
        service.ifPresent(s -> ServicePart.metrics(s, out));
        pipeline.ifPresent(p -> PipelinePart.metrics(p, out));
        campaigns.ifPresent(c -> CampaignPart.metrics(c, out));
        topics.ifPresent(t -> TopicPart.metrics(t, out));
        dataQuality.ifPresent(q -> QualityPart.metrics(q, out));
        return List.copyOf(out);
    }

    /** The formatted value of one metric, as every format shows it; empty if the report has no such number. */
    public Optional<String> value(String section, String item, String metric) {
        return metrics().stream().filter(m -> m.section().equals(section) && m.item().equals(item)
                && m.metric().equals(metric)).map(Metric::value).findFirst();
    }

    /** The numbers as CSV with the header {@code section,item,metric,value}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("section,item,metric,value\n");
        for (Metric m : metrics()) {
            sb.append(Fmt.csv(m.section())).append(',').append(Fmt.csv(m.item())).append(',')
                    .append(Fmt.csv(m.metric())).append(',').append(Fmt.csv(m.value())).append('\n');
        }
        return sb.toString();
    }

    /** The numbers as plain text, one aligned table per section. */
    public String toText() {
        return TextRenderer.render(this);
    }

    /** One self-contained HTML page: inline CSS and SVG, no script, no external resources. */
    public String toHtml() {
        return HtmlRenderer.render(this);
    }

    /**
     * Writes {@code <baseName>.html}, {@code .txt} and {@code .csv} (UTF-8) into a directory, creating it.
     *
     * @return the HTML file
     */
    public Path writeTo(Path directory, String baseName) {
        Objects.requireNonNull(directory, "directory");
        if (baseName == null || baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")) {
            throw ValidationException.of("baseName", "format", "must be a plain file name");
        }
        try {
            Files.createDirectories(directory);
            Path html = directory.resolve(baseName + ".html");
            Files.writeString(html, toHtml(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(baseName + ".txt"), toText(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(baseName + ".csv"), toCsv(), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    String generatedText() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx").format(generatedAt.atZone(zone));
    }

    /** Configures and computes a report. Not thread-safe. */
    public static final class Builder {
        private final CrmServices crm;
        private String title = "Customer satisfaction and value";
        private SurveySlice slice = SurveySlice.all();
        private PurchaseQuery purchases = PurchaseQuery.all();
        private ZoneId zone = ZoneOffset.UTC;
        private Granularity granularity = Granularity.MONTH;
        private Clock clock;
        private int topCustomers = 10;
        private @Nullable Currency currency;
        private String pipelineCode = Pipeline.DEFAULT_CODE;
        private @Nullable WorkCalendar calendar;
        private int staleDeals = 10;
        private @Nullable Instant periodFrom;
        private @Nullable Instant periodTo;
        private @Nullable FeedbackTopics topics;
        private @Nullable DataQuality quality;
        private Iterable<FeedbackText> feedback = List.of();

        private Builder(CrmServices crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
            this.clock = crm.clock();
        }

        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Which survey responses the satisfaction part covers. Default: all. */
        public Builder surveys(SurveySlice slice) {
            this.slice = Objects.requireNonNull(slice, "slice");
            return this;
        }

        /** Which purchases the value part covers. Default: all. */
        public Builder purchases(PurchaseQuery query) {
            this.purchases = Objects.requireNonNull(query, "query");
            return this;
        }

        /** The zone for periods, cohort months and shown times. Default: UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Trend periods. Default: months. */
        public Builder granularity(Granularity granularity) {
            this.granularity = Objects.requireNonNull(granularity, "granularity");
            return this;
        }

        /** "Now" for RFM recency and the report's time. Default: the CRM's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The currency of the value part: purchases in other currencies are left out. Needed when the
         * purchases are in more than one currency. Default: the one currency they share.
         */
        public Builder currency(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        /** How many customers the top list shows, 0 to 100. Default: 10. */
        public Builder topCustomers(int count) {
            this.topCustomers = count;
            return this;
        }

        /** The pipeline whose forecast and stale deals the report shows. Default: {@link Pipeline#DEFAULT_CODE}. */
        public Builder pipeline(String code) {
            this.pipelineCode = Objects.requireNonNull(code, "code");
            return this;
        }

        /**
         * The working calendar stale deals are counted on (China's holidays and make-up days, say). Default: every day
         * all day, in the report's zone.
         */
        public Builder calendar(WorkCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        /**
         * The period {@code [from, to)} whose new service cases the service part measures and whose purchases the
         * campaigns part attributes. Default: the 30 days up to the report's time.
         */
        public Builder period(Instant from, Instant to) {
            this.periodFrom = Objects.requireNonNull(from, "from");
            this.periodTo = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Adds the feedback topics part: the comments of the survey responses in {@link #surveys the slice} and the
         * {@link #feedback other texts}, analysed by {@code analysis}. Default: no topics part.
         */
        public Builder topics(FeedbackTopics analysis) {
            this.topics = Objects.requireNonNull(analysis, "analysis");
            return this;
        }

        /**
         * Feedback texts besides survey comments for the topics part (emails, chats, the intake's texts), read once
         * when the report is built. Default: none.
         */
        public Builder feedback(Iterable<FeedbackText> texts) {
            this.feedback = Objects.requireNonNull(texts, "texts");
            return this;
        }

        /**
         * Adds the data-quality part, assessed by {@code quality} when the report is built (over every customer the
         * services' actor may read). Default: no data-quality part.
         */
        public Builder dataQuality(DataQuality quality) {
            this.quality = Objects.requireNonNull(quality, "quality");
            return this;
        }

        /** How many stale deals the pipeline part lists, 0 to 100 (all are counted). Default: 10. */
        public Builder staleDeals(int count) {
            this.staleDeals = count;
            return this;
        }

        /**
         * Reads the data and computes every number.
         *
         * @throws ValidationException naming every bad setting
         */
        public AnalyticsReport build() {
            Checks checks = new Checks();
            checks.require(topCustomers >= 0 && topCustomers <= 100, "topCustomers", "range",
                    "must be between 0 and 100 but was " + topCustomers);
            checks.require(staleDeals >= 0 && staleDeals <= 100, "staleDeals", "range",
                    "must be between 0 and 100 but was " + staleDeals);
            checks.require(periodFrom == null || periodTo == null || periodFrom.isBefore(periodTo), "period",
                    "order", "must end after it starts");
            checks.throwIfAny();
            Instant now = clock.instant();
            SatisfactionAnalytics sat = SatisfactionAnalytics.of(crm);
            List<SatisfactionSection> sections = new ArrayList<>();
            for (SurveyKind kind : SurveyKind.values()) {
                Trend trend = sat.trend(kind, slice, granularity, zone);
                ScoreDistribution total = io.crmkit.analytics.satisfaction.ScoreCounter.of(kind).snapshot();
                for (TrendPoint p : trend.points()) {
                    total = total.plus(p.distribution());
                }
                if (total.count() > 0) {
                    sections.add(new SatisfactionSection(kind, total, trend));
                }
            }
            CustomerValueAnalytics values = currency == null ? CustomerValueAnalytics.of(crm)
                    : CustomerValueAnalytics.of(crm).currency(currency);
            List<CustomerValue> customers = values.customers(purchases);
            Optional<ValueSection> value = Optional.empty();
            if (!customers.isEmpty()) {
                Instant asOf = customers.stream().map(CustomerValue::last).max(Instant::compareTo).orElse(now);
                asOf = asOf.isAfter(now) ? asOf : now;
                List<RfmScore> rfm = RfmScore.score(customers, asOf);
                Map<RfmSegment, Integer> segments = new EnumMap<>(RfmSegment.class);
                Map<io.crmkit.core.customer.CustomerId, RfmScore> byId = new HashMap<>();
                for (RfmScore r : rfm) {
                    segments.merge(r.segment(), 1, Integer::sum);
                    byId.put(r.customerId(), r);
                }
                List<TopCustomer> top = new ArrayList<>();
                for (CustomerValue v : customers.subList(0, Math.min(topCustomers, customers.size()))) {
                    String name = crm.customers().get(v.customerId()).map(Customer::displayName)
                            .orElse(v.customerId().toString());
                    top.add(new TopCustomer(name, v, Objects.requireNonNull(byId.get(v.customerId()), "rfm"))); // one score per customer
                }
                value = Optional.of(new ValueSection(Pareto.of(customers), segments, values.retention(purchases, zone),
                        top, lorenz(customers)));
            }
            Optional<PipelineSection> pipeline = PipelinePart.compute(crm, pipelineCode,
                    calendar != null ? calendar : WorkCalendar.allDay(zone), now, staleDeals);
            Instant to = periodTo != null ? periodTo : now;
            Instant from = periodFrom != null ? periodFrom : to.minus(java.time.Duration.ofDays(30));
            Optional<ServiceSection> service = ServicePart.compute(crm, from, to, now);
            Optional<CampaignSection> campaigns = CampaignPart.compute(crm, from, to);
            Optional<TopicReport> topicPart = topics == null ? Optional.empty()
                    : TopicPart.compute(crm, topics, slice, feedback);
            Optional<DataQualityReport> qualityPart = quality == null ? Optional.empty()
                    : Optional.of(quality.assess(crm, now));
            return new AnalyticsReport(title, now, zone, sections, value, service, pipeline, campaigns, topicPart,
                    qualityPart);
        }

        private static List<Double> lorenz(List<CustomerValue> byTotalDescending) {
            BigDecimal sum = BigDecimal.ZERO;
            for (CustomerValue v : byTotalDescending) {
                sum = sum.add(v.total());
            }
            int n = byTotalDescending.size();
            int step = Math.max(1, n / 200);
            List<Double> out = new ArrayList<>();
            out.add(0.0);
            BigDecimal running = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                running = running.add(byTotalDescending.get(i).total());
                if ((i + 1) % step == 0 || i == n - 1) {
                    out.add(sum.signum() == 0 ? 0 : running.doubleValue() / sum.doubleValue());
                }
            }
            return out;
        }
    }
}
