package io.procpool.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a kit test that can only pass on a transport with these capabilities. The kit skips it,
 * with a reason naming the first capability missing, for a transport that lists any of them in
 * {@link TransportTestKit#unsupportedCapabilities()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
  /**
   *
   * @return the capabilities the test needs, all of them
   */
  TransportCapability[] value();
}
