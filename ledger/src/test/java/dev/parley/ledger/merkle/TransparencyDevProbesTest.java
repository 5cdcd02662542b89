package dev.parley.ledger.merkle;

import static dev.parley.ledger.merkle.TestJson.base64;
import static dev.parley.ledger.merkle.TestJson.base64List;
import static dev.parley.ledger.merkle.TestJson.obj;
import static dev.parley.ledger.merkle.TestJson.uint64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The published probe files of transparency-dev/merkle ({@code testdata/inclusion} and {@code
 * testdata/consistency}): each must verify exactly when {@code wantErr} is false.
 */
class TransparencyDevProbesTest {
  /**
   * Probes where Parley is deliberately stricter: this one expects two equal 12-byte "roots" of a
   * size-1 tree to be consistent, but Parley rejects any root that is not a 32-byte hash.
   */
  private static final Set<String> STRICTER =
      Set.of("consistency/additional/sizes-are-equal-one-and-proof-is-empty.json");

  private static Path root() {
    try {
      return Path.of(TestJson.class.getResource("/merkle/transparency-dev").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> probes(String kind) {
    try (Stream<Path> files = Files.walk(root().resolve(kind))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path p) {
    return root().relativize(p).toString().replace('\\', '/');
  }

  @Test
  void probeFiles_present_allCopied() {
    assertEquals(98, probes("inclusion").size());
    assertEquals(98, probes("consistency").size());
  }

  @TestFactory
  Stream<DynamicTest> inclusionProbes_publishedFiles_verifyIffNoErrorWanted() {
    return probes("inclusion").stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    name(p),
                    () -> {
                      Map<String, Object> v = obj(TestJson.file(p));
                      boolean ok =
                          MerkleProofs.verifyInclusion(
                              base64(v.get("leafHash")),
                              uint64(v.get("leafIdx")),
                              uint64(v.get("treeSize")),
                              base64List(v.get("proof")),
                              base64(v.get("root")));
                      assertEquals(!(Boolean) v.get("wantErr"), ok, (String) v.get("desc"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> consistencyProbes_publishedFiles_verifyIffNoErrorWanted() {
    return probes("consistency").stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    name(p),
                    () -> {
                      Map<String, Object> v = obj(TestJson.file(p));
                      boolean want = !(Boolean) v.get("wantErr") && !STRICTER.contains(name(p));
                      boolean ok =
                          MerkleProofs.verifyConsistency(
                              uint64(v.get("size1")),
                              uint64(v.get("size2")),
                              base64(v.get("root1")),
                              base64(v.get("root2")),
                              base64List(v.get("proof")));
                      assertEquals(want, ok, (String) v.get("desc"));
                    }));
  }

  @Test
  void stricterProbe_twelveByteRoots_rejectedAsMalformedHash() {
    Map<String, Object> v = obj(TestJson.file(root().resolve(STRICTER.iterator().next())));
    assertEquals(false, v.get("wantErr"));
    InvalidProofException e =
        assertThrows(
            InvalidProofException.class,
            () ->
                MerkleProofs.checkConsistency(
                    1, 1, base64(v.get("root1")), base64(v.get("root2")), List.of()));
    assertEquals(InvalidProofException.Reason.MALFORMED_HASH, e.reason());
    assertTrue(e.getMessage().startsWith("oldRoot: must be 32 bytes, got 12"), e.getMessage());
  }
}
