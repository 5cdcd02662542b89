package dev.parley.ledger.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
  private static final Instant T = Instant.parse("2026-11-23T08:33:06.093Z");

  /** The naive reference: the general RFC 8785 serializer over the whole entry object. */
  private static byte[] reference(EntryType type, Instant time, byte[] prev, JsonObject body) {
    return JsonObject.builder()
        .put("body", body)
        .put("prev", java.util.HexFormat.of().formatHex(prev))
        .put("time", EntryTime.format(time))
        .put("type", type.wireName())
        .build()
        .canonicalBytes();
  }

  @Test
  void encode_randomBodies_equalsGeneralCanonicalSerializer() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] prev = new byte[32];
      random.nextBytes(prev);
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < random.nextInt(40); c++) {
        text.append(
            (char)
                (random.nextBoolean() ? 0x20 + random.nextInt(95) : 0xA0 + random.nextInt(0x2000)));
      }
      JsonObject body = JsonObject.builder().put("text", text.toString()).build();
      Instant time = T.plusMillis(random.nextInt(1_000_000));
      LedgerEntry e = new LedgerEntry(EntryType.LEDGER_NOTE, time, prev, body);
      assertArrayEquals(
          reference(EntryType.LEDGER_NOTE, time, prev, body), e.encode(), "body " + i);
    }
  }

  @Test
  void finishLeafHash_everyBodyLengthAroundBlockEdges_equalsOnePassLeafHash() {
    Random random = new Random(11);
    byte[] prev = new byte[32];
    for (int length = 0; length < 300; length++) {
      random.nextBytes(prev);
      JsonObject body =
          JsonObject.builder().put("text", "y".repeat(length)).put("n", random.nextInt()).build();
      byte[] canonical = body.canonicalBytes();
      byte[] tail = LedgerEntry.tail(EntryType.LEDGER_NOTE, T.plusMillis(length));
      byte[] encoded = LedgerEntry.encode(prev, canonical, tail);
      MessageDigest started = LedgerEntry.startLeafHash(canonical);
      assertArrayEquals(
          MerkleHash.leafHash(encoded),
          LedgerEntry.finishLeafHash(started, encoded, canonical.length),
          "text length " + length);
    }
  }

  @Test
  void decode_encoded_roundTrips() throws Exception {
    JsonObject body =
        JsonObject.builder()
            .put("subject", "a".repeat(64))
            .put("partner", "acme")
            .put(
                "purposes", JsonArray.builder().add("measurement").add("audience-insights").build())
            .put("status", "given")
            .put("policyVersion", "v3")
            .put("source", "consent-center")
            .build();
    LedgerEntry e = new LedgerEntry(EntryType.CONSENT_CHANGED, T, new byte[32], body);
    assertEquals(e, LedgerEntry.decode(e.encode()));
    assertTrue(
        new String(e.encode(), StandardCharsets.UTF_8)
            .startsWith("{\"body\":{\"partner\":\"acme\""));
  }

  @Test
  void decode_nonCanonicalOrUnknownType_preciseErrors() {
    byte[] spaced =
        "{ \"body\":{\"text\":\"x\"},\"prev\":\"00\",\"time\":\"t\",\"type\":\"ledger.note\"}"
            .getBytes(StandardCharsets.UTF_8);
    EntryFormatException e1 =
        assertThrows(EntryFormatException.class, () -> LedgerEntry.decode(spaced));
    assertEquals("entry: not in RFC 8785 canonical form", e1.getMessage());
    byte[] unknown =
        new LedgerEntry(
                EntryType.LEDGER_NOTE,
                T,
                new byte[32],
                JsonObject.builder().put("text", "x").build())
            .encode();
    byte[] renamed =
        new String(unknown, StandardCharsets.UTF_8)
            .replace("ledger.note", "ledger.nope")
            .getBytes(StandardCharsets.UTF_8);
    EntryFormatException e2 =
        assertThrows(EntryFormatException.class, () -> LedgerEntry.decode(renamed));
    assertEquals("type: 'ledger.nope' is not a registered type", e2.getMessage());
    byte[] badBody =
        new String(unknown, StandardCharsets.UTF_8)
            .replace("\"text\"", "\"txt\"")
            .getBytes(StandardCharsets.UTF_8);
    EntryFormatException e3 =
        assertThrows(EntryFormatException.class, () -> LedgerEntry.decode(badBody));
    assertEquals("body.text: required for ledger.note", e3.getMessage());
  }

  @Test
  void encodedSize_everyTypeAndBodyLength_equalsEncodedLength() {
    byte[] prev = new byte[32];
    for (EntryType type : EntryType.values()) {
      for (int n : new int[] {2, 17, 1000}) {
        byte[] body = ("{" + "x".repeat(n - 2) + "}").getBytes(StandardCharsets.US_ASCII);
        assertEquals(
            LedgerEntry.encode(type, T, prev, body).length, LedgerEntry.encodedSize(type, n));
      }
    }
  }
}
