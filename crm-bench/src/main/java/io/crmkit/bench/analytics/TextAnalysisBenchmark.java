package io.crmkit.bench.analytics;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.crmkit.analytics.hanlp.HanLpTextAnalyzer;
import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.LabelledFiles;
import io.crmkit.analytics.text.LabelledText;
import io.crmkit.analytics.text.TextAnalyzer;
import io.crmkit.analytics.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Comments analysed per second on one thread, on a fixed set of 1,000 real comments: the first 1,000
 * reviews of {@code ChnSentiCorp_htl_all.csv} ({@code corpus=zh}) or the 1,000 sentences of
 * {@code imdb_labelled.txt} ({@code corpus=en}), read from the shared data directory ({@code CRM_SHARED_DATA},
 * else {@code ../shared/data}). Scores are comments per second ({@code @OperationsPerInvocation(1000)}).
 * <ul>
 *   <li>{@code builtInAnalyze}: {@link TextAnalyzer#create()}{@code .analyze} (tokens with spans and tags, clauses);</li>
 *   <li>{@code baselineTokenizer}: the plain {@link Tokenizer#tokens} loop, the same segmentation without spans;</li>
 *   <li>{@code hanLpAnalyze}: {@link HanLpTextAnalyzer#analyze} (tokens, tags, persons, places, organisations);</li>
 *   <li>{@code baselineHanLpSegment}: a plain loop of HanLP's own {@code Segment.seg} with the same settings
 *       (name, place and organisation recognition, offsets) and nothing around it;</li>
 *   <li>{@code crmEntities}: {@link CrmEntities#find} (order numbers, phones, emails, money, dates, products).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class TextAnalysisBenchmark {
    static final int COMMENTS = 1000;

    @Param({"zh", "en"})
    public String corpus = "zh";

    private List<String> comments = List.of();
    private final TextAnalyzer builtIn = TextAnalyzer.create();
    private final HanLpTextAnalyzer hanLp = HanLpTextAnalyzer.create();
    private final Segment segment = HanLP.newSegment().enableNameRecognize(true).enablePlaceRecognize(true)
            .enableOrganizationRecognize(true).enableOffset(true);
    private final CrmEntities entities = CrmEntities.standard();
    private final LocalDate today = LocalDate.of(2026, 3, 6);

    @Setup
    public void setUp() {
        comments = comments(corpus);
        hanLp.analyze("预热词典"); // HanLP loads its dictionaries on first use
    }

    /** The fixed comments of a corpus. */
    static List<String> comments(String corpus) {
        String dir = System.getenv().getOrDefault("CRM_SHARED_DATA", "../shared/data");
        Path file = Path.of(dir, "sentiment", corpus.equals("zh") ? "ChnSentiCorp_htl_all.csv" : "imdb_labelled.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("needs " + file.toAbsolutePath() + " (set CRM_SHARED_DATA)");
        }
        List<LabelledText> texts = LabelledFiles.read(file);
        return texts.subList(0, COMMENTS).stream().map(LabelledText::text).toList();
    }

    @Benchmark
    @OperationsPerInvocation(COMMENTS)
    public void builtInAnalyze(Blackhole bh) {
        for (String c : comments) {
            bh.consume(builtIn.analyze(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMENTS)
    public void baselineTokenizer(Blackhole bh) {
        Tokenizer tokenizer = Tokenizer.standard();
        for (String c : comments) {
            bh.consume(tokenizer.tokens(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMENTS)
    public void hanLpAnalyze(Blackhole bh) {
        for (String c : comments) {
            bh.consume(hanLp.analyze(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMENTS)
    public void baselineHanLpSegment(Blackhole bh) {
        for (String c : comments) {
            List<Term> terms = segment.seg(c);
            bh.consume(terms);
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMENTS)
    public void crmEntities(Blackhole bh) {
        for (String c : comments) {
            bh.consume(entities.find(c, today));
        }
    }
}
