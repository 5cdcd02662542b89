package dev.parley.cleanroom.bench;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures server-side tokenization throughput against OpenSSL's X25519 on the same machine.
 *
 * <p>One token is the whole RFC 9497 Evaluate of a 32-byte identifier hash: expand_message_xmd,
 * hash-to-group, multiplication by the server key, encoding and the Finalize hash. The benchmark
 * warms the JIT up, tokenizes the given number of random hashes with the bulk code on one thread
 * ({@link Tokenizer#tokenizeOnCallingThread}), runs {@code openssl speed -seconds 3 ecdhx25519} as
 * a child process, then tokenizes the same hashes with the bulk API on every core ({@link
 * Tokenizer#tokenize(List)}). The rate of single-token calls ({@link Tokenizer#token}, which cannot
 * share an inversion between tokens) is printed as progress for a part of the hashes.
 *
 * <p>Like with like: {@code openssl speed} divides its operation count by the user CPU time it
 * consumed (its {@code -elapsed} option would switch to wall-clock time), so the per-core rate here
 * divides by the measuring thread's user CPU time too; both then stay meaningful when other
 * processes share the machine. The wall-clock single-thread rate is printed as progress. The
 * all-cores rate is wall-clock: it is about the throughput of the whole machine.
 */
public final class TokenizeBench {
  /** The OpenSSL command whose X25519 rate is the yardstick. */
  static final List<String> OPENSSL_COMMAND =
      List.of("openssl", "speed", "-seconds", "3", "ecdhx25519");

  private static final long OPENSSL_TIMEOUT_SECONDS = 60;

  private static final Pattern RESULT_LINE =
      Pattern.compile(
          "\\s*\\d+\\s+bits\\s+ecdh\\s+\\(X25519\\)\\s+[0-9.]+s\\s+([0-9]+(?:\\.[0-9]+)?)\\s*");

  private TokenizeBench() {}

  /**
   * The figures of one run.
   *
   * @param perCorePerS tokens per user CPU second with the bulk code on one thread, counted as
   *     {@code openssl speed} counts
   * @param allCoresPerS tokens per second with the bulk API on every core
   * @param opensslX25519PerS OpenSSL's X25519 operations per second on one core, NaN if unknown
   * @param cores available processors
   * @param identifiers hashes tokenized in each measurement
   */
  public record Result(
      double perCorePerS,
      double allCoresPerS,
      double opensslX25519PerS,
      int cores,
      int identifiers) {
    /**
     * Returns per_core / openssl, NaN when the OpenSSL rate is unknown.
     *
     * @return the ratio
     */
    public double ratio() {
      return perCorePerS / opensslX25519PerS;
    }

    /**
     * Returns the one-line summary {@code bench tokenize: per_core_per_s=<n> all_cores_per_s=<n>
     * openssl_x25519_per_s=<n> ratio=<r> cores=<n> identifiers=<n>}.
     *
     * @return the line, without a line terminator
     */
    public String line() {
      return String.format(
          Locale.ROOT,
          "bench tokenize: per_core_per_s=%.0f all_cores_per_s=%.0f openssl_x25519_per_s=%.1f"
              + " ratio=%.3f cores=%d identifiers=%d",
          perCorePerS,
          allCoresPerS,
          opensslX25519PerS,
          ratio(),
          cores,
          identifiers);
    }
  }

  /**
   * Runs the benchmark; takes about identifiers / 10,000 seconds plus OpenSSL's few seconds.
   *
   * @param identifiers random identifier hashes to tokenize per measurement, at least 1
   * @param progress receives human-readable progress lines
   * @return the figures
   */
  public static Result run(int identifiers, PrintStream progress) {
    return run(identifiers, progress, OPENSSL_COMMAND);
  }

  /** {@link #run(int, PrintStream)} with a replaceable OpenSSL command, for tests. */
  static Result run(int identifiers, PrintStream progress, List<String> opensslCommand) {
    if (identifiers < 1) {
      throw new IllegalArgumentException("identifiers must be at least 1, got " + identifiers);
    }
    Objects.requireNonNull(progress, "progress");
    int cores = Runtime.getRuntime().availableProcessors();
    Tokenizer tokenizer =
        Tokenizer.create(
            OprfMode.OPRF, OprfPrivateKey.generate(new SecureRandom()), SecretKeyAccess.grant());
    List<IdentifierHash> hashes = randomHashes(identifiers, new SplittableRandom());

    int warmup = Math.min(identifiers, 20_000);
    progress.printf(
        Locale.ROOT, "warming up with %d tokens on one thread and on all cores%n", warmup);
    long checksum = sum(tokenizer.tokenizeOnCallingThread(hashes.subList(0, warmup)));
    checksum += sum(tokenizer.tokenize(hashes.subList(0, warmup)));
    checksum += singleTokens(tokenizer, hashes.subList(0, warmup / 4));

    progress.printf(Locale.ROOT, "tokenizing %d identifier hashes on one thread%n", identifiers);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startCpu = threads.getCurrentThreadUserTime();
    long start = System.nanoTime();
    checksum += sum(tokenizer.tokenizeOnCallingThread(hashes));
    double wallSeconds = seconds(start);
    double cpuSeconds = (threads.getCurrentThreadUserTime() - startCpu) / 1e9;
    double perCore = identifiers / (cpuSeconds > 0 ? cpuSeconds : wallSeconds);
    progress.printf(
        Locale.ROOT,
        "one thread, batched: %.0f tokens/s per user CPU second, %.0f tokens/s wall-clock%n",
        perCore,
        identifiers / wallSeconds);
    int singles = Math.max(1, identifiers / 5);
    startCpu = threads.getCurrentThreadUserTime();
    checksum += singleTokens(tokenizer, hashes.subList(0, singles));
    progress.printf(
        Locale.ROOT,
        "one thread, token() one at a time: %.0f tokens/s per user CPU second (%d tokens)%n",
        singles / ((threads.getCurrentThreadUserTime() - startCpu) / 1e9),
        singles);

    progress.printf(Locale.ROOT, "running %s%n", String.join(" ", opensslCommand));
    double openssl = opensslRate(opensslCommand, progress);

    progress.printf(
        Locale.ROOT, "tokenizing %d identifier hashes on %d cores%n", identifiers, cores);
    start = System.nanoTime();
    checksum += sum(tokenizer.tokenize(hashes));
    double allCores = identifiers / seconds(start);
    progress.printf(Locale.ROOT, "done (checksum %d)%n", checksum);
    return new Result(perCore, allCores, openssl, cores, identifiers);
  }

  private static List<IdentifierHash> randomHashes(int n, SplittableRandom random) {
    List<IdentifierHash> out = new ArrayList<>(n);
    byte[] b = new byte[IdentifierHash.LENGTH];
    for (int i = 0; i < n; i++) {
      random.nextBytes(b);
      out.add(IdentifierHash.ofBytes(IdentifierKind.EMAIL, b));
    }
    return out;
  }

  private static long singleTokens(Tokenizer tokenizer, List<IdentifierHash> hashes) {
    long sum = 0;
    for (IdentifierHash h : hashes) {
      sum += tokenizer.token(h)[0];
    }
    return sum;
  }

  private static long sum(List<byte[]> tokens) {
    long sum = 0;
    for (byte[] token : tokens) {
      sum += token[0];
    }
    return sum;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Runs OpenSSL and returns its X25519 rate, or NaN (with a message) when that fails. */
  private static double opensslRate(List<String> command, PrintStream progress) {
    String output;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        progress.println("openssl did not finish in time; openssl_x25519_per_s=NaN");
        return Double.NaN;
      }
      if (process.exitValue() != 0) {
        progress.printf(
            Locale.ROOT,
            "openssl exited with status %d; openssl_x25519_per_s=NaN%n",
            process.exitValue());
        return Double.NaN;
      }
    } catch (IOException e) {
      progress.println(
          "could not run openssl (" + e.getMessage() + "); openssl_x25519_per_s=NaN, ratio=NaN");
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      progress.println("interrupted while waiting for openssl; openssl_x25519_per_s=NaN");
      return Double.NaN;
    }
    OptionalDouble rate = parseOpensslX25519Rate(output);
    if (rate.isEmpty()) {
      progress.println("no X25519 line in the openssl output; openssl_x25519_per_s=NaN");
      return Double.NaN;
    }
    return rate.getAsDouble();
  }

  /**
   * Reads the op/s figure of the X25519 results line of {@code openssl speed ecdhx25519}, e.g.
   * {@code " 253 bits ecdh (X25519) 0.0000s 22637.8"} (bits, name, seconds per op, op/s).
   *
   * @param output the command's output
   * @return the rate, or empty when no such line has a positive number at its end
   */
  static OptionalDouble parseOpensslX25519Rate(String output) {
    return output
        .lines()
        .map(RESULT_LINE::matcher)
        .filter(Matcher::matches)
        .mapToDouble(m -> Double.parseDouble(m.group(1)))
        .filter(rate -> rate > 0 && Double.isFinite(rate))
        .findFirst();
  }

  /**
   * Runs the benchmark and prints the summary line last.
   *
   * @param args optionally the number of identifiers (default 300,000)
   */
  public static void main(String[] args) {
    int identifiers = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    System.out.println(run(identifiers, System.err).line());
  }
}
