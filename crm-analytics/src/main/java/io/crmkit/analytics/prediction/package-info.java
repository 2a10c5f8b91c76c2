/**
 * Purchase prediction: the BG/NBD model of Fader, Hardie and Lee (2005) for how many purchases a
 * customer will make and whether they are still active, the Gamma-Gamma model of spend per purchase,
 * and customer lifetime value.
 *
 * <pre>{@code
 * CalibrationSummary calibration = CalibrationSummary.build(crm,
 *         CalibrationPeriod.weeks(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 9, 30), ZoneOffset.UTC));
 * BgNbdModel model = BgNbdModel.fit(calibration.customers());
 * double next39Weeks = model.expectedPurchases(calibration.customers().get(0), 39);
 * }</pre>
 */
@NullMarked
package io.crmkit.analytics.prediction;

import org.jspecify.annotations.NullMarked;
