package org.lcnflow.examples.standalone;

import java.util.List;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.testkit.LossContract;

/** The host's own quadratic loss runs lcn-flow's loss contract, its declaration checked against phi. */
class WeightedSquareLossContractTest extends LossContract {

    @Override
    protected List<SeparableLoss> losses() {
        return List.of(new WeightedSquareLoss(0.5), new WeightedSquareLoss(3.0));
    }
}
