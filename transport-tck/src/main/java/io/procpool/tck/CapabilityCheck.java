package io.procpool.tck;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips each kit test whose {@link Requires} names a capability the transport under test lacks,
 * with that capability as the reason, and after each kit class reports what ran and what was
 * skipped: as JUnit report entries and, so that it shows in Maven's output, on {@code System.out}.
 */
public final class CapabilityCheck implements ExecutionCondition, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapabilityCheck.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Method> test = context.getTestMethod();
    Optional<Object> instance = context.getTestInstance();
    if (test.isEmpty() || instance.isEmpty() || !(instance.get() instanceof TransportTestKit)) {
      return ConditionEvaluationResult.enabled("not a kit test");
    }
    KitReport report = reportOf(context, (TransportTestKit) instance.get());
    String name = test.get().getDeclaringClass().getSimpleName() + "." + test.get().getName();
    Optional<TransportCapability> missing = firstMissing(test.get(), report.lacking());
    if (missing.isEmpty()) {
      report.ran();
      return ConditionEvaluationResult.enabled("the transport has what " + name + " needs");
    }
    String reason = "transport lacks " + missing.get() + " (" + missing.get().meaning() + ")";
    report.skipped(name, reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KitReport report = context.getStore(NAMESPACE).remove(KitReport.class, KitReport.class);
    if (report == null) {
      return;
    }
    report.skips().forEach(skip -> context.publishReportEntry("procpool.tck.skipped", skip));
    context.publishReportEntry("procpool.tck.summary", report.counts());
    System.out.print(report.summary(context.getRequiredTestClass().getSimpleName()));
    System.out.flush();
  }

  /**
   * What the transport lacks: what it lists as unsupported, and {@link TransportCapability#FRAME_LIMIT}
   * unless it gives a module with a frame limit.
   */
  static Set<TransportCapability> lacking(TransportTestKit kit) {
    Set<TransportCapability> lacking = EnumSet.noneOf(TransportCapability.class);
    lacking.addAll(kit.unsupportedCapabilities());
    if (kit.transportModuleWithFrameLimit(FrameLimitContract.LIMIT) == null) {
      lacking.add(TransportCapability.FRAME_LIMIT);
    }
    return lacking;
  }

  private static Optional<TransportCapability> firstMissing(Method test, Set<TransportCapability> lacking) {
    return AnnotationSupport.findAnnotation(test, Requires.class).stream()
        .flatMap(requires -> Arrays.stream(requires.value()))
        .filter(lacking::contains)
        .findFirst();
  }

  /** The report of the kit class this test belongs to, kept in that class's store. */
  private static KitReport reportOf(ExtensionContext test, TransportTestKit kit) {
    ExtensionContext owner = test;
    while (owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
      owner = owner.getParent().get();
    }
    return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KitReport.class, key -> new KitReport(lacking(kit)), KitReport.class);
  }
}
