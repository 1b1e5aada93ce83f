package io.procpool.junit;

import io.procpool.Pool;
import io.procpool.junit.WithPool.Scope;
import io.procpool.junit.internal.PoolSpec;
import io.procpool.junit.internal.Settings;
import io.procpool.junit.internal.TestScope;
import io.procpool.junit.internal.WorkerReport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link WithPool}; register it yourself ({@code @ExtendWith(PoolExtension.class)})
 * for pools with the default settings and the leak check alone. For each test, and each class, it:
 *
 * <ul>
 *   <li>resolves parameters of type {@link Pool} and sets fields marked {@link InjectPool}, with the
 *       pool {@link WithPool} configures, built when first asked for;
 *   <li>closes that pool after the test (and its {@code @AfterEach} methods), or after the class
 *       for {@link Scope#CLASS}; a pool whose tasks are still running after
 *       {@value #CLOSE_TIMEOUT_PROPERTY} (60 s by default) is terminated, and the test fails;
 *   <li>then fails the test if a worker process or a pool thread (one named {@code procpool-}) that
 *       appeared during it is still alive after {@value #LEAK_GRACE_PROPERTY} (10 s by default),
 *       naming each, and kills the processes. What existed before the test is not counted, nor is
 *       a pool's callback thread waiting, idle, for its keep-alive to end it;
 *   <li>when the test fails, adds to its failure (as a suppressed exception, so reports show it) the
 *       last lines each of its pools' workers wrote to standard error, and names the workers whose
 *       death the failure reports.
 * </ul>
 *
 * State lives in each context's {@link ExtensionContext.Store}, so tests may run in parallel. What
 * appeared while tests ran alongside cannot be told apart from theirs: such a test checks only
 * the worker processes of the pool it was given.
 */
public final class PoolExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  /** The configuration parameter for how long leftovers may take to end, such as {@code 5 s} or {@code 500 ms}. */
  public static final String LEAK_GRACE_PROPERTY = Settings.LEAK_GRACE;

  /** The configuration parameter for how long closing a pool may wait for its tasks, such as {@code 30 s}. */
  public static final String CLOSE_TIMEOUT_PROPERTY = Settings.CLOSE_TIMEOUT;

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PoolExtension.class);

  /** Creates the extension; JUnit does, through {@link WithPool} or {@code @ExtendWith}. */
  public PoolExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    begin(context);
    List<Field> fields = injectedFields(context.getRequiredTestClass(), true);
    if (!fields.isEmpty()) {
      PoolSpec spec = PoolSpec.of(context);
      if (spec.scope() != Scope.CLASS) {
        throw new ExtensionConfigurationException(spec.where() + ": static @InjectPool field " + fields.get(0).getName()
            + " needs the class's pool: @WithPool(scope = CLASS) on the class");
      }
      Pool pool = classPool(context, spec, "static @InjectPool field " + fields.get(0).getName());
      fields.forEach(field -> set(field, null, pool));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ownScope(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      List<Field> fields = injectedFields(instance.getClass(), false);
      if (!fields.isEmpty()) {
        Pool pool = pool(context, "an @InjectPool field");
        fields.forEach(field -> set(field, instance, pool));
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    end(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    end(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Pool.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return pool(context, "parameter " + parameter.getParameter().getName() + " of " + parameter.getDeclaringExecutable());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkerReport(context, failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkerReport(context, failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkerReport(context, failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkerReport(context, failure);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkerReport(context, failure);
  }

  private static TestScope begin(ExtensionContext context) {
    TestScope parent = context.getParent().map(PoolExtension::nearestScope).orElse(null);
    TestScope scope = TestScope.begin(context, parent);
    context.getStore(NAMESPACE).put(TestScope.class, scope);
    return scope;
  }

  private static void end(ExtensionContext context) throws InterruptedException {
    TestScope scope = context.getStore(NAMESPACE).remove(TestScope.class, TestScope.class);
    if (scope != null) {
      scope.end();
    }
  }

  /** The scope of this context or, if it has none, of the nearest enclosing context that has one. */
  private static TestScope nearestScope(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(TestScope.class, TestScope.class);
  }

  /** The pool for whatever asks in {@code context}: the test's own, or its class's. */
  private static Pool pool(ExtensionContext context, String asking) {
    PoolSpec spec = PoolSpec.of(context);
    if (spec.scope() == Scope.CLASS) {
      return classPool(context, spec, asking);
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ExtensionConfigurationException(spec.where() + ": " + asking + " asks for a pool outside a test,"
          + " which needs @WithPool(scope = CLASS) on the class");
    }
    return ownScope(context).pool(spec, context);
  }

  /** The scope begun in this context, begun now if the context has none yet. */
  private static TestScope ownScope(ExtensionContext context) {
    TestScope scope = nearestScope(context);
    return scope != null && isOwnScope(context, scope) ? scope : begin(context);
  }

  /** Whether {@code scope} was begun in {@code context} itself rather than found in an ancestor's store. */
  private static boolean isOwnScope(ExtensionContext context, TestScope scope) {
    return context.getParent().map(parent -> nearestScope(parent) != scope).orElse(true);
  }

  private static Pool classPool(ExtensionContext context, PoolSpec spec, String asking) {
    for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
      if (at.getTestClass().orElse(null) == spec.declaringClass() && at.getTestMethod().isEmpty()) {
        TestScope scope = at.getStore(NAMESPACE).get(TestScope.class, TestScope.class);
        if (scope != null && isOwnScope(at, scope)) {
          return scope.pool(spec, at);
        }
      }
    }
    throw new ExtensionConfigurationException(spec.where() + ": " + asking + " needs the class's pool, but"
        + " the extension is not active on " + spec.declaringClass().getName());
  }

  private static Throwable withWorkerReport(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    List<Pool> pools = new ArrayList<>();
    for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
      TestScope scope = at.getStore(NAMESPACE).get(TestScope.class, TestScope.class);
      if (scope != null && isOwnScope(at, scope)) {
        scope.builtPool().ifPresent(pools::add);
      }
    }
    String report = PoolFailureReport.describe(failure, pools);
    if (report != null) {
      failure.addSuppressed(new WorkerReport.WorkersAtFailure(report));
      context.publishReportEntry("procpool.workers", report);
    }
    return failure;
  }

  private static List<Field> injectedFields(Class<?> type, boolean statics) {
    List<Field> fields = AnnotationSupport.findAnnotatedFields(type, InjectPool.class,
        field -> Modifier.isStatic(field.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      if (field.getType() != Pool.class || Modifier.isFinal(field.getModifiers())) {
        throw new ExtensionConfigurationException("@InjectPool field " + field + " must be a non-final field of type Pool");
      }
    }
    return fields;
  }

  private static void set(Field field, Object instance, Pool pool) {
    try {
      field.setAccessible(true);
      field.set(instance, pool);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException("cannot set @InjectPool field " + field, e);
    }
  }
}
