package org.lcnflow.core.risk.engine;

/**
 * Whether the data pass can use {@link VectorKernels}: the JVM was started with {@code --add-modules
 * jdk.incubator.vector} (JDK 17's Vector API is an incubator module, not resolved by default), its vectors hold a
 * whole number of them per block of lanes, and the system property {@code lcn.vector} is not {@code false}. When not,
 * the data pass keeps its plain Java loops, which C2 auto-vectorizes; one debug line (System.Logger
 * {@code org.lcnflow.core.risk.engine}) says which. Decided once per JVM.
 */
public final class VectorSupport {

    private static final boolean AVAILABLE = probe();

    private VectorSupport() {
    }

    /** @return whether the data pass uses the Vector API kernels in this JVM */
    public static boolean enabled() {
        return AVAILABLE;
    }

    private static boolean probe() {
        System.Logger log = System.getLogger("org.lcnflow.core.risk.engine");
        if (!Boolean.parseBoolean(System.getProperty("lcn.vector", "true"))) {
            log.log(System.Logger.Level.DEBUG, "lcn-flow data pass: plain Java loops (-Dlcn.vector=false)");
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.log(System.Logger.Level.DEBUG, "lcn-flow data pass: plain Java loops (start the JVM with"
                    + " --add-modules jdk.incubator.vector for the Vector API kernels)");
            return false;
        }
        try {
            int length = VectorKernels.length();
            boolean fits = SampleBlocks.LANES % length == 0 && SampleBlocks.WIDE_LANES % length == 0;
            log.log(System.Logger.Level.DEBUG, "lcn-flow data pass: " + (fits ? "Vector API kernels, " + length
                    + " doubles per vector" : "plain Java loops (" + length + " doubles per vector do not divide a"
                    + " block)"));
            return fits;
        } catch (LinkageError e) {
            log.log(System.Logger.Level.DEBUG, "lcn-flow data pass: plain Java loops (the Vector API did not load: "
                    + e + ")");
            return false;
        }
    }
}
