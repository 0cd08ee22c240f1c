package org.lcnflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.SeparableLoss;
import org.opentest4j.AssertionFailedError;

/**
 * The contract accepts correct losses written outside the platform and rejects each kind of defect it
 * promises to catch. The contract's dynamic tests are run here by hand, so that a deliberately broken
 * loss can be shown to fail them.
 */
class LossContractTest {

    /** {@code phi = r^2/2 + r^4/4}: convex, analytic; {@code |r| <= r^2/2 + 1/2} gives {@code h(L) = L + d_N m / 2}. */
    static class QuadraticQuartic implements SeparableLoss {
        @Override
        public double phi(double r) {
            double r2 = r * r;
            return 0.5 * r2 + 0.25 * r2 * r2;
        }

        @Override
        public double phiPrime(double r) {
            return r + r * r * r;
        }

        @Override
        public double phiSecond(double r) {
            return 1 + 3 * r * r;
        }

        @Override
        public boolean isAnalytic() {
            return true;
        }

        @Override
        public boolean isConvex() {
            return true;
        }

        @Override
        public double l1Bound(double risk, int outputDimension, int samples) {
            return risk + 0.5 * outputDimension * samples;
        }

        @Override
        public String toString() {
            return "quadratic-quartic()";
        }
    }

    /**
     * The Cauchy loss {@code log(1 + r^2)}: symmetric, not convex, no known bound (the default). Written in
     * {@code s = 1/r} for {@code |r| > 1}, so that {@code r^2} never overflows.
     */
    static class Cauchy implements SeparableLoss {
        @Override
        public double phi(double r) {
            if (Math.abs(r) <= 1) {
                return Math.log1p(r * r);
            }
            double s = 1 / r;
            return 2 * Math.log(Math.abs(r)) + Math.log1p(s * s);
        }

        @Override
        public double phiPrime(double r) {
            if (Math.abs(r) <= 1) {
                return 2 * r / (1 + r * r);
            }
            double s = 1 / r;
            return 2 * s / (1 + s * s);
        }

        @Override
        public double phiSecond(double r) {
            if (Math.abs(r) <= 1) {
                double r2 = r * r;
                return 2 * (1 - r2) / ((1 + r2) * (1 + r2));
            }
            double s2 = 1 / r / r;
            return 2 * s2 * (s2 - 1) / ((1 + s2) * (1 + s2));
        }

        @Override
        public String toString() {
            return "cauchy()";
        }
    }

    /** A contract over the given losses, with the true values of the quartic representable below 1e77. */
    private static LossContract contractOf(SeparableLoss... losses) {
        return new LossContract() {
            @Override
            protected List<SeparableLoss> losses() {
                return List.of(losses);
            }

            @Override
            protected boolean isRepresentable(SeparableLoss loss, double r) {
                return Math.abs(r) <= 1e76;
            }
        };
    }

    /** Runs every dynamic test of the given factory and returns the failure messages. */
    private static List<String> failures(LossContract contract, Function<LossContract, Stream<DynamicTest>> factory) {
        List<String> messages = new ArrayList<>();
        factory.apply(contract).forEach(test -> {
            try {
                test.getExecutable().execute();
            } catch (AssertionFailedError e) {
                messages.add(e.getMessage());
            } catch (Throwable e) {
                throw new AssertionError("unexpected " + e, e);
            }
        });
        return messages;
    }

    private static List<Function<LossContract, Stream<DynamicTest>>> allChecks() {
        return List.of(LossContract::phiPrimeMatchesCentralDifferencesOfPhi,
                LossContract::phiSecondMatchesCentralDifferencesOfPhiPrime, LossContract::symmetricWhereClaimed,
                LossContract::finiteAtExtremeResiduals, LossContract::convexWhereClaimed,
                LossContract::valueAndGradientAgreeWithPhiAndPhiPrime,
                LossContract::l1BoundHoldsOnRandomResidualMatrices, LossContract::l1BoundIsNonDecreasingInTheRisk,
                LossContract::quadraticLossesAreTheirCoefficientTimesTheSquare);
    }

