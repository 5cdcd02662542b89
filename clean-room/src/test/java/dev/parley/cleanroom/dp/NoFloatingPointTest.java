package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package is free of floating point and of non-cryptographic randomness: a scan of its main
 * sources (code only: comments and literals are blanked first) and a reflection check of every
 * declared field, method and constructor signature of its classes.
 *
 * <p>Floating point is the Mironov (2012) attack surface described in {@link
 * DiscreteLaplaceSampler}; {@code java.util.Random} and friends are predictable. Both rules hold
 * for the whole package, not just the samplers, so the accounting and the confidence intervals are
 * exact too.
 */
class NoFloatingPointTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/parley/cleanroom/dp");

  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "\\b(float|double|Float|Double|BigDecimal|StrictMath|Random|SplittableRandom"
              + "|ThreadLocalRandom|RandomGenerator|DoubleStream)\\b"
              + "|\\bMath\\s*\\.\\s*(exp|expm1|log|log10|log1p|sqrt|cbrt|pow|random|sin|cos|tan"
              + "|floor|ceil|rint|round|hypot|scalb|ulp|fma)\\b"
              + "|\\b\\d+(\\.\\d*)?([eE][+-]?\\d+)?[fFdD]\\b|\\b\\d+\\.\\d+");

  @Test
  void sources_containNoFloatingPointOrWeakRandomness() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SOURCES)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
    for (String required :
        List.of(
            "BernoulliSampler.java",
            "DiscreteLaplaceSampler.java",
            "DiscreteGaussianSampler.java",
            "RandomBits.java",
            "ConfidenceIntervals.java",
            "ZcdpConversion.java")) {
      assertTrue(names.contains(required), "scan must see " + required + " in " + SOURCES);
    }
    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      violations.addAll(
          violations(
              file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void scanner_flagsCodeButNotCommentsOrStrings() {
    String source =
        """
        /** double in Javadoc */ class X { // float here
          String s = "double"; char c = 'd';
          double x = Math.exp(1); long ok = Math.addExact(1, 2);
          java.util.Random r; var y = 1.5; var z = 2f; }
        """;
    assertEquals(
        List.of(
            "X.java:3: double",
            "X.java:3: Math.exp",
            "X.java:4: Random",
            "X.java:4: 1.5",
            "X.java:4: 2f"),
        violations("X.java", source));
  }

  @Test
  void signatures_ofAllClasses_haveNoFloatingPointTypes() throws Exception {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> s = Files.list(SOURCES)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        String simple = p.getFileName().toString().replace(".java", "");
        if (simple.equals("package-info")) {
          continue;
        }
        checkClass(Class.forName("dev.parley.cleanroom.dp." + simple), violations);
      }
    }
    assertEquals(List.of(), violations);
  }

  private static void checkClass(Class<?> c, List<String> violations) {
    for (Field f : c.getDeclaredFields()) {
      check(c.getName() + "." + f.getName(), f.getGenericType(), violations);
    }
    for (Method m : c.getDeclaredMethods()) {
      check(c.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), violations);
      for (Type t : m.getGenericParameterTypes()) {
        check(c.getName() + "." + m.getName() + " parameter", t, violations);
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      for (Type t : k.getGenericParameterTypes()) {
        check(c.getName() + " constructor parameter", t, violations);
      }
    }
    for (Class<?> nested : c.getDeclaredClasses()) {
      checkClass(nested, violations);
    }
  }

  private static void check(String where, Type t, List<String> violations) {
    String name = t.getTypeName();
    if (name.matches(
        ".*\\b(float|double|java\\.lang\\.Float|java\\.lang\\.Double|java\\.math\\.BigDecimal)\\b.*")) {
      violations.add(where + ": " + name);
    }
  }

  /** Lines (1-based) whose code, with comments and literals blanked, uses a forbidden token. */
  static List<String> violations(String file, String source) {
    String code = blankCommentsAndLiterals(source);
    List<String> out = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = FORBIDDEN.matcher(lines[i]);
      while (m.find()) {
        out.add(file + ":" + (i + 1) + ": " + m.group().replaceAll("\\s+", ""));
      }
    }
    return out;
  }

  /** Replaces comments, string/char/text-block contents by spaces, keeping line breaks. */
  static String blankCommentsAndLiterals(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        blank(s, i, end, out);
        i = end;
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? s.length() : end + 3;
        blank(s, i, end, out);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(j + 1, s.length());
        blank(s, i, end, out);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String s, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
  }
}
