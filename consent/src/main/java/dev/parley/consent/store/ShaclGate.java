package dev.parley.consent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Validates data graphs against the consent shapes kept in the repository ({@code
 * src/main/resources/shapes/consent.ttl}), with Apache Jena SHACL.
 */
public final class ShaclGate {
  /** The classpath location of the shapes. */
  public static final String SHAPES = "/shapes/consent.ttl";

  private static final int MAX_REPORTED = 20;

  private final Shapes shapes;

  private ShaclGate(Shapes shapes) {
    this.shapes = shapes;
  }

  /**
   * Loads the shapes from the classpath.
   *
   * @return the gate
   */
  public static ShaclGate load() {
    Graph g = GraphFactory.createDefaultGraph();
    try (InputStream in = ShaclGate.class.getResourceAsStream(SHAPES)) {
      if (in == null) {
        throw new IllegalStateException(SHAPES + " is missing from the classpath");
      }
      RDFParser.source(in).lang(Lang.TURTLE).parse(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ShaclGate(Shapes.parse(g));
  }

  /**
   * Validates a data graph.
   *
   * @param data the graph about to be written (with any context it refers to, such as partners)
   * @throws ConsentValidationException listing each violation (focus node, path, message)
   */
  public void check(Graph data) {
    ValidationReport report = ShaclValidator.get().validate(shapes, data);
    if (report.conforms()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (ReportEntry e : report.getEntries()) {
      if (lines.size() == MAX_REPORTED) {
        lines.add("... " + (report.getEntries().size() - MAX_REPORTED) + " more");
        break;
      }
      String path = e.resultPath() == null ? "" : " " + e.resultPath();
      lines.add("<" + e.focusNode() + ">" + path + ": " + e.message());
    }
    throw new ConsentValidationException(lines);
  }
}
