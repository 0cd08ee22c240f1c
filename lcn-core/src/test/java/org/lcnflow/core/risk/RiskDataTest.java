package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;

/** A risk gives its samples back exactly, from whatever layout its path keeps them in. */
class RiskDataTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    @Property(tries = 30)
    void theSamplesComeBackFromEveryPathsLayout(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 4, 3, 3);
        // across the block sizes: fewer than one block, several, and the wide blocks from 512 samples on
        int m = new int[] {1 + random.nextInt(70), 100 + random.nextInt(200), 512 + random.nextInt(300)}[seed > 0
                ? (int) (seed % 3) : (int) (-(seed % 3))];
        Dataset data = RandomLcn.data(a, m, random);
        Loss square = REGISTRY.loss("square", Parameters.empty());
        for (GradientPath path : GradientPath.values()) {
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, square, RiskOptions.automatic().withPath(path));
            assertEquals(data, risk.data(), path.toString());
        }
    }
}
