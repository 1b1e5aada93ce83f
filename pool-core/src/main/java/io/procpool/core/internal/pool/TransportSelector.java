package io.procpool.core.internal.pool;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds a transport's module by name, by system property, or by priority. The providers found
 * are kept for the next pool: a scan reads every jar's {@code META-INF/services} and loads each
 * provider, which a program that builds pools one after another would pay each time. They are
 * kept for one class loader (the thread's context loader, which the scan uses), the last one
 * asked; a scan for another loader replaces them, so that a loader let go (an application
 * redeployed) is held by them no longer than until the next pool of another one.
 */
public final class TransportSelector {
  /** Names the transport when the builder does not. */
  public static final String TRANSPORT_PROPERTY = "procpool.transport";

  /** The last scan: the loader it was made for, and what it found. */
  private record Scan(WeakReference<ClassLoader> loader, List<TransportProvider> providers) {}

  private static volatile Scan last;

  private TransportSelector() {}

  /** The module of the named transport; if {@code name} is null, the property's or the best one. */
  public static Module select(String name) {
    List<TransportProvider> providers = providers();
    String wanted = name != null ? name : System.getProperty(TRANSPORT_PROPERTY);
    if (wanted != null) {
      return byName(providers, wanted.trim()).module();
    }
    // Loops, not streams, on the way to the first worker: a cold JVM's first lambdas cost it tens of ms.
    TransportProvider best = null;
    for (TransportProvider provider : providers) {
      if (provider.priority() >= 0 && provider.isAvailable() // a negative one is taken by name only
          && (best == null || provider.priority() > best.priority())) {
        best = provider;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "No procpool transport on the class path: add the dependency io.procpool:transport-pipes"
              + " (or io.procpool:transport-netty)");
    }
    return best.module();
  }

  private static List<TransportProvider> providers() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Scan scan = last;
    if (scan != null && scan.loader().get() == loader && loader != null) {
      return scan.providers();
    }
    List<TransportProvider> found = new ArrayList<>();
    for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, loader)) {
      found.add(provider);
    }
    List<TransportProvider> providers = List.copyOf(found);
    last = new Scan(new WeakReference<>(loader), providers);
    return providers;
  }

  private static TransportProvider byName(List<TransportProvider> providers, String wanted) {
    TransportProvider found = providers.stream()
        .filter(provider -> provider.name().equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown procpool transport '" + wanted
            + "'" + artifactHint(wanted) + "; known transports: " + names(providers)));
    if (!found.isAvailable()) {
      throw new IllegalStateException("procpool transport '" + wanted + "' is not available on this machine");
    }
    return found;
  }

  /** procpool's own transports, by name, and the artifact each comes in. */
  private static final Map<String, String> OWN_ARTIFACTS = Map.of(
      "pipes", "io.procpool:transport-pipes",
      "netty", "io.procpool:transport-netty",
      "inprocess", "io.procpool:transport-inprocess");

  private static String artifactHint(String wanted) {
    String artifact = OWN_ARTIFACTS.get(wanted.toLowerCase(Locale.ROOT));
    return artifact == null ? "" : ": add the dependency " + artifact;
  }

  private static String names(List<TransportProvider> providers) {
    return providers.isEmpty()
        ? "none (add io.procpool:transport-pipes)"
        : providers.stream().map(TransportProvider::name).sorted().collect(Collectors.joining(", "));
  }
}
