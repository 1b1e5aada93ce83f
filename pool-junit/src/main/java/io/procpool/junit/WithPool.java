package io.procpool.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a {@link io.procpool.Pool}: a parameter of type {@code Pool} (of the test method,
 * a {@code @BeforeEach}/{@code @AfterEach} method, or, for {@link Scope#CLASS}, a
 * {@code @BeforeAll}/{@code @AfterAll} method) or a field marked {@link InjectPool}. The pool is
 * built when first asked for, closed after the test ({@link Scope#METHOD}) or after the class
 * ({@link Scope#CLASS}), and the test fails if a worker process or a pool thread outlives it
 * (see {@link PoolExtension}).
 *
 * <pre>{@code
 * @WithPool(workers = 2, transport = "pipes")
 * class PricingTest {
 *   @Test
 *   void pricesInWorkers(Pool pool) throws Exception {
 *     assertEquals(List.of(2, 4), pool.map(x -> x * 2, List.of(1, 2)));
 *   }
 * }
 * }</pre>
 *
 * On a method, it configures that test's own pool and wins over the class's. On a class, it
 * applies to the class's tests and to its {@code @Nested} classes, unless they have their own.
 * Settings an annotation cannot express (an initializer, a listener, a transport module) come from
 * a factory method named by {@link #builder()}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(PoolExtension.class)
public @interface WithPool {

  /**
   * How many workers the pool keeps.
   *
   * @return the number of workers, at least 1; 2 by default, to keep tests quick
   */
  int workers() default 2;

  /**
   * The transport, by name ({@code "pipes"}, {@code "netty"}, {@code "inprocess"}).
   *
   * @return the name; empty (the default) for the one the system property
   *     {@code procpool.transport} names, else the best one on the class path
   */
  String transport() default "";

  /**
   * Options for each worker JVM, such as {@code -Xmx256m}.
   *
   * @return the options, none by default
   */
  String[] jvmOptions() default {};

  /**
   * System properties for each worker JVM, each written {@code key=value}.
   *
   * @return the properties, none by default
   */
  String[] systemProperties() default {};

  /**
   * Replaces each worker after this many tasks ({@code PoolBuilder.maxTasksPerChild}).
   *
   * @return the number of tasks; 0 (the default) for never
   */
  int maxTasksPerChild() default 0;

  /**
   * Stops a task that runs longer than this many milliseconds ({@code PoolBuilder.taskTimeout}).
   *
   * @return the limit in milliseconds; 0 (the default) for none
   */
  long taskTimeoutMillis() default 0;

  /**
   * A method that returns the {@code io.procpool.core.PoolBuilder} to build the pool from, for
   * settings this annotation cannot express. It takes no parameters; it is looked up in the class
   * that carries this annotation (or, written {@code com.example.Pools#twoWorkers}, in that
   * class). It may be an instance method when the pool is of {@link Scope#METHOD}, or under
   * {@code @TestInstance(PER_CLASS)}; otherwise it must be static. When it is set, the builder
   * alone configures the pool: setting another attribute as well is an error.
   *
   * @return the method's name; empty (the default) to build from this annotation's attributes
   */
  String builder() default "";

  /**
   * How long the pool lives.
   *
   * @return {@link Scope#METHOD} (the default) or {@link Scope#CLASS}
   */
  Scope scope() default Scope.METHOD;

  /** How long a pool lives, and which test's leak check it answers to. */
  enum Scope {
    /** Each test gets a pool of its own, closed after the test (and its {@code @AfterEach} methods). */
    METHOD,
    /**
     * The class's tests share one pool, closed after the class (and its {@code @AfterAll}
     * methods); only allowed on a class. Its workers, and the threads it starts, are checked at
     * the end of the class: a test checks only for worker processes other than the pool's.
     */
    CLASS
  }
}
