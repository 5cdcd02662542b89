package dev.parley.cleanroom.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.purpose.Purpose;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CollaborationTest {
  private static final AnalysisRules RULES = RulesJsonTest.golden();

  private static Collaboration of(
      String id, List<String> members, String creator, Map<String, Long> approvals) {
    return new Collaboration(
        id,
        members,
        Purpose.MEASUREMENT,
        RULES,
        RULES.hash(),
        creator,
        3,
        new TreeMap<>(approvals));
  }

  private static void refused(String messagePart, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void state_pendingUntilEveryMemberApproved() {
    Collaboration c = of("retail-media", List.of("globex", "acme"), "acme", Map.of("acme", 4L));
    assertEquals(List.of("acme", "globex"), c.members(), "members are sorted");
    assertEquals(CollaborationState.PENDING, c.state());
    Collaboration active = c.withApproval("globex", 5);
    assertEquals(CollaborationState.ACTIVE, active.state());
    assertEquals(Map.of("acme", 4L, "globex", 5L), active.approvals());
  }

  @Test
  void new_badIds_refused() {
    refused("collaboration", () -> of("Retail", List.of("acme", "globex"), "acme", Map.of()));
    refused("collaboration", () -> of("9lives", List.of("acme", "globex"), "acme", Map.of()));
    refused("collaboration", () -> of("a".repeat(64), List.of("acme", "globex"), "acme", Map.of()));
    of("a".repeat(63), List.of("acme", "globex"), "acme", Map.of());
  }

  @Test
  void new_fewerThanTwoMembers_refused() {
    refused("needs 2-100 members", () -> of("solo", List.of("acme"), "acme", Map.of()));
    refused("listed twice", () -> of("dup", List.of("acme", "acme"), "acme", Map.of()));
  }

  @Test
  void new_datasetOfNonMember_refused() {
    refused(
        "'globex', who is not a member",
        () -> of("x", List.of("acme", "initech"), "acme", Map.of()));
  }

  @Test
  void new_creatorOrApproverNotMember_refused() {
    refused("creator", () -> of("x", List.of("acme", "globex"), "initech", Map.of()));
    refused("approvals", () -> of("x", List.of("acme", "globex"), "acme", Map.of("initech", 1L)));
  }

  @Test
  void new_wrongRulesHash_refused() {
    refused(
        "rulesHash",
        () ->
            new Collaboration(
                "x",
                List.of("acme", "globex"),
                Purpose.MEASUREMENT,
                RULES,
                "0".repeat(64),
                "acme",
                0,
                new TreeMap<>()));
  }
}
