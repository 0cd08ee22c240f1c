/**
 * The bridge to Hipparchus: any Hipparchus {@code ODEIntegrator} behind the {@code FlowIntegrator}
 * interface ({@link org.lcnflow.integrators.hipparchus.HipparchusIntegrators}{@code .wrap}), and
 * Hipparchus's own Dormand-Prince 8(5,3), Gragg-Bulirsch-Stoer and Adams integrators configured like ours,
 * against which lcn-flow's implementations are tested. Hipparchus keeps its step size, order and Nordsieck
 * vector inside {@code integrate()}, so these runs cannot be checkpointed and are not selectable by name.
 */
package org.lcnflow.integrators.hipparchus;
