package dev.parley.cleanroom.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.collab.CollaborationException.Kind;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollaborationServiceTest {
  private static final PartnerRegistry REGISTERED = Set.of("acme", "globex", "initech")::contains;
  private static final AnalysisRules RULES = RulesJsonTest.golden();

  @TempDir Path data;
  private LedgerStore ledger;
  private CollaborationService service;

  @BeforeEach
  void open() throws IOException {
    ledger = LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).build());
    service = CollaborationService.open(data, ledger, REGISTERED);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private LedgerEntry entry(long index) throws Exception {
    return LedgerEntry.decode(ledger.reader().entry(index));
  }

  private long ledgerSize() {
    return ledger.latest().checkpoint().size();
  }

  private Collaboration create() {
    return service.create(
        "acme", "retail-media", List.of("acme", "globex"), Purpose.AUDIENCE_INSIGHTS, RULES);
  }

  @Test
  void create_appendsCreatedThenCreatorsApproval() throws Exception {
    Collaboration c = create();
    assertEquals(CollaborationState.PENDING, c.state());
    assertEquals(Map.of("acme", c.createdIndex() + 1), c.approvals());

    LedgerEntry created = entry(c.createdIndex());
    assertEquals(EntryType.COLLABORATION_CREATED, created.type());
    JsonObject body = created.body();
    assertEquals("retail-media", body.getString("collaboration"));
    assertEquals(
        JsonArray.of(JsonString.of("acme"), JsonString.of("globex")), body.getArray("members"));
    assertEquals("audience-insights", body.getString("purpose"));
    assertEquals(RULES.hash(), body.getString("rulesHash"));
    assertEquals(RULES, RulesJson.fromJson(body.getObject("rules"), "rules"));
    assertEquals(
        RULES.hash(),
        Sha256.hex(body.getObject("rules").canonicalBytes()),
        "auditors can recompute the hash from the entry alone");

    LedgerEntry approved = entry(c.createdIndex() + 1);
    assertEquals(EntryType.COLLABORATION_APPROVED, approved.type());
    assertEquals("acme", approved.body().getString("partner"));
    assertEquals(RULES.hash(), approved.body().getString("rulesHash"));
  }

  @Test
  void approve_byOtherMember_activatesAndRecords() throws Exception {
    create();
    Collaboration c = service.approve("retail-media", "globex", RULES.hash());
    assertEquals(CollaborationState.ACTIVE, c.state());
    LedgerEntry e = entry(c.approvals().get("globex"));
    assertEquals(EntryType.COLLABORATION_APPROVED, e.type());
    assertEquals("globex", e.body().getString("partner"));
    assertEquals("retail-media", e.body().getString("collaboration"));
  }

  @Test
  void approve_again_isIdempotentWithoutEntry() {
    create();
    long before = ledgerSize();
    Collaboration c = service.approve("retail-media", "acme", RULES.hash());
    assertEquals(before, ledgerSize());
    assertEquals(CollaborationState.PENDING, c.state());
  }

  @Test
  void approve_staleHash_conflict() {
    create();
    CollaborationException e =
        assertThrows(
            CollaborationException.class,
            () -> service.approve("retail-media", "globex", "ab".repeat(32)));
    assertEquals(Kind.CONFLICT, e.kind());
    assertTrue(e.getMessage().startsWith("rulesHash:"), e.getMessage());
  }

  @Test
  void approve_nonMemberOrUnknown_refused() {
    create();
    assertEquals(
        Kind.NOT_A_MEMBER,
        assertThrows(
                CollaborationException.class,
                () -> service.approve("retail-media", "initech", RULES.hash()))
            .kind());
    assertEquals(
        Kind.NOT_FOUND,
        assertThrows(
                CollaborationException.class, () -> service.approve("nope", "acme", RULES.hash()))
            .kind());
  }

  @Test
  void create_unregisteredMember_invalidAndNothingRecorded() {
    long before = ledgerSize();
    CollaborationException e =
        assertThrows(
            CollaborationException.class,
            () ->
                service.create(
                    "acme",
                    "x",
                    List.of("acme", "globex", "mallory"),
                    Purpose.MEASUREMENT,
                    AnalysisRules.builder()
                        .dataset(new DatasetKey("acme", "customers"), d -> d.dimensions("region"))
                        .build()));
    assertEquals(Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("'mallory' is not a registered partner"));
    assertEquals(before, ledgerSize());
  }

  @Test
  void create_creatorNotMemberOrDuplicateId_refused() {
    assertEquals(
        Kind.INVALID,
        assertThrows(
                CollaborationException.class,
                () ->
                    service.create(
                        "initech",
                        "retail-media",
                        List.of("acme", "globex"),
                        Purpose.MEASUREMENT,
                        RULES))
            .kind());
    create();
    assertEquals(Kind.CONFLICT, assertThrows(CollaborationException.class, this::create).kind());
  }

  @Test
  void open_afterRestart_reloadsCollaborations() throws IOException {
    Collaboration created = create();
    Collaboration active = service.approve("retail-media", "globex", RULES.hash());
    CollaborationService reopened = CollaborationService.open(data, ledger, REGISTERED);
    assertEquals(active, reopened.require("retail-media"));
    assertEquals(List.of(active), reopened.forMember("globex"));
    assertEquals(List.of(), reopened.forMember("initech"));
    assertEquals(created.createdIndex(), reopened.require("retail-media").createdIndex());
  }

  @Test
  void open_tamperedFile_refusedNamingFileAndField() throws IOException {
    create();
    Path file = data.resolve("clean-room/collaborations/retail-media.json");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(
        file,
        text.replace("\"minAggregationThreshold\":50", "\"minAggregationThreshold\":2"),
        StandardCharsets.UTF_8);
    IOException e =
        assertThrows(IOException.class, () -> CollaborationService.open(data, ledger, REGISTERED));
    assertTrue(e.getMessage().contains("retail-media.json"), e.getMessage());
    assertTrue(e.getMessage().contains("rulesHash"), e.getMessage());
  }
}
