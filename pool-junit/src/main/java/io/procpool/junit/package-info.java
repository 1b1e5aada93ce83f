/**
 * A JUnit 5 extension for tests that use pools. {@link io.procpool.junit.WithPool} on a test class
 * or method injects a configured {@link io.procpool.Pool} into the test's parameters (and fields
 * marked {@link io.procpool.junit.InjectPool}), closes it after the test or the class, fails the
 * test if a worker process or a pool thread outlives it, and adds the workers' standard error to
 * a failing test's report. {@link io.procpool.junit.PoolLeakCheck} is the leak check on its own,
 * for code that manages its pools itself.
 */
package io.procpool.junit;
