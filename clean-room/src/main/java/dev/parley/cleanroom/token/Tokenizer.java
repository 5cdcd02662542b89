package dev.parley.cleanroom.token;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.oprf.OprfServer;
import dev.parley.cleanroom.oprf.OprfSuite;
import dev.parley.cleanroom.oprf.VoprfServer;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Turns identifier hashes into tokens with an OPRF server key; immutable and thread-safe.
 *
 * <p>A token is Evaluate(skS, input) of RFC 9497 §3.3.1 in the tokenizer's mode, with input = the
 * 32 raw bytes of the SHA-256 identifier hash: "Hash(I2OSP(len(input), 2) || input ||
 * I2OSP(len(issuedElement), 2) || issuedElement || "Finalize")" with issuedElement = skS *
 * HashToGroup(input). It is the output a client would compute with Blind, the server's
 * BlindEvaluate and Finalize on the same input, so directly tokenized data and data tokenized
 * through the oblivious protocol match. Evaluation is constant-time in the key (see {@code
 * dev.parley.cleanroom.group}); the key is recoded once when the tokenizer is created.
 *
 * <p>{@link #tokenize(List)} and {@link #tokenize(Iterator, Consumer)} split the work into chunks
 * of {@value #CHUNK} hashes evaluated on the common fork-join pool and the calling thread, so a
 * bulk call uses every core; outputs keep the input order. Each chunk is one batched Evaluate
 * ({@link OprfServer#evaluate(List)}), which encodes all its elements with a single field
 * inversion; {@link #tokenizeOnCallingThread} does the same chunks on one thread.
 */
public final class Tokenizer {
  /** Length in bytes of a token: Nh = 64, the SHA-512 output length. */
  public static final int TOKEN_LENGTH = OprfSuite.HASH_LENGTH;

  /**
   * Hashes per parallel work item: large enough to amortize scheduling, small enough to balance.
   */
  static final int CHUNK = 256;

  private final OprfMode mode;
  private final UnaryOperator<byte[]> evaluate;
  private final UnaryOperator<List<byte[]>> evaluateBatch;

  /** Hashes the streaming variant holds at once: four chunks per core, at least sixteen chunks. */
  private final int streamBatch =
      CHUNK * Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

  private Tokenizer(
      OprfMode mode, UnaryOperator<byte[]> evaluate, UnaryOperator<List<byte[]>> evaluateBatch) {
    this.mode = mode;
    this.evaluate = evaluate;
    this.evaluateBatch = evaluateBatch;
  }

  /**
   * Creates a tokenizer that evaluates with skS in the given mode (the mode selects the context
   * string, so OPRF and VOPRF tokens of one key differ).
   *
   * @param mode OPRF or VOPRF
   * @param key the server key skS
   * @param access the token declaring that the caller wields the secret key
   * @return the tokenizer
   */
  public static Tokenizer create(OprfMode mode, OprfPrivateKey key, SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    return switch (mode) {
      case OPRF -> {
        OprfServer server = new OprfServer(key);
        yield new Tokenizer(mode, server::evaluate, server::evaluate);
      }
      case VOPRF -> {
        VoprfServer server = new VoprfServer(key);
        yield new Tokenizer(mode, server::evaluate, server::evaluate);
      }
    };
  }

  /**
   * Returns the mode the tokens are computed in.
   *
   * @return OPRF or VOPRF
   */
  public OprfMode mode() {
    return mode;
  }

  /**
   * Tokenizes one identifier hash on the calling thread.
   *
   * @param hash the SHA-256 identifier hash
   * @return the 64-byte token
   * @throws dev.parley.cleanroom.oprf.OprfException INVALID_INPUT_ERROR if the hash maps to the
   *     identity element (probability about 2^-252)
   */
  public byte[] token(IdentifierHash hash) {
    Objects.requireNonNull(hash, "hash");
    byte[] input = hash.bytes();
    try {
      return evaluate.apply(input);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  /**
   * Tokenizes many hashes on every core.
   *
   * @param hashes the identifier hashes; none may be null
   * @return one token per hash, in input order
   * @throws NullPointerException naming the index of a null element
   */
  public List<byte[]> tokenize(List<? extends IdentifierHash> hashes) {
    return List.of(tokenizeAll(checked(hashes), true));
  }

  /**
   * Tokenizes many hashes on the calling thread only, batched like {@link #tokenize(List)}: for
   * callers that run their own threads.
   *
   * @param hashes the identifier hashes; none may be null
   * @return one token per hash, in input order
   * @throws NullPointerException naming the index of a null element
   */
  public List<byte[]> tokenizeOnCallingThread(List<? extends IdentifierHash> hashes) {
    return List.of(tokenizeAll(checked(hashes), false));
  }

  private static IdentifierHash[] checked(List<? extends IdentifierHash> hashes) {
    Objects.requireNonNull(hashes, "hashes");
    IdentifierHash[] in = new IdentifierHash[hashes.size()];
    for (int i = 0; i < in.length; i++) {
      int index = i;
      in[i] = Objects.requireNonNull(hashes.get(i), () -> "hashes[" + index + "] is null");
    }
    return in;
  }

  /**
   * Tokenizes a stream of hashes of any length in batches (a few chunks per core), each batch on
   * every core, handing the tokens to the sink in input order on the calling thread.
   *
   * @param hashes the identifier hashes; none may be null
   * @param sink receives each token
   * @return the number of tokens produced
   * @throws NullPointerException naming the position of a null element
   */
  public long tokenize(Iterator<? extends IdentifierHash> hashes, Consumer<? super byte[]> sink) {
    Objects.requireNonNull(hashes, "hashes");
    Objects.requireNonNull(sink, "sink");
    long done = 0;
    List<IdentifierHash> batch = new ArrayList<>(streamBatch);
    while (hashes.hasNext()) {
      batch.clear();
      while (batch.size() < streamBatch && hashes.hasNext()) {
        long position = done + batch.size();
        batch.add(
            Objects.requireNonNull(hashes.next(), () -> "hashes element " + position + " is null"));
      }
      for (byte[] token : tokenizeAll(batch.toArray(IdentifierHash[]::new), true)) {
        sink.accept(token);
      }
      done += batch.size();
    }
    return done;
  }

  /** The streaming batch size, for tests. */
  int streamBatch() {
    return streamBatch;
  }

  private byte[][] tokenizeAll(IdentifierHash[] in, boolean parallel) {
    byte[][] out = new byte[in.length][];
    int chunks = (in.length + CHUNK - 1) / CHUNK;
    IntStream indices = IntStream.range(0, chunks);
    (parallel ? indices.parallel() : indices).forEach(c -> tokenizeChunk(in, c, out));
    return out;
  }

  /** Tokenizes chunk c of in into out with one batched evaluation. */
  private void tokenizeChunk(IdentifierHash[] in, int c, byte[][] out) {
    int start = c * CHUNK;
    int end = Math.min(in.length, start + CHUNK);
    List<byte[]> inputs = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      inputs.add(in[i].bytes());
    }
    try {
      List<byte[]> tokens = evaluateBatch.apply(inputs);
      for (int i = start; i < end; i++) {
        out[i] = tokens.get(i - start);
      }
    } finally {
      for (byte[] input : inputs) {
        Arrays.fill(input, (byte) 0);
      }
    }
  }

  /** Shows the mode only; the key stays out of logs. */
  @Override
  public String toString() {
    return "Tokenizer[" + mode + "]";
  }
}