    @Test
    void correctUserLossesPassEveryCheck() {
        LossContract contract = contractOf(new QuadraticQuartic(), new Cauchy());
        int tests = 0;
        for (Function<LossContract, Stream<DynamicTest>> check : allChecks()) {
            assertEquals(List.of(), failures(contract, check));
            tests += (int) check.apply(contract).count();
        }
        // 6 checks for both losses, symmetry for both, convexity only for the convex one
        assertEquals(6 * 2 + 2 + 1, tests);
    }

    /** {@code phi = r^2 / 2} declared through its coefficient alone: the defaults of {@link QuadraticLoss}. */
    static class HalfSquare implements QuadraticLoss {
        @Override
        public double coefficient() {
            return 0.5;
        }

        @Override
        public String toString() {
            return "half-square()";
        }
    }

    @Test
    void aCorrectQuadraticLossPassesEveryCheck() {
        LossContract contract = contractOf(new HalfSquare());
        for (Function<LossContract, Stream<DynamicTest>> check : allChecks()) {
            assertEquals(List.of(), failures(contract, check));
        }
        assertEquals(1, contract.quadraticLossesAreTheirCoefficientTimesTheSquare().count());
    }

    @Test
    void aQuadraticLossWhoseCoefficientDisagreesWithItsPhiIsCaught() {
        // phi, phi' and phi'' agree with each other (r^2, 2r, 2), so only the declaration is wrong
        QuadraticLoss wrong = new HalfSquare() {
            @Override
            public double phi(double r) {
                return r * r;
            }

            @Override
            public double phiPrime(double r) {
                return 2 * r;
            }

            @Override
            public double phiSecond(double r) {
                return 2;
            }
        };
        assertEquals(List.of(), failures(contractOf(wrong), LossContract::phiPrimeMatchesCentralDifferencesOfPhi));
        List<String> messages = failures(contractOf(wrong), LossContract::quadraticLossesAreTheirCoefficientTimesTheSquare);
        assertEquals(1, messages.size());
        String message = messages.get(0);
        assertTrue(message.contains("coefficient() = 0.5") && message.contains("at residual r = "), message);
        // the residual and both values: phi(r) = r^2 against 0.5 r^2
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "at residual r = (\\S+) phi\\(r\\) = (\\S+), while coefficient\\(\\) gives (\\S+)").matcher(message);
        assertTrue(m.find(), message);
        double r = Double.parseDouble(m.group(1));
        assertEquals(r * r, Double.parseDouble(m.group(2)));
        assertEquals(0.5 * (r * r), Double.parseDouble(m.group(3)));
    }

    @Test
    void aQuadraticLossWithANonPositiveCoefficientIsCaught() {
        QuadraticLoss zero = new HalfSquare() {
            @Override
            public double coefficient() {
                return 0.0;
            }
        };
        List<String> messages = failures(contractOf(zero), LossContract::quadraticLossesAreTheirCoefficientTimesTheSquare);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("must be finite and > 0, got 0.0"), messages.get(0));
    }

    @Test
    void wrongFirstDerivativeIsCaught() {
        SeparableLoss wrong = new QuadraticQuartic() {
            @Override
            public double phiPrime(double r) {
                return r + 1.001 * r * r * r;
            }
        };
        List<String> messages = failures(contractOf(wrong), LossContract::phiPrimeMatchesCentralDifferencesOfPhi);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("central difference"), messages.get(0));
    }

    @Test
    void wrongSecondDerivativeIsCaught() {
        SeparableLoss wrong = new QuadraticQuartic() {
            @Override
            public double phiSecond(double r) {
                return 1 + 3.001 * r * r;
            }
        };
        assertEquals(1, failures(contractOf(wrong), LossContract::phiSecondMatchesCentralDifferencesOfPhiPrime).size());
    }

    @Test
    void falseSymmetryIsCaught() {
        SeparableLoss shifted = new Cauchy() {
            @Override
            public double phi(double r) {
                return Math.log1p((r - 1e-3) * (r - 1e-3));
            }
        };
        List<String> messages = failures(contractOf(shifted), LossContract::symmetricWhereClaimed);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("phi(r) != phi(-r)"), messages.get(0));
    }

    @Test
    void falseConvexityClaimIsCaught() {
        SeparableLoss claimsConvex = new Cauchy() {
            @Override
            public boolean isConvex() {
                return true;
            }
        };
        List<String> messages = failures(contractOf(claimsConvex), LossContract::convexWhereClaimed);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("claims convexity"), messages.get(0));
    }

    @Test
    void naiveOverflowAtLargeResidualsIsCaught() {
        // log cosh r written naively: cosh overflows beyond |r| ~ 710 although log cosh r ~ |r| - log 2 is finite
        SeparableLoss naive = new SeparableLoss() {
            @Override
            public double phi(double r) {
                return Math.log(Math.cosh(r));
            }

            @Override
            public double phiPrime(double r) {
                return Math.tanh(r);
            }

            @Override
            public double phiSecond(double r) {
                return 1 / (Math.cosh(r) * Math.cosh(r));
            }
        };
        List<String> messages = failures(contractOf(naive), LossContract::finiteAtExtremeResiduals);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("the true value is a finite double"), messages.get(0));
    }

    @Test
    void boundThatIsTooSmallIsCaught() {
        SeparableLoss tooOptimistic = new QuadraticQuartic() {
            @Override
            public double l1Bound(double risk, int outputDimension, int samples) {
                return risk;                           // fails for |r| < 1, where r^2/2 + r^4/4 < |r|
            }
        };
        List<String> messages = failures(contractOf(tooOptimistic), LossContract::l1BoundHoldsOnRandomResidualMatrices);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("> h(L)"), messages.get(0));
    }

    @Test
    void decreasingBoundIsCaught() {
        SeparableLoss decreasing = new QuadraticQuartic() {
            @Override
            public double l1Bound(double risk, int outputDimension, int samples) {
                return 1 / (1 + Math.abs(risk));
            }
        };
        assertEquals(1, failures(contractOf(decreasing), LossContract::l1BoundIsNonDecreasingInTheRisk).size());
    }

    @Test
    void valueThatDropsACoordinateIsCaught() {
        SeparableLoss dropsLast = new QuadraticQuartic() {
            @Override
            public double value(double[] z, double[] y) {
                double sum = 0;
                for (int j = 0; j < z.length - 1; j++) {
                    sum += phi(z[j] - y[j]);
                }
                return sum;
            }
        };
        List<String> messages = failures(contractOf(dropsLast), LossContract::valueAndGradientAgreeWithPhiAndPhiPrime);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("sum of phi"), messages.get(0));
    }

    @Test
    void cuspNeedsGrowingDifferenceQuotients() {
        // |r|^1.5 has phi''(0) = +Infinity; a loss that also returns +Infinity at a smooth point is caught
        SeparableLoss cusp = new SeparableLoss() {
            @Override
            public double phi(double r) {
                return Math.pow(Math.abs(r), 1.5);
            }

            @Override
            public double phiPrime(double r) {
                return 1.5 * Math.copySign(Math.sqrt(Math.abs(r)), r);
            }

            @Override
            public double phiSecond(double r) {
                return r == 0 || Math.abs(r - 1) < 1e-12 ? Double.POSITIVE_INFINITY : 0.75 / Math.sqrt(Math.abs(r));
            }
        };
        LossContract contract = new LossContract() {
            @Override
            protected List<SeparableLoss> losses() {
                return List.of(cusp);
            }

            @Override
            protected boolean isRepresentable(SeparableLoss loss, double r) {
                return r != 0 && Math.abs(r) <= 1e150;
            }
        };
        List<String> messages = failures(contract, LossContract::phiSecondMatchesCentralDifferencesOfPhiPrime);
        assertEquals(1, messages.size(), () -> messages.stream().collect(Collectors.joining("\n")));
        assertTrue(messages.get(0).contains("check at 1.0 (next to r=1.0): not finite"), messages.get(0));
        assertFalse(messages.get(0).contains("phi''(0.0)"), messages.get(0));
    }
}
