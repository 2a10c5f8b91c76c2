package io.crmkit.bench.analytics;

import io.crmkit.analytics.prediction.BgNbdModel;
import io.crmkit.analytics.prediction.CustomerSummary;
import io.crmkit.core.customer.CustomerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to fit BG/NBD by maximum likelihood on the CDNOW calibration summary (2,357 customers), read from
 * {@code $CRM_SHARED_DATA/cdnow/cdnow_customers_summary.csv} or {@code ../shared/data/...}.
 * {@code fit} is {@link BgNbdModel#fit}; {@code baselineLogLikelihoodOnce} is one hand-written evaluation
 * of the log-likelihood over every customer, the unit of work the optimiser repeats, so the ratio says
 * how many evaluations a fit costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class BgNbdFitBenchmark {
    private List<CustomerSummary> customers;
    private double[] x;
    private double[] tx;
    private double[] t;

    @Setup(Level.Trial)
    public void load() {
        Path file = locate();
        customers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("ID")) {
                    continue;
                }
                String[] f = line.split(",");
                customers.add(CustomerSummary.of(new CustomerId(new UUID(0, Long.parseLong(f[0]))),
                        Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        x = customers.stream().mapToDouble(CustomerSummary::frequency).toArray();
        tx = customers.stream().mapToDouble(CustomerSummary::recency).toArray();
        t = customers.stream().mapToDouble(CustomerSummary::age).toArray();
    }

    private static Path locate() {
        String env = System.getenv("CRM_SHARED_DATA");
        for (String root : new String[] {env, "../shared/data", "../../shared/data"}) {
            if (root != null) {
                Path p = Path.of(root, "cdnow", "cdnow_customers_summary.csv");
                if (Files.isReadable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("cdnow_customers_summary.csv not found: set CRM_SHARED_DATA to the shared data directory");
    }

    @Benchmark
    public BgNbdModel fit() {
        return BgNbdModel.fit(customers);
    }

    @Benchmark
    public double baselineLogLikelihoodOnce() {
        double r = 0.2426;
        double alpha = 4.4135;
        double a = 0.7929;
        double b = 2.4258;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double a1 = Gamma.logGamma(r + x[i]) - Gamma.logGamma(r) + r * Math.log(alpha);
            double a2 = Beta.logBeta(a, b + x[i]) - Beta.logBeta(a, b);
            double a3 = -(r + x[i]) * Math.log(alpha + t[i]);
            if (x[i] == 0) {
                sum += a1 + a2 + a3;
            } else {
                double a4 = Math.log(a) - Math.log(b + x[i] - 1) - (r + x[i]) * Math.log(alpha + tx[i]);
                double hi = Math.max(a3, a4);
                sum += a1 + a2 + hi + Math.log(Math.exp(a3 - hi) + Math.exp(a4 - hi));
            }
        }
        return sum;
    }
}
