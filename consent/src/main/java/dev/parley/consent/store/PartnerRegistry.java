package dev.parley.consent.store;

import dev.parley.consent.partner.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The registered partners (data controllers): an in-memory copy of the partner nodes of the consent
 * graph, kept in step with TDB2 on every registration. Reads are lock-free.
 */
final class PartnerRegistry {
  private final TdbDataset tdb;
  private final ShaclGate shacl;
  private final Map<String, Partner> partners;

  PartnerRegistry(TdbDataset tdb, ShaclGate shacl, Map<String, Partner> loaded) {
    this.tdb = tdb;
    this.shacl = shacl;
    this.partners = new ConcurrentHashMap<>(loaded);
  }

  /**
   * Validates a partner's triples against the shapes, then replaces its node in TDB2.
   *
   * @throws ConsentValidationException if the triples violate the shapes (nothing changes)
   */
  void register(Partner partner) {
    tdb.exclusively(
        () -> {
          List<Triple> triples = new ArrayList<>();
          RecordGraph.partner(partner, triples::add);
          Graph g = GraphFactory.createDefaultGraph();
          triples.forEach(g::add);
          shacl.check(g);
          tdb.replace(Vocab.uri(partner.iri()), triples);
          partners.put(partner.id(), partner);
        });
  }

  /** The partner with this id, if registered. */
  Optional<Partner> get(String id) {
    return Optional.ofNullable(partners.get(id));
  }

  /** Every partner, by id. */
  List<Partner> all() {
    return List.copyOf(new TreeMap<>(partners).values());
  }
}
