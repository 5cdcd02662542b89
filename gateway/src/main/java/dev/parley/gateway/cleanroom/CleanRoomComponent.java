package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.analysis.DatasetCatalog;
import dev.parley.cleanroom.analysis.QueryService;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.collab.PartnerRegistry;
import dev.parley.cleanroom.dataset.DatasetService;
import dev.parley.cleanroom.dataset.MultipartUploads;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.ledger.secret.SecretKeyAccess;
import dev.parley.ledger.store.LedgerStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hosts the clean room: the DuckDB engine under {@code <data>/clean-room/engine}, partner dataset
 * uploads (tokenized with the active matching key), collaborations (members must be partners
 * registered in the consent store), consent-enforced queries, and the released results under {@code
 * <data>/clean-room/results}; serves the partner routes of {@link CleanRoomRoutes}. Needs the
 * ledger, matching and consent components, created before it.
 *
 * <p>The tokenizer is fixed at start-up: after a matching-key rotation, uploads keep the key that
 * was active when the server started until it restarts. Uploads not completed within {@link
 * MultipartUploads#MAX_AGE} are abandoned at start and then every hour.
 */
public final class CleanRoomComponent implements Component {
  /** Upload parts processed at once; further parts wait (their requests stay paused). */
  static final int UPLOAD_WORKERS = 4;

  /** How often expired uploads are looked for. */
  static final Duration EXPIRY_PERIOD = Duration.ofHours(1);

  private static final Logger LOG = Logger.getLogger(CleanRoomComponent.class.getName());

  private final DuckDbEngine engine;
  private final DatasetService datasets;
  private final MultipartUploads uploads;
  private final CollaborationService collaborations;
  private final QueryService queries;
  private final ResultStore results;
  private final LedgerStore ledger;
  private final WorkerExecutor uploadWorkers;
  private final CleanRoomRoutes routes;
  private final Vertx vertx;
  private final long expiryTimer;

  private CleanRoomComponent(
      DuckDbEngine engine,
      DatasetService datasets,
      MultipartUploads uploads,
      CollaborationService collaborations,
      QueryService queries,
      ResultStore results,
      LedgerStore ledger,
      WorkerExecutor uploadWorkers,
      Vertx vertx,
      Clock clock) {
    this.engine = engine;
    this.datasets = datasets;
    this.uploads = uploads;
    this.collaborations = collaborations;
    this.queries = queries;
    this.results = results;
    this.ledger = ledger;
    this.uploadWorkers = uploadWorkers;
    this.routes = new CleanRoomRoutes(this, uploadWorkers, clock);
    this.vertx = vertx;
    this.expiryTimer = vertx.setPeriodic(EXPIRY_PERIOD.toMillis(), id -> expireUploads());
  }

  private void expireUploads() {
    uploadWorkers
        .executeBlocking(uploads::expireAbandoned, false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.log(Level.WARNING, "could not expire abandoned uploads", ar.cause());
              } else if (ar.result() > 0) {
                LOG.log(Level.INFO, "expired {0} abandoned uploads", ar.result());
              }
            });
  }

  /**
   * Returns the factory; the ledger, matching and consent components must be created first.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return ctx -> {
      LedgerStore ledger = ctx.require(LedgerComponent.class).store();
      MatchingKey key = ctx.require(MatchingComponent.class).keyring().active();
      ConsentStore consent = ctx.require(ConsentComponent.class).store();
      Path root = ctx.dataDir().resolve("clean-room");
      DuckDbEngine engine = DuckDbEngine.open(ctx.dataDir());
      WorkerExecutor workers = null;
      try {
        Tokenizer tokenizer = Tokenizer.create(OprfMode.VOPRF, key.key(), SecretKeyAccess.grant());
        DatasetService datasets = DatasetService.open(engine, tokenizer, ledger);
        MultipartUploads uploads =
            MultipartUploads.open(datasets, root.resolve("staging"), ctx.clock());
        CollaborationService collaborations =
            CollaborationService.open(ctx.dataDir(), ledger, PartnerRegistry.of(consent));
        QueryService queries =
            new QueryService(
                collaborations, DatasetCatalog.of(datasets), engine, consent, ledger, ctx.clock());
        ResultStore results = ResultStore.open(root.resolve("results"));
        workers =
            ctx.vertx()
                .createSharedWorkerExecutor(
                    "parley-cleanroom-uploads", UPLOAD_WORKERS, 6, TimeUnit.HOURS);
        return new CleanRoomComponent(
            engine,
            datasets,
            uploads,
            collaborations,
            queries,
            results,
            ledger,
            workers,
            ctx.vertx(),
            ctx.clock());
      } catch (Exception | Error e) {
        if (workers != null) {
          workers.close();
        }
        engine.close();
        throw e;
      }
    };
  }

  /**
   * Returns the dataset service (single-request uploads, versions).
   *
   * @return the service
   */
  public DatasetService datasets() {
    return datasets;
  }

  /**
   * Returns the multi-part uploads.
   *
   * @return the service
   */
  public MultipartUploads uploads() {
    return uploads;
  }

  /**
   * Returns the collaborations.
   *
   * @return the service
   */
  public CollaborationService collaborations() {
    return collaborations;
  }

  /**
   * Returns the query service.
   *
   * @return the service
   */
  public QueryService queries() {
    return queries;
  }

  /**
   * Returns the stored results.
   *
   * @return the store
   */
  public ResultStore results() {
    return results;
  }

  /**
   * Returns the engine.
   *
   * @return the DuckDB engine
   */
  public DuckDbEngine engine() {
    return engine;
  }

  @Override
  public String name() {
    return "clean-room";
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  /** Not ready while the ledger refuses appends: no upload or release could be recorded. */
  @Override
  public Readiness readiness() {
    return ledger
        .failure()
        .map(why -> Readiness.down("uploads and releases cannot be recorded: the ledger refuses"))
        .orElse(Readiness.up());
  }

  @Override
  public void close() {
    vertx.cancelTimer(expiryTimer);
    uploadWorkers.close();
    engine.close();
  }
}
