package dev.parley.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Checkpoint}: the C2SP and Go examples, and every off-spec body rejected precisely. */
class CheckpointTest {
  private static final String ROOT = "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=";

  @Test
  void parse_c2spSpecExample_fieldsAndExactBody() {
    String text = Vectors.unverifiedText("c2sp/behind-the-sofa.note");

    Checkpoint cp = Checkpoint.parse(text);

    assertEquals("example.com/behind-the-sofa", cp.origin());
    assertEquals(20852163L, cp.size());
    assertEquals(
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
        Base64.getEncoder().encodeToString(cp.rootHash()));
    assertEquals(List.of(), cp.extensions());
    assertEquals(text, cp.body());
  }

  @Test
  void parse_goTlogTreeVector_rootIsRecordHashOfHelloWorld() throws Exception {
    String text = Vectors.text("go-sumdb/tree-hello-world.txt");
    byte[] recordHash =
        MessageDigest.getInstance("SHA-256")
            .digest("\0hello world".getBytes(StandardCharsets.UTF_8));

    Checkpoint cp = Checkpoint.parse(text);

    assertEquals("go.sum database tree", cp.origin());
    assertEquals(123456789012L, cp.size());
    assertArrayEquals(recordHash, cp.rootHash());
    assertEquals(text, new Checkpoint("go.sum database tree", 123456789012L, recordHash).body());
  }

  @Test
  void parse_extensionLines_keptInOrderAndRoundTrip() {
    String text = "o\n5\n" + ROOT + "\nJOE\n\u2014 not a signature, just text\n";

    Checkpoint cp = Checkpoint.parse(text);

    assertEquals(List.of("JOE", "\u2014 not a signature, just text"), cp.extensions());
    assertEquals(text, cp.body());
  }

  @Test
  void parse_sizeBounds_zeroAndLongMaxAccepted() {
    assertEquals(0L, Checkpoint.parse("o\n0\n" + ROOT + "\n").size());
    assertEquals(Long.MAX_VALUE, Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size());
  }

  static Stream<Arguments> offSpec() {
    return Stream.of(
        // Go's TestParseTree bad trees.
        Arguments.of(
            "go.sum database tree\n0xabcdef\n" + ROOT + "\n",
            2,
            "tree size \"0xabcdef\" must be decimal digits only (character 2 is not)"),
        Arguments.of(
            "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n",
            3,
            "root hash is not canonical"),
        Arguments.of(
            "go.sum database tree\n123456789012\n" + ROOT + "\nJOE",
            4,
            "the text must end with a newline"),
        // Lines.
        Arguments.of("", 1, "the text must end with a newline"),
        Arguments.of("\n", 1, "origin line: must not be empty"),
        Arguments.of("o\n", 2, "missing the tree size line (a checkpoint has at least 3 lines)"),
        Arguments.of("o\n5\n", 3, "missing the root hash line (a checkpoint has at least 3 lines)"),
        Arguments.of("o\n\n" + ROOT + "\n", 2, "tree size line: must not be empty"),
        Arguments.of("o\n5\n" + ROOT + "\n\n", 4, "extension line: must not be empty"),
        Arguments.of("o\n5\n" + ROOT + "\next\n\nmore\n", 5, "extension line: must not be empty"),
        Arguments.of(
            "o\r\n5\n" + ROOT + "\n", 1, "origin line: control character U+000D at index 1"),
        Arguments.of(
            "o\ud800\n5\n" + ROOT + "\n", 1, "origin line: unpaired surrogate U+D800 at index 1"),
        // Tree size.
        Arguments.of("o\n0123\n" + ROOT + "\n", 2, "tree size \"0123\" has a leading zero"),
        Arguments.of("o\n00\n" + ROOT + "\n", 2, "tree size \"00\" has a leading zero"),
        Arguments.of(
            "o\n-1\n" + ROOT + "\n",
            2,
            "tree size \"-1\" must be decimal digits only (character 1 is not)"),
        Arguments.of(
            "o\n+5\n" + ROOT + "\n",
            2,
            "tree size \"+5\" must be decimal digits only (character 1 is not)"),
        Arguments.of(
            "o\n 5\n" + ROOT + "\n",
            2,
            "tree size \" 5\" must be decimal digits only (character 1 is not)"),
        Arguments.of(
            "o\n\u0665\n" + ROOT + "\n",
            2,
            "tree size \"\u0665\" must be decimal digits only (character 1 is not)"),
        Arguments.of(
            "o\n18446744073709551616\n" + ROOT + "\n",
            2,
            "tree size 18446744073709551616 exceeds the uint64 range"),
        Arguments.of(
            "o\n18446744073709551615\n" + ROOT + "\n",
            2,
            "tree size 18446744073709551615 exceeds 2^63-1, the largest this implementation supports"),
        Arguments.of(
            "o\n9223372036854775808\n" + ROOT + "\n",
            2,
            "tree size 9223372036854775808 exceeds 2^63-1"),
        // Root hash.
        Arguments.of(
            "o\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb1=\n",
            3,
            "root hash is not canonical standard base64 (padding or trailing bits)"),
        Arguments.of(
            "o\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n",
            3,
            "root hash is not canonical standard base64 (padding or trailing bits)"),
        Arguments.of(
            "o\n5\nTszzRgjTG6xce-z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
            3,
            "root hash is not standard base64"),
        Arguments.of("o\n5\nAAAA\n", 3, "root hash must be 32 bytes (SHA-256), got 3"));
  }

  @ParameterizedTest
  @MethodSource("offSpec")
  void parse_offSpecText_throwsWithLineAndReason(String text, int line, String reason) {
    CheckpointFormatException e =
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse(text));

    assertEquals(line, e.line(), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("checkpoint line " + line + ": " + reason), e.getMessage());
  }

  @Test
  void constructor_invalidFields_rejectedNamingTheField() {
    byte[] root = new byte[32];

    assertEquals("origin: must not be empty", message(() -> new Checkpoint("", 1, root)));
    assertEquals(
        "origin: control character U+000A at index 1 (a signed note allows none but the newline that ends each line)",
        message(() -> new Checkpoint("a\nb", 1, root)));
    assertEquals(
        "size: must not be negative, got -1", message(() -> new Checkpoint("o", -1, root)));
    assertEquals(
        "rootHash: must be 32 bytes, got 31", message(() -> new Checkpoint("o", 1, new byte[31])));
    assertEquals(
        "extensions[1]: must not be empty",
        message(() -> new Checkpoint("o", 1, root, List.of("x", ""))));
  }

  @Test
  void rootHash_mutatingArrays_doesNotChangeCheckpoint() {
    byte[] root = new byte[32];
    Checkpoint cp = new Checkpoint("o", 1, root);

    root[0] = 1;
    cp.rootHash()[1] = 1;

    assertArrayEquals(new byte[32], cp.rootHash());
  }

  @Test
  void equals_comparesContents() {
    Checkpoint a = new Checkpoint("o", 1, new byte[32]);

    assertEquals(a, new Checkpoint("o", 1, new byte[32], List.of()));
    assertEquals(a.hashCode(), new Checkpoint("o", 1, new byte[32]).hashCode());
    assertNotEquals(a, new Checkpoint("o", 2, new byte[32]));
    assertNotEquals(a, new Checkpoint("o", 1, new byte[32], List.of("x")));
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
