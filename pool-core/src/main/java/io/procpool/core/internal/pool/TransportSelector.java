package io.procpool.core.internal.pool;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds a transport's module by name, by system property, or by priority. */
public final class TransportSelector {
  /** Names the transport when the builder does not. */
  public static final String TRANSPORT_PROPERTY = "procpool.transport";

  private TransportSelector() {}

  /** The module of the named transport; if {@code name} is null, the property's or the best one. */
  public static Module select(String name) {
    List<TransportProvider> providers = ServiceLoader.load(TransportProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
    String wanted = name != null ? name : System.getProperty(TRANSPORT_PROPERTY);
    if (wanted != null) {
      return byName(providers, wanted.trim()).module();
    }
    return providers.stream()
        .filter(TransportProvider::isAvailable)
        .filter(provider -> provider.priority() >= 0) // taken by name only
        .max(Comparator.comparingInt(TransportProvider::priority))
        .orElseThrow(() -> new IllegalStateException(
            "No procpool transport on the class path: add the dependency io.procpool:transport-pipes"
                + " (or io.procpool:transport-netty)"))
        .module();
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
