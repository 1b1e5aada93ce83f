package io.procpool.junit.internal;

import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.junit.WithPool;
import io.procpool.junit.WithPool.Scope;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The {@link WithPool} that applies to a test, where it was found, and how to build its pool. A
 * test method's own annotation wins, then its class's (or a superclass's), then each enclosing
 * class's, for {@code @Nested} tests; with none, the defaults.
 */
public final class PoolSpec {
  private static final WithPool DEFAULTS = Defaults.class.getAnnotation(WithPool.class);

  @WithPool
  private static final class Defaults {}

  private final WithPool settings;
  /** The test class (or enclosing class) the annotation was found on, directly or inherited. */
  private final Class<?> declaringClass;
  private final String where;

  private PoolSpec(WithPool settings, Class<?> declaringClass, String where) {
    this.settings = settings;
    this.declaringClass = declaringClass;
    this.where = where;
  }

  /** The spec for a test (or, with no test method in {@code context}, for its class). */
  public static PoolSpec of(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isPresent()) {
      Optional<WithPool> own = AnnotationSupport.findAnnotation(method.get(), WithPool.class);
      if (own.isPresent()) {
        PoolSpec spec = new PoolSpec(own.get(), context.getRequiredTestClass(), "@WithPool on " + describe(method.get()));
        if (spec.scope() == Scope.CLASS) {
          throw new ExtensionConfigurationException(spec.where + ": scope CLASS is for a class's annotation;"
              + " a method's pool is the test's own");
        }
        return spec;
      }
    }
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = enclosing(type)) {
      Optional<WithPool> found = AnnotationSupport.findAnnotation(type, WithPool.class);
      if (found.isPresent()) {
        return new PoolSpec(found.get(), type, "@WithPool on " + type.getName());
      }
    }
    return new PoolSpec(DEFAULTS, context.getRequiredTestClass(), "PoolExtension on " + context.getRequiredTestClass().getName());
  }

  /** The class of an inner ({@code @Nested}) class's outer instance, or null for a top-level or static one. */
  private static Class<?> enclosing(Class<?> type) {
    return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName() + "()";
  }

  /** How long the pool lives. */
  public Scope scope() {
    return settings.scope();
  }

  /**
   * The test class the annotation applies from (the test's own, or the enclosing class of a
   * {@code @Nested} one): its context holds a pool of scope CLASS, and its hierarchy the factory.
   */
  public Class<?> declaringClass() {
    return declaringClass;
  }

  /** Where the settings came from, for messages: {@code @WithPool on com.example.MyTest}. */
  public String where() {
    return where;
  }

  /**
   * Builds the pool. {@code context} is the one of the test or class it is for, to find the
   * factory method's instance in.
   *
   * @throws ExtensionConfigurationException if the settings are wrong or the pool cannot be built,
   *     saying which annotation and why
   */
  public Pool build(ExtensionContext context) {
    PoolBuilder builder = settings.builder().isEmpty() ? fromAttributes() : fromFactory(context);
    try {
      return builder.build();
    } catch (RuntimeException e) {
      String hint = e.getMessage() != null && e.getMessage().startsWith("No procpool transport")
          ? ". Add a transport to the test class path (io.procpool:transport-pipes, with <scope>test</scope>)"
              + " or name one with @WithPool(transport = \"...\")"
          : "";
      throw new ExtensionConfigurationException(where + ": the pool cannot be built: " + e.getMessage() + hint, e);
    }
  }

  private PoolBuilder fromAttributes() {
    PoolBuilder builder;
    try {
      builder = ProcessPool.builder().workers(settings.workers());
      if (!settings.transport().isEmpty()) {
        builder.transport(settings.transport());
      }
      builder.jvmOptions(settings.jvmOptions());
      for (String property : settings.systemProperties()) {
        int equals = property.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException("systemProperties entry '" + property + "' is not key=value");
        }
        builder.systemProperty(property.substring(0, equals), property.substring(equals + 1));
      }
      if (settings.maxTasksPerChild() != 0) {
        builder.maxTasksPerChild(settings.maxTasksPerChild());
      }
      if (settings.taskTimeoutMillis() != 0) {
        builder.taskTimeout(Duration.ofMillis(settings.taskTimeoutMillis()));
      }
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
    }
    return builder;
  }

  private PoolBuilder fromFactory(ExtensionContext context) {
    if (setsMoreThanTheBuilder()) {
      throw new ExtensionConfigurationException(where + ": builder = \"" + settings.builder()
          + "\" configures the pool alone; set the other settings in that method");
    }
    String name = settings.builder();
    Class<?> owner = declaringClass;
    int hash = name.indexOf('#');
    if (hash >= 0) {
      String className = name.substring(0, hash);
      owner = ReflectionSupport.tryToLoadClass(className).toOptional().orElseThrow(() ->
          new ExtensionConfigurationException(where + ": no class " + className + " for builder = \"" + settings.builder() + "\""));
      name = name.substring(hash + 1);
    }
    String methodName = name;
    Class<?> searched = owner;
    Method factory = ReflectionSupport.findMethod(owner, methodName).orElseThrow(() -> new ExtensionConfigurationException(
        where + ": builder = \"" + settings.builder() + "\" names no method " + methodName + "() of " + searched.getName()));
    if (!PoolBuilder.class.isAssignableFrom(factory.getReturnType())) {
      throw new ExtensionConfigurationException(where + ": builder method " + methodName + "() returns "
          + factory.getReturnType().getName() + ", not a PoolBuilder");
    }
    Object target = null;
    if (!Modifier.isStatic(factory.getModifiers())) {
      Class<?> type = factory.getDeclaringClass();
      target = context.getTestInstances().<Object>flatMap(instances -> instances.findInstance(type).map(Object.class::cast))
          .or(() -> context.getTestInstance().filter(type::isInstance))
          .orElseThrow(() -> new ExtensionConfigurationException(where + ": builder method " + methodName
              + "() must be static: there is no test instance yet for a pool of scope CLASS"
              + " (or use @TestInstance(PER_CLASS))"));
    }
    PoolBuilder builder = (PoolBuilder) ReflectionSupport.invokeMethod(factory, target);
    if (builder == null) {
      throw new ExtensionConfigurationException(where + ": builder method " + methodName + "() returned null");
    }
    return builder;
  }

  private boolean setsMoreThanTheBuilder() {
    return settings.workers() != DEFAULTS.workers() || !settings.transport().isEmpty()
        || settings.jvmOptions().length > 0 || settings.systemProperties().length > 0
        || settings.maxTasksPerChild() != 0 || settings.taskTimeoutMillis() != 0;
  }
}
