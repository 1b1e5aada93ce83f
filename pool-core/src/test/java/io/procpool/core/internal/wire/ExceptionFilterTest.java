package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.procpool.RemoteTaskException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.BatchUpdateException;
import java.sql.ClientInfoStatus;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExceptionFilterTest {
  /** Counts how often this process ran its readObject. */
  static final AtomicInteger READS = new AtomicInteger();

  /** A serializable value whose readObject has a side effect: what a gadget does. */
  static final class SideEffect implements Serializable {
    private static final long serialVersionUID = 1;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }

  static final class CarriesSideEffect extends RuntimeException {
    private static final long serialVersionUID = 1;
    @SuppressWarnings("unused")
    private final SideEffect payload = new SideEffect();

    CarriesSideEffect(String message) {
      super(message);
    }
  }

  enum Reason { LATE }

  /** A user's exception holding the JDK value types the filter lets in. */
  static final class CarriesValues extends Exception {
    private static final long serialVersionUID = 1;
    final Reason reason = Reason.LATE;
    final UUID id = new UUID(1, 2);
    final Instant at = Instant.ofEpochSecond(7);
    final List<String> names = List.of("a", "b");
    final Map<String, Integer> counts = Map.of("x", 1);
    final long[] codes = {1, 2};
    final Integer[] boxed = {3, null};

    CarriesValues() {
      super("values");
    }
  }

  private static Throwable roundTrip(Throwable error, ExceptionFilter filter) {
    return ThrowableCodec.decode(ThrowableCodec.encode(error), filter);
  }

  @Test
  void aRefusedTypeIsNeverDeserializedAndTheExceptionArrivesDescribed() {
    READS.set(0);
    CarriesSideEffect original = new CarriesSideEffect("boom");
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class,
        roundTrip(original, ExceptionFilter.DEFAULT));
    assertEquals(0, READS.get());
    assertEquals(CarriesSideEffect.class.getName(), remote.remoteClassName());
    assertEquals("boom", remote.remoteMessage());
    assertArrayEquals(original.getStackTrace(), remote.getStackTrace());
  }

  @Test
  void aTypeTheUserAllowsByPatternIsRebuilt() {
    READS.set(0);
    ExceptionFilter filter = ExceptionFilter.allowing(List.of(SideEffect.class.getName()));
    CarriesSideEffect copy = assertInstanceOf(CarriesSideEffect.class, roundTrip(new CarriesSideEffect("boom"), filter));
    assertEquals("boom", copy.getMessage());
    assertEquals(1, READS.get());
  }

  @Test
  void aPackagePatternAllowsItsTypes() {
    ExceptionFilter filter = ExceptionFilter.allowing(List.of("io.procpool.core.internal.wire.*"));
    assertInstanceOf(CarriesSideEffect.class, roundTrip(new CarriesSideEffect("boom"), filter));
  }

  @Test
  void jdkExceptionsWithCausesAndSuppressedOnesStillComeBackAsThemselves() {
    IllegalStateException original = new IllegalStateException("outer",
        new UncheckedIOException(new NoSuchFileException("/a", "/b", "gone")));
    original.addSuppressed(new ExecutionException(new ArithmeticException("/ by zero")));
    IllegalStateException copy = assertInstanceOf(IllegalStateException.class, roundTrip(original, ExceptionFilter.DEFAULT));
    NoSuchFileException file = assertInstanceOf(NoSuchFileException.class, copy.getCause().getCause());
    assertEquals("/a -> /b: gone", file.getMessage());
    Throwable suppressed = copy.getSuppressed()[0];
    assertEquals("/ by zero", assertInstanceOf(ArithmeticException.class, suppressed.getCause()).getMessage());
    assertArrayEquals(original.getStackTrace(), copy.getStackTrace());
  }

  @Test
  void sqlExceptionChainsComeBackAsThemselves() {
    SQLException first = new SQLException("first", "08001", 17);
    first.setNextException(new BatchUpdateException("batch", new int[] {1, -3}));
    first.setNextException(new SQLClientInfoException("info", Map.of("app", ClientInfoStatus.REASON_VALUE_INVALID)));
    SQLException copy = assertInstanceOf(SQLException.class, roundTrip(first, ExceptionFilter.DEFAULT));
    assertEquals("08001", copy.getSQLState());
    BatchUpdateException batch = assertInstanceOf(BatchUpdateException.class, copy.getNextException());
    assertArrayEquals(new int[] {1, -3}, batch.getUpdateCounts());
    SQLClientInfoException info = assertInstanceOf(SQLClientInfoException.class, batch.getNextException());
    assertEquals(Map.of("app", ClientInfoStatus.REASON_VALUE_INVALID), info.getFailedProperties());
  }

  @Test
  void jdkValueTypesInAUsersExceptionAreAllowed() {
    DateTimeParseException parse = assertThrows(DateTimeParseException.class,
        () -> DateTimeFormatter.ISO_DATE.parse("nope"));
    CarriesValues original = new CarriesValues();
    original.initCause(parse);
    CarriesValues copy = assertInstanceOf(CarriesValues.class, roundTrip(original, ExceptionFilter.DEFAULT));
    assertEquals(Reason.LATE, copy.reason);
    assertEquals(new UUID(1, 2), copy.id);
    assertEquals(Instant.ofEpochSecond(7), copy.at);
    assertEquals(List.of("a", "b"), copy.names);
    assertEquals(Map.of("x", 1), copy.counts);
    assertArrayEquals(new long[] {1, 2}, copy.codes);
    assertArrayEquals(new Integer[] {3, null}, copy.boxed);
    assertEquals("nope", assertInstanceOf(DateTimeParseException.class, copy.getCause()).getParsedString());
  }

  /** An exception holding a long array: a worker's bytes could claim any length. */
  static final class CarriesArray extends RuntimeException {
    private static final long serialVersionUID = 1;
    @SuppressWarnings("unused")
    private final byte[] data;

    CarriesArray(int length) {
      super("array");
      this.data = new byte[length];
    }
  }

  @Test
  void anArrayLongerThanTheLimitIsRefused() {
    assertInstanceOf(CarriesArray.class, roundTrip(new CarriesArray((int) ExceptionFilter.MAX_ARRAY_LENGTH),
        ExceptionFilter.DEFAULT));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class,
        roundTrip(new CarriesArray((int) ExceptionFilter.MAX_ARRAY_LENGTH + 1), ExceptionFilter.DEFAULT));
    assertEquals(CarriesArray.class.getName() + ": array", remote.getMessage());
  }

  @Test
  void aCauseChainDeeperThanTheLimitIsRefused() {
    Throwable deep = new IllegalStateException("root");
    for (int i = 0; i < ExceptionFilter.MAX_DEPTH; i++) {
      deep = new IllegalStateException("level " + i, deep);
    }
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, roundTrip(deep, ExceptionFilter.DEFAULT));
    assertEquals("level " + (ExceptionFilter.MAX_DEPTH - 1), remote.remoteMessage());
  }

  @Test
  void moreBytesThanTheLimitAreRefused() {
    String huge = "x".repeat((int) ExceptionFilter.MAX_BYTES);
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class,
        roundTrip(new IllegalStateException(huge), ExceptionFilter.DEFAULT));
    assertEquals(IllegalStateException.class.getName(), remote.remoteClassName());
  }

  @Test
  void aPatternThatIsNotAClassNamePatternIsRefusedWithWhatWouldDo() {
    IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
        () -> ExceptionFilter.allowing(List.of("com.example.*", "maxdepth=5")));
    assertEquals("allowInExceptions takes class name patterns such as com.example.Money, com.example.*"
        + " (a package) or com.example.** (and its subpackages); was: \"maxdepth=5\"", limit.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ExceptionFilter.allowing(List.of("!com.example.Bad")));
    assertThrows(IllegalArgumentException.class, () -> ExceptionFilter.allowing(List.of(" ")));
  }
}
