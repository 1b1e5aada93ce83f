package io.procpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of README.md compiles against the jars users get. A block that is a
 * whole compilation unit (it declares a type) is compiled as it is; any other block is a
 * snippet: its imports stay imports, and the rest becomes the body of a method in a subclass of
 * {@link ReadmeFixtures}, with the imports README's readers are assumed to have written.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("(?m)^(public |final |abstract )*(class|record|interface|enum) \\w+");
  private static final String ASSUMED_IMPORTS = String.join("\n",
      "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
      "import java.util.concurrent.*;", "import java.util.stream.*;",
      "import io.procpool.*;", "import io.procpool.core.*;",
      "import io.procpool.transport.pipes.*;", "import io.procpool.transport.netty.*;",
      "import io.procpool.transport.inprocess.*;", "import io.procpool.cluster.*;", "");

  @TempDir Path classes;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<Block> blocks = blocks(Files.readString(README));
    assertFalse(blocks.isEmpty(), "README.md has no java blocks: is " + README.toAbsolutePath() + " the README?");
    return blocks.stream().map(block -> DynamicTest.dynamicTest("README.md line " + block.line(),
        () -> assertCompiles(block)));
  }

  @Test
  void aBlockThatDoesNotCompileIsReportedWithItsReadmeLine() {
    Block broken = new Block(7, "int x = \"not a number\";\n");
    String errors = compile(broken);
    assertTrue(errors.contains("README.md line 7") && errors.contains("incompatible types"), errors);
  }

  private void assertCompiles(Block block) {
    assertEquals("", compile(block), "README.md line " + block.line() + " does not compile:\n" + block.code());
  }

  /** Compiles the block; returns javac's diagnostics, empty when it compiled cleanly. */
  private String compile(Block block) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options = List.of("-d", classes.toString(), "-proc:none", "-Xlint:none",
        "-cp", System.getProperty("java.class.path"));
    boolean compiled = javac.getTask(diagnostics, null, null, options, null, List.of(source(block))).call();
    return compiled && diagnostics.toString().isBlank() ? "" : diagnostics.toString();
  }

  private static JavaFileObject source(Block block) {
    String code = block.code();
    boolean wholeUnit = TYPE_DECLARATION.matcher(code).find();
    String name = wholeUnit ? declaredName(code) : "ReadmeLine" + block.line();
    String text = wholeUnit ? withAssumedImports(code) : snippetClass(name, code);
    URI uri = URI.create("string:///README.md%20line%20" + block.line() + "/" + name + ".java");
    return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  private static String withAssumedImports(String unit) {
    if (!unit.startsWith("package ")) {
      return ASSUMED_IMPORTS + unit;
    }
    int endOfPackage = unit.indexOf('\n') + 1;
    return unit.substring(0, endOfPackage) + ASSUMED_IMPORTS + unit.substring(endOfPackage);
  }

  private static String snippetClass(String name, String code) {
    StringBuilder imports = new StringBuilder(ASSUMED_IMPORTS);
    StringBuilder body = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    return imports + "class " + name + " extends " + ReadmeFixtures.class.getName() + " {\n"
        + "  void snippet() throws Exception {\n" + body + "  }\n}\n";
  }

  private static String declaredName(String code) {
    Matcher declaration = TYPE_DECLARATION.matcher(code);
    declaration.find();
    return declaration.group().replaceAll(".* ", "");
  }

  private static List<Block> blocks(String readme) {
    List<Block> blocks = new ArrayList<>();
    Matcher block = BLOCK.matcher(readme);
    while (block.find()) {
      int line = (int) readme.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 2;
      blocks.add(new Block(line, block.group(1)));
    }
    return blocks;
  }

  private record Block(int line, String code) {}
}
