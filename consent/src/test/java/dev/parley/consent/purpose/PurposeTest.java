package dev.parley.consent.purpose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PurposeTest {
  /** DPV 2.1 purpose classes, as listed in 2.1/dpv/modules/purposes.csv. */
  private static final Set<String> DPV_21_PURPOSES =
      Set.of(
          "ServiceUsageAnalytics",
          "CommercialResearch",
          "Advertising",
          "PersonalisedAdvertising",
          "ServicePersonalisation",
          "ServiceProvision",
          "ImproveExistingProductsAndServices",
          "DirectMarketing");

  @Test
  void everyTcfPurpose_mapsToOnePurposeOrIsDocumentedNotUsed() {
    for (int id = TcfPurposes.FIRST; id <= TcfPurposes.LAST; id++) {
      int covering = 0;
      for (Purpose p : Purpose.all()) {
        covering += p.tcfPurposes().contains(id) ? 1 : 0;
      }
      if (id == TcfPurposes.NOT_USED) {
        assertEquals(0, covering, "TCF purpose 1 is documented as not used");
        assertTrue(TcfPurposes.parleyPurpose(id).isEmpty());
      } else {
        assertEquals(1, covering, "TCF purpose " + id);
        assertTrue(TcfPurposes.parleyPurpose(id).isPresent());
      }
    }
  }

  @Test
  void parleyPurpose_outOfRange_throws() {
    assertThrows(IllegalArgumentException.class, () -> TcfPurposes.parleyPurpose(0));
    assertThrows(IllegalArgumentException.class, () -> TcfPurposes.parleyPurpose(12));
  }

  @Test
  void dpvIris_areDistinctDpv21Purposes() {
    Set<String> seen = new HashSet<>();
    for (Purpose p : Purpose.all()) {
      assertTrue(p.dpvIri().startsWith("https://w3id.org/dpv#"));
      String local = p.dpvIri().substring("https://w3id.org/dpv#".length());
      assertTrue(DPV_21_PURPOSES.contains(local), local);
      assertTrue(seen.add(local));
      assertEquals(p, Purpose.byDpvIri(p.dpvIri()).orElseThrow());
    }
  }

  @Test
  void wireNamesAndBits_areUnique() {
    Set<String> names = new HashSet<>();
    int bits = 0;
    for (Purpose p : Purpose.all()) {
      assertTrue(names.add(p.wireName()));
      assertEquals(0, bits & p.bit());
      bits |= p.bit();
      assertEquals(p, Purpose.parse(p.wireName(), "x"));
    }
  }

  @Test
  void parse_unknown_namesWhere() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Purpose.parse("spam", "purposes[3]"));
    assertTrue(e.getMessage().startsWith("purposes[3]: unknown purpose 'spam'"));
  }

  @Test
  void grants_requiresEveryCoveredTcfPurpose() {
    assertTrue(TcfPurposes.grants(Purpose.PERSONALISED_ADS, id -> id == 3 || id == 4));
    assertFalse(TcfPurposes.grants(Purpose.PERSONALISED_ADS, id -> id == 3));
    assertFalse(TcfPurposes.grants(Purpose.DIRECT_MARKETING, id -> true));
  }
}
