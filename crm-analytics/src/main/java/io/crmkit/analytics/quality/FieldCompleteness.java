package io.crmkit.analytics.quality;

/**
 * How many customers have a field filled in.
 *
 * @param field  the field's name ({@code "email"}, {@code "phone"}, ...; see {@link DataQuality})
 * @param filled customers with a value
 * @param total  customers assessed
 */
public record FieldCompleteness(String field, long filled, long total) {
    /** The share filled in, 0 to 1; 0 for no customers. */
    public double share() {
        return total == 0 ? 0 : (double) filled / total;
    }
}
