package io.crmkit.analytics.internal;

/** The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1, by its power series. */
public final class Hypergeometric {
    private Hypergeometric() {
    }

    public static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("z must be in [0, 1) but was " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < 10_000_000; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-16 * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }
}
