package io.crmkit.analytics.internal;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a smooth function of a few unconstrained parameters (log-parameters) with Nelder-Mead,
 * restarted from each optimum until a restart no longer improves it, so the simplex cannot stall.
 */
public final class Minimizer {
    private Minimizer() {
    }

    public static PointValuePair minimize(MultivariateFunction f, double[] start) {
        MultivariateFunction guarded = p -> {
            double v = f.value(p);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        };
        double[] point = start.clone();
        double best = guarded.value(point);
        PointValuePair result = new PointValuePair(point, best);
        for (int round = 0; round < 50; round++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-15, 1e-15);
            PointValuePair next = optimizer.optimize(new MaxEval(100_000), new ObjectiveFunction(guarded),
                    GoalType.MINIMIZE, new InitialGuess(result.getPoint()),
                    new NelderMeadSimplex(point.length, round == 0 ? 1.0 : 0.1));
            boolean improved = next.getValue() < result.getValue() - 1e-12 * Math.max(1, Math.abs(result.getValue()));
            if (next.getValue() <= result.getValue()) {
                result = next;
            }
            if (!improved && round > 0) {
                break;
            }
        }
        return result;
    }
}
