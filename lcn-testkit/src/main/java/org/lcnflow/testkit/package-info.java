/**
 * Contract tests for lcn-flow plugins: abstract JUnit 5 classes that an implementation, built-in or a
 * user's, extends by supplying its instances and tolerances.
 */
package org.lcnflow.testkit;
