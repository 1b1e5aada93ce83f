package io.procpool.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link io.procpool.Pool} for the pool {@link WithPool} configures: an
 * instance field gets the test's pool before each test, a static field the class's pool (which
 * needs {@link WithPool.Scope#CLASS}) before all tests. The extension must be active, through
 * {@link WithPool} on the class or {@code @ExtendWith(PoolExtension.class)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectPool {}
