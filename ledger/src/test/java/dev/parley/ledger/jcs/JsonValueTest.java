package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The immutable value model and its builders. */
class JsonValueTest {

  @Test
  void builder_ledgerEntry_canonicalizesSorted() {
    JsonObject entry =
        JsonObject.builder()
            .put("type", "x")
            .put("size", 5L)
            .put("ratio", 0.5)
            .put("ok", true)
            .putNull("note")
            .put("tags", JsonArray.builder().add("a").add(2L).addNull().build())
            .build();

    assertEquals(
        "{\"note\":null,\"ok\":true,\"ratio\":0.5,\"size\":5,\"tags\":[\"a\",2,null],\"type\":\"x\"}",
        Jcs.canonicalString(entry));
  }

  @Test
  void builder_duplicateName_throws() {
    JsonObject.Builder builder = JsonObject.builder().put("a", 1L);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.put("a", 2L));
    assertEquals("duplicate property name \"a\"", e.getMessage());
  }

  @Test
  void object_equality_ignoresInsertionOrder() {
    JsonObject ab = JsonObject.builder().put("a", 1L).put("b", 2L).build();
    JsonObject ba = JsonObject.builder().put("b", 2L).put("a", 1L).build();

    assertEquals(ab, ba);
    assertEquals(ab.hashCode(), ba.hashCode());
    assertEquals(List.of("a", "b"), List.copyOf(ba.members().keySet()));
  }

  @Test
  void object_fromMapWithOtherComparator_isStoredInUtf16Order() {
    TreeMap<String, JsonValue> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.put("a", JsonNull.INSTANCE);
    reversed.put("b", JsonNull.INSTANCE);

    assertEquals(List.of("a", "b"), List.copyOf(new JsonObject(reversed).members().keySet()));
  }

  @Test
  void object_isImmutableAndDefensivelyCopied() {
    Map<String, JsonValue> source = new HashMap<>();
    source.put("a", JsonBoolean.TRUE);
    JsonObject object = JsonObject.of(source);
    source.put("b", JsonBoolean.FALSE);

    assertEquals(1, object.members().size());
    assertThrows(
        UnsupportedOperationException.class, () -> object.members().put("c", JsonNull.INSTANCE));
  }

  @Test
  void array_isImmutableAndDefensivelyCopied() {
    List<JsonValue> source = new ArrayList<>(List.of(JsonString.of("a")));
    JsonArray array = new JsonArray(source);
    source.add(JsonString.of("b"));

    assertEquals(1, array.size());
    assertThrows(
        UnsupportedOperationException.class, () -> array.elements().add(JsonNull.INSTANCE));
  }

  @Test
  void array_nullElement_namesTheIndex() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> JsonArray.of(JsonNull.INSTANCE, null));
    assertEquals("array element 1 is null; use JsonNull.INSTANCE", e.getMessage());
  }

  @Test
  void number_negativeZero_equalsZero() {
    assertEquals(JsonNumber.of(0.0), JsonNumber.of(-0.0));
    assertEquals(0.0, JsonNumber.of(-0.0).value());
    assertEquals(
        Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(JsonNumber.of(-0.0).value()));
  }

  @Test
  void number_nonFinite_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.NaN));
    assertEquals("JSON number must be finite, got NaN (RFC 8785 §3.2.2.3)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.NEGATIVE_INFINITY));
  }

  @Test
  void numberOfLong_outsideSafeRange_throws() {
    assertEquals(
        JsonNumber.MAX_SAFE_INTEGER, JsonNumber.of(JsonNumber.MAX_SAFE_INTEGER).longValue());
    assertEquals(
        -JsonNumber.MAX_SAFE_INTEGER, JsonNumber.of(-JsonNumber.MAX_SAFE_INTEGER).longValue());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(1L << 53));
    assertEquals(
        "integer 9007199254740992 is outside the I-JSON safe range ±(2^53-1) (RFC 7493 §2.2)",
        e.getMessage());
  }

  @Test
  void longValue_fractionOrUnsafe_throws() {
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> JsonNumber.of(2.5).longValue());
    assertEquals("JSON number 2.5 is not an integer within ±(2^53-1)", e.getMessage());
    assertThrows(ArithmeticException.class, () -> JsonNumber.of(1e16).longValue());
    assertEquals(-7L, JsonNumber.of(-7.0).longValue());
  }

  @Test
  void string_unpairedSurrogate_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonString.of("ab\uD800"));
    assertEquals(
        "JSON string contains unpaired surrogate U+D800 at char index 2; I-JSON (RFC 7493 §2.1)"
            + " forbids surrogates and noncharacters",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonObject.builder().put("\uDC00", 1L));
    assertThrows(IllegalArgumentException.class, () -> JsonString.of("\uFFFE"));
  }

  @Test
  void typedGetters_returnValuesOrExplain() {
    JsonObject object =
        JsonObject.builder()
            .put("s", "v")
            .put("n", 3L)
            .put("b", true)
            .put("o", JsonObject.builder().build())
            .put("a", JsonArray.of())
            .build();

    assertEquals("v", object.getString("s"));
    assertEquals(3L, object.getLong("n"));
    assertEquals(true, object.getBoolean("b"));
    assertEquals(JsonObject.builder().build(), object.getObject("o"));
    assertEquals(JsonArray.of(), object.getArray("a"));
    assertEquals(Optional.of(JsonString.of("v")), object.get("s"));
    assertEquals(Optional.empty(), object.get("zz"));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> object.getString("zz"));
    assertEquals("property \"zz\" is missing", missing.getMessage());
    IllegalArgumentException wrongType =
        assertThrows(IllegalArgumentException.class, () -> object.getString("n"));
    assertEquals("property \"n\" must be a string, got a number", wrongType.getMessage());
  }

  @Test
  void booleans_ofReturnsSharedInstances() {
    assertEquals(JsonBoolean.TRUE, JsonBoolean.of(true));
    assertNotEquals(JsonBoolean.TRUE, JsonBoolean.of(false));
    assertEquals(JsonNull.INSTANCE, new JsonNull());
  }
}
