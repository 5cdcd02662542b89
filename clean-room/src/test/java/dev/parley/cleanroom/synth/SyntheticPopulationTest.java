package dev.parley.cleanroom.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.synth.SyntheticPopulation.IdentifierFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPopulationTest {
  private static final SyntheticPopulation POP =
      new SyntheticPopulation(new SyntheticPopulation.Params(42, 300, 200, 500, 90));

  private static List<String> lines(boolean advertiser, IdentifierFormat f) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (advertiser) {
      POP.writeAdvertiserCsv(out, f);
    } else {
      POP.writePublisherCsv(out, f);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void writeCsv_hashedHex_overlapIsExactlyTheSharedPeople() throws Exception {
    List<String> adv = lines(true, IdentifierFormat.SHA256_HEX);
    List<String> pub = lines(false, IdentifierFormat.SHA256_HEX);
    assertEquals(1 + 500, adv.size());
    assertEquals(1 + 800, pub.size());
    Set<String> a = new HashSet<>();
    adv.stream().skip(1).forEach(l -> a.add(l.substring(0, l.indexOf(','))));
    long both =
        pub.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).filter(a::contains).count();
    assertEquals(300, both);
    assertEquals(500, a.size(), "no duplicate people");
    assertEquals(9, adv.get(0).split(",", -1).length);
    assertTrue(adv.stream().skip(1).allMatch(l -> l.split(",", -1).length == 9));
    assertTrue(pub.stream().skip(1).allMatch(l -> l.split(",", -1).length == 6));
  }

  @Test
  void emailHash_isSha256OfNormalizedRawEmail() throws Exception {
    for (long p = 0; p < 200; p++) {
      byte[] expected = IdentifierHash.of(Normalizer.normalizeEmail(POP.rawEmail(p))).bytes();
      assertArrayEquals(expected, POP.emailHash(p));
    }
    String firstRow = lines(true, IdentifierFormat.SHA256_HEX).get(1);
    assertEquals(HexFormat.of().formatHex(POP.emailHash(0)), firstRow.substring(0, 64));
  }

  @Test
  void rawEmail_gmailVariants_normalizeToDistinctPeople() {
    Set<String> normalized = new HashSet<>();
    for (long p = 0; p < 1000; p++) {
      normalized.add(HexFormat.of().formatHex(POP.emailHash(p)));
    }
    assertEquals(1000, normalized.size());
  }

  @Test
  void consents_rateNearConfiguredPercentAndDeterministic() {
    SyntheticPopulation big =
        new SyntheticPopulation(new SyntheticPopulation.Params(7, 100_000, 0, 0, 90));
    long yes = 0;
    for (long p = 0; p < 100_000; p++) {
      if (big.consents(p)) {
        yes++;
      }
    }
    assertTrue(yes > 89_000 && yes < 91_000, "consenting " + yes);
    assertEquals(big.consents(12345), big.consents(12345));
  }

  @Test
  void params_outOfRange_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> new SyntheticPopulation.Params(1, -1, 0, 0, 50));
    assertThrows(
        IllegalArgumentException.class, () -> new SyntheticPopulation.Params(1, 1, 0, 0, 101));
  }
}
