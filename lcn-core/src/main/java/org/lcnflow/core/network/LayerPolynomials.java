package org.lcnflow.core.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.lcnflow.api.Architecture;

/**
 * The layer polynomials {@code p~_1, ..., p~_N} of a network (eq. (2.1)):
 * {@code p~_i(x) = sum_{j=0}^{k_i-1} w^(i)_{j+1} x^(j S_{i-1})} with {@code S_{i-1} = prod_{n<i} s_n}.
 * By Prop. 2.1 their product is the polynomial of the final filter. Immutable.
 */
public final class LayerPolynomials {

    private final Architecture architecture;
    private final List<Polynomial> layers;

    private LayerPolynomials(Architecture architecture, List<Polynomial> layers) {
        this.architecture = architecture;
        this.layers = layers;
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters, length {@code sum k_i}
     * @return the layer polynomials
     */
    public static LayerPolynomials of(Architecture architecture, double[] w) {
        requireParameters(architecture, w);
        List<Polynomial> layers = new ArrayList<>(architecture.depth());
        for (int i = 0; i < architecture.depth(); i++) {
            layers.add(Polynomial.spaced(layerFilter(architecture, w, i), architecture.cumulativeStride(i)));
        }
        return new LayerPolynomials(architecture, Collections.unmodifiableList(layers));
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @param layer        0-based layer index
     * @return a copy of that layer's filter {@code w^(layer+1)}
     */
    public static double[] layerFilter(Architecture architecture, double[] w, int layer) {
        double[] filter = new double[architecture.width(layer)];
        System.arraycopy(w, architecture.offset(layer), filter, 0, filter.length);
        return filter;
    }

    public static void requireParameters(Architecture architecture, double[] w) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(w, "w is null");
        if (w.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the parameter vector has length " + w.length + " but " + architecture
                    + " has sum k_i = " + architecture.parameterCount() + " parameters");
        }
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * @param layer 0-based layer index
     * @return {@code p~_{layer+1}}
     */
    public Polynomial layer(int layer) {
        return layers.get(layer);
    }

    /** @return all layer polynomials in layer order (unmodifiable) */
    public List<Polynomial> layers() {
        return layers;
    }

    /** @return {@code prod_i p~_i}, the final filter's polynomial (Prop. 2.1), of length {@code k_v} */
    public Polynomial product() {
        Polynomial product = layers.get(0);
        for (int i = 1; i < layers.size(); i++) {
            product = product.multiply(layers.get(i));
        }
        return product;
    }
}
