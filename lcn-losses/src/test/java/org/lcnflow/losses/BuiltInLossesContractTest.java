package org.lcnflow.losses;

import java.util.List;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.testkit.LossContract;

/**
 * Every built-in loss, at its defaults and at parameters that stress its numerics (sharp and flat
 * transitions, {@code beta} near -2, at -1 and large, {@code p} at 1, below 2, odd and non-integer),
 * meets the {@link LossContract}.
 */
class BuiltInLossesContractTest extends LossContract {

    @Override
    protected List<SeparableLoss> losses() {
        return List.of(
                SquareLoss.instance(),
                new LpLoss(1.0), new LpLoss(1.5), new LpLoss(2.0), new LpLoss(3.0), new LpLoss(4.0), new LpLoss(7.5),
                new PseudoHuberLoss(1.0), new PseudoHuberLoss(0.7), new PseudoHuberLoss(30.0), new PseudoHuberLoss(1e-3),
                new GeneralizedHuberLoss(1.0, 0.0), new GeneralizedHuberLoss(2.0, 3.0), new GeneralizedHuberLoss(0.5, -0.5),
                new GeneralizedHuberLoss(1.0, -1.0), new GeneralizedHuberLoss(3.0, -1.5), new GeneralizedHuberLoss(1.0, -1.999),
                new GeneralizedHuberLoss(1.0, 1e6),
                new LogCoshLoss(1.0), new LogCoshLoss(100.0), new LogCoshLoss(0.01));
    }

    @Override
    protected double residualScale(SeparableLoss loss) {
        if (loss instanceof PseudoHuberLoss) {
            return ((PseudoHuberLoss) loss).delta();
        }
        if (loss instanceof LogCoshLoss) {
            return 1.0 / ((LogCoshLoss) loss).alpha();
        }
        if (loss instanceof GeneralizedHuberLoss) {
            return 1.0 / ((GeneralizedHuberLoss) loss).alpha();
        }
        return 1.0;
    }

    /**
     * The saturating losses are finite for every finite residual. For {@code |r|^p / p} the true values
     * leave the double range where, in logarithms, {@code p ln|r| - ln p}, {@code (p-1) ln|r|} or
     * {@code ln(p-1) + (p-2) ln|r|} exceed {@code ln MAX_VALUE}; a margin keeps the last-ulp boundary out of
     * the test. {@code phi''(0)} is infinite for {@code p < 2}.
     */
    @Override
    protected boolean isRepresentable(SeparableLoss loss, double r) {
        if (loss instanceof SquareLoss) {
            return Math.abs(r) <= 1e154;                 // r^2 <= 1e308 < MAX_VALUE ~ 1.797e308
        }
        if (loss instanceof LpLoss) {
            double p = ((LpLoss) loss).p();
            if (r == 0) {
                return p >= 2;
            }
            double lnR = Math.log(Math.abs(r));
            double limit = Math.log(Double.MAX_VALUE) - 1e-6;
            boolean second = p == 1 || p == 2 || Math.log(p - 1) + (p - 2) * lnR < limit;
            return p * lnR - Math.log(p) < limit && (p - 1) * lnR < limit && second;
        }
        return true;
    }
}
