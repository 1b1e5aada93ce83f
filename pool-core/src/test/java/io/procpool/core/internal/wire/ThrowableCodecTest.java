package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procpool.RemoteTaskException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ThrowableCodecTest {
  static final class Unserializable extends RuntimeException {
    @SuppressWarnings("unused")
    private final Object field = new Object();

    Unserializable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void serializableExceptionComesBackAsItselfWithCauseAndStack() {
    IllegalStateException original = new IllegalStateException("outer", new IOException("inner"));
    Throwable decoded = ThrowableCodec.decode(ThrowableCodec.encode(original));
    IllegalStateException copy = assertInstanceOf(IllegalStateException.class, decoded);
    assertEquals("outer", copy.getMessage());
    assertEquals("inner", assertInstanceOf(IOException.class, copy.getCause()).getMessage());
    assertArrayEquals(original.getStackTrace(), copy.getStackTrace());
  }

  @Test
  void unserializableExceptionBecomesRemoteTaskExceptionChain() {
    Unserializable original = new Unserializable("top", new IllegalArgumentException("root"));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class,
        ThrowableCodec.decode(ThrowableCodec.encode(original)));
    assertEquals(Unserializable.class.getName(), remote.remoteClassName());
    assertEquals("top", remote.remoteMessage());
    assertEquals(Unserializable.class.getName() + ": top", remote.getMessage());
    assertArrayEquals(original.getStackTrace(), remote.getStackTrace());
    RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, remote.getCause());
    assertEquals(IllegalArgumentException.class.getName(), cause.remoteClassName());
    assertNull(cause.getCause());
  }

  @Test
  void nullMessageSurvives() {
    Unserializable original = new Unserializable(null, null);
    RemoteTaskException remote = (RemoteTaskException) ThrowableCodec.decode(ThrowableCodec.encode(original));
    assertNull(remote.remoteMessage());
    assertEquals(Unserializable.class.getName(), remote.getMessage());
  }
}
