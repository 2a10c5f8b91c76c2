package io.crmkit.analytics.marketing;

import java.util.Objects;

/**
 * What one variant's members did.
 *
 * @param code      the variant
 * @param members   its members
 * @param sent      of them sent to
 * @param responded of them responded
 */
public record VariantResult(String code, long members, long sent, long responded) {
    public VariantResult {
        Objects.requireNonNull(code, "code");
    }

    /** Responded per member sent to; 0 when none was sent to. */
    public double responseRate() {
        return sent == 0 ? 0 : (double) responded / sent;
    }
}
