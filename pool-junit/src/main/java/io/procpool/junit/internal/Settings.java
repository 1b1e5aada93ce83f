package io.procpool.junit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The extension's configuration parameters ({@code junit-platform.properties}, {@code -D}, a launcher's). */
public final class Settings {
  /** How long what a test's pools left may take to end before the test fails. */
  public static final String LEAK_GRACE = "procpool.junit.leakGrace";
  /** How long closing a test's pool may wait for its tasks before the pool is terminated. */
  public static final String CLOSE_TIMEOUT = "procpool.junit.closeTimeout";

  static final Duration DEFAULT_LEAK_GRACE = Duration.ofSeconds(10);
  static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

  private Settings() {}

  static Duration leakGrace(ExtensionContext context) {
    return duration(context, LEAK_GRACE, DEFAULT_LEAK_GRACE);
  }

  static Duration closeTimeout(ExtensionContext context) {
    return duration(context, CLOSE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
  }

  private static Duration duration(ExtensionContext context, String key, Duration otherwise) {
    return context.getConfigurationParameter(key).map(value -> parse(key, value)).orElse(otherwise);
  }

  /** {@code 500 ms}, {@code 10 s}, {@code 2 m} (a bare number is seconds), or ISO-8601 ({@code PT10S}). */
  static Duration parse(String key, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher amount = AMOUNT.matcher(text);
    if (amount.matches()) {
      long number = Long.parseLong(amount.group(1));
      String unit = amount.group(2) == null ? "s" : amount.group(2);
      return unit.equals("ms") ? Duration.ofMillis(number) : unit.equals("m") ? Duration.ofMinutes(number) : Duration.ofSeconds(number);
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new ExtensionConfigurationException(key + " = '" + value + "' is not a duration such as '500 ms', '10 s' or 'PT10S'", e);
    }
  }
}
