package io.crmkit.core.marketing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a conversion's revenue is shared among the touches (campaign sends) before it, oldest first.
 * <ul>
 *   <li>{@link #FIRST_TOUCH}: all to the first.</li>
 *   <li>{@link #LAST_TOUCH}: all to the last.</li>
 *   <li>{@link #LINEAR}: equal shares.</li>
 *   <li>{@link #POSITION_BASED}: 40 % to the first, 40 % to the last, 20 % shared by those between; with one touch it
 *       gets 100 %, with two each gets 50 %.</li>
 * </ul>
 */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    LINEAR,
    POSITION_BASED;

    private static final BigDecimal FORTY = new BigDecimal("0.4");
    private static final BigDecimal TWENTY = new BigDecimal("0.2");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** The share of each of {@code n} touches (oldest first), summing to 1 (to 34 digits). */
    public List<BigDecimal> weights(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("no touches: " + n);
        }
        if (n == 1) {
            return List.of(BigDecimal.ONE);
        }
        List<BigDecimal> w = new ArrayList<>(Collections.nCopies(n, BigDecimal.ZERO));
        switch (this) {
            case FIRST_TOUCH -> w.set(0, BigDecimal.ONE);
            case LAST_TOUCH -> w.set(n - 1, BigDecimal.ONE);
            case LINEAR -> {
                BigDecimal each = BigDecimal.ONE.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
                Collections.fill(w, each);
            }
            case POSITION_BASED -> {
                if (n == 2) {
                    w.set(0, HALF);
                    w.set(1, HALF);
                } else {
                    BigDecimal middle = TWENTY.divide(BigDecimal.valueOf(n - 2), MathContext.DECIMAL128);
                    Collections.fill(w, middle);
                    w.set(0, FORTY);
                    w.set(n - 1, FORTY);
                }
            }
            default -> throw new IllegalStateException("unknown model " + this);
        }
        return List.copyOf(w);
    }
}
