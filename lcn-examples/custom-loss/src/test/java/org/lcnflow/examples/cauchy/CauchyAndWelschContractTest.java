package org.lcnflow.examples.cauchy;

import java.util.List;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.testkit.LossContract;

/**
 * Both losses of the plugin meet the platform's {@link LossContract}, as every built-in loss does, at the
 * default scale and at scales six decades apart (the grids scale with {@code c}).
 */
class CauchyAndWelschContractTest extends LossContract {

    @Override
    protected List<SeparableLoss> losses() {
        return List.of(new CauchyLoss(1.0), new CauchyLoss(0.25), new CauchyLoss(4.0), new CauchyLoss(1e-3),
                new CauchyLoss(1e3), new WelschLoss(1.0), new WelschLoss(0.25), new WelschLoss(4.0),
                new WelschLoss(1e-3), new WelschLoss(1e3));
    }

    @Override
    protected double residualScale(SeparableLoss loss) {
        return loss instanceof CauchyLoss ? ((CauchyLoss) loss).c() : ((WelschLoss) loss).c();
    }
}
