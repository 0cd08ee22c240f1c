/**
 * The network's algebra (sections 1 and 2 of the paper): a layer is a valid convolution whose matrix is
 * eq. (1.1); the network matrix {@code V = W_N ... W_1} is again a convolution (Prop. 1.1), and its final
 * filter {@code v} holds the coefficients of the product of the layer polynomials {@code p~_i} of eq. (2.1)
 * (Prop. 2.1). {@link org.lcnflow.core.network.FinalFilter} computes {@code v},
 * {@link org.lcnflow.core.network.LayerPolynomials} the {@code p~_i},
 * {@link org.lcnflow.core.network.ConvolutionMatrices} the matrices themselves (for checks),
 * {@link org.lcnflow.core.network.PolynomialChain} the map {@code w -> v} and its adjoint on preallocated
 * work space (the hot path of every gradient), {@link org.lcnflow.core.network.ChainHessian} the second
 * derivatives of that map (the Hessian {@code J^T H_v J + sum_n (g_v)_n d^2 v_n / dw dw}), and
 * {@link org.lcnflow.core.network.InitialFilters} / {@link org.lcnflow.core.network.Initialization} the
 * initial filters {@code w0} of a flow.
 * Depends on nothing but lcn-api.
 */
package org.lcnflow.core.network;
