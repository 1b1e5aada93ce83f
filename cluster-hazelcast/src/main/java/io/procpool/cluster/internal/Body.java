package io.procpool.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain fields a message body is made of, written and read in order: strings, lists of them,
 * maps of them, byte arrays and numbers. Only opened (authenticated) bodies are read, but a
 * reader still refuses sizes past {@link #MAX_ITEMS} and {@link #MAX_BYTES}: a bug on the other
 * side must not become an {@code OutOfMemoryError} here.
 */
final class Body {
  static final int MAX_ITEMS = 100_000;
  static final int MAX_BYTES = 16 * 1024 * 1024;

  /** Builds one body. */
  static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer string(String value) {
      return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Writer strings(List<String> values) {
      number(values.size());
      values.forEach(this::string);
      return this;
    }

    Writer map(Map<String, String> values) {
      number(values.size());
      values.forEach((k, v) -> string(k).string(v));
      return this;
    }

    Writer bytes(byte[] value) {
      number(value.length);
      try {
        out.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer number(long value) {
      try {
        out.writeLong(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] toBytes() {
      return bytes.toByteArray();
    }
  }

  /** Reads one body, in the order it was written. */
  static final class Reader {
    private final DataInputStream in;

    Reader(byte[] body) {
      this.in = new DataInputStream(new ByteArrayInputStream(body));
    }

    String string() throws IOException {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    List<String> strings() throws IOException {
      int count = count(MAX_ITEMS);
      List<String> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(string());
      }
      return values;
    }

    Map<String, String> map() throws IOException {
      int count = count(MAX_ITEMS);
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        values.put(string(), string());
      }
      return values;
    }

    byte[] bytes() throws IOException {
      byte[] value = new byte[count(MAX_BYTES)];
      in.readFully(value);
      return value;
    }

    long number() throws IOException {
      return in.readLong();
    }

    private int count(int limit) throws IOException {
      long count = in.readLong();
      if (count < 0 || count > limit) {
        throw new IOException("a count of " + count + " in a message body, outside 0.." + limit);
      }
      return (int) count;
    }
  }

  private Body() {}
}
