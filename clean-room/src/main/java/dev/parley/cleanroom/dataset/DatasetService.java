package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.CatalogEngine;
import dev.parley.cleanroom.engine.CatalogRecord;
import dev.parley.cleanroom.engine.CatalogTableWriter;
import dev.parley.cleanroom.engine.EngineConflictException;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.partner.Partner;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Partner dataset uploads and the registry of their immutable versions; thread-safe.
 *
 * <p>Life of an upload (see {@code docs/clean-room.md}): the bytes are digested as received,
 * gunzipped if they start with the gzip magic, parsed as RFC 4180 CSV whose header must name
 * exactly the schema's columns, validated row by row, and tokenized in batches on every core;
 * identifier hashes live only in a reused, zeroed buffer and never reach storage. The rows go to a
 * new engine table, which is published in one transaction with its registry row (a {@code
 * dataset_version} catalog record) and, if the upload has a key, its {@code upload_key} record.
 * Only then is {@code dataset.uploaded} appended to the ledger and its index recorded in the
 * registry row. A crash between the two leaves a registry row without a ledger index; {@link #open}
 * finds it and appends the entry then, first scanning the ledger from the size it had before the
 * commit so that an entry which did become durable is not appended twice.
 *
 * <p>Uploads of one dataset are serialized (a version number is assigned up front); uploads of
 * different datasets run in parallel.
 */
public final class DatasetService {
  private static final Logger LOG = Logger.getLogger(DatasetService.class.getName());

  private final CatalogEngine engine;
  private final Tokenizer tokenizer;
  private final UploadLedger ledger;
  private final Clock clock;
  private final int batchSize;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  private DatasetService(
      CatalogEngine engine, Tokenizer tokenizer, UploadLedger ledger, Clock clock, int batchSize) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.batchSize = batchSize;
  }

  /**
   * Opens the service and appends the ledger entries of versions a crash left unpublished.
   *
   * @param engine the engine holding version tables and the registry
   * @param tokenizer the tokenizer of the active matching key
   * @param ledger the ledger
   * @return the service
   * @throws IOException if a pending version's ledger entry cannot be appended
   */
  public static DatasetService open(CatalogEngine engine, Tokenizer tokenizer, LedgerStore ledger)
      throws IOException {
    return open(
        engine, tokenizer, UploadLedger.of(ledger), Clock.systemUTC(), Ingest.DEFAULT_BATCH);
  }

  static DatasetService open(
      CatalogEngine engine, Tokenizer tokenizer, UploadLedger ledger, Clock clock, int batchSize)
      throws IOException {
    DatasetService service = new DatasetService(engine, tokenizer, ledger, clock, batchSize);
    service.publishPending();
    return service;
  }

  /**
   * Uploads a new version of a dataset.
   *
   * @param partnerId the uploading partner
   * @param schema the dataset's schema for this version
   * @param input CSV or gzip-compressed CSV; read to the end, not closed
   * @param options the upload key and the tolerated number of invalid rows
   * @return the new version, or on an idempotent retry the first upload's result
   * @throws DatasetUploadException if the content is refused; nothing is stored
   * @throws UploadKeyConflictException if the upload key was used for other content; nothing is
   *     stored
   * @throws IOException if reading fails, or the version was stored but its ledger entry could not
   *     be appended (a retry with the same key, or the next start, appends it)
   */
  public UploadResult upload(
      String partnerId, DatasetSchema schema, InputStream input, UploadOptions options)
      throws IOException {
    Partner.requireId(partnerId, "partnerId");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(options, "options");
    if (options.uploadKey().isPresent()) {
      Optional<VersionRecords.KeyRef> prior = keyRef(partnerId, options.uploadKey().get());
      if (prior.isPresent()) {
        String digest = HexFormat.of().formatHex(UploadInput.digestAll(input));
        return replay(partnerId, options.uploadKey().get(), prior.get(), schema, digest);
      }
    }
    return store(
        partnerId,
        schema,
        options.uploadKey(),
        v -> List.of(),
        writer -> {
          UploadInput in = UploadInput.open(input);
          Ingest.Outcome outcome =
              new Ingest(schema, tokenizer, options.maxRejected(), batchSize)
                  .run(in.reader(), writer);
          return new Loaded(
              outcome.rows(),
              outcome.rejected(),
              outcome.rejections(),
              HexFormat.of().formatHex(in.finishDigest()));
        });
  }

  /** Fills a new version table; returns what was loaded and the version's digest. */
  @FunctionalInterface
  interface Loader {
    Loaded load(CatalogTableWriter writer) throws IOException;
  }

  /** What a {@link Loader} put into a version table. */
  record Loaded(long rows, long rejected, List<RowRejection> rejections, String digest) {}

  /**
   * Stores a new version: assigns the next version number, fills its table with {@code loader},
   * commits the table with its registry row, its upload-key record and {@code extra} records in one
   * transaction, then appends {@code dataset.uploaded}.
   *
   * @param extra further catalog records to commit with the version (given the version)
   * @return the result, or on a lost race for the upload key the winner's result
   */
  UploadResult store(
      String partnerId,
      DatasetSchema schema,
      Optional<String> uploadKey,
      Function<DatasetVersion, List<CatalogRecord>> extra,
      Loader loader)
      throws IOException {
    ReentrantLock lock = lock(partnerId, schema.name());
    DatasetVersion stored;
    lock.lock();
    try {
      long version =
          versions(partnerId, schema.name()).stream()
                  .mapToLong(DatasetVersion::version)
                  .max()
                  .orElse(0)
              + 1;
      String table = TableNames.versionTable(partnerId, schema.name(), version);
      try (CatalogTableWriter writer = engine.createTable(table, schema.columnDefs())) {
        Loaded loaded = loader.load(writer);
        stored =
            new DatasetVersion(
                partnerId,
                schema.name(),
                version,
                new TableRef(table, partnerId),
                schema,
                loaded.digest(),
                loaded.rows(),
                loaded.rejected(),
                loaded.rejections(),
                uploadKey,
                clock.instant(),
                ledger.size(),
                Optional.empty());
        List<CatalogRecord> records = new ArrayList<>();
        records.add(VersionRecords.versionRecord(stored));
        if (uploadKey.isPresent()) {
          records.add(VersionRecords.keyRecord(stored));
        }
        records.addAll(extra.apply(stored));
        try {
          writer.commit(records);
        } catch (EngineConflictException e) {
          // A concurrent upload with the same key (of another dataset) committed first.
          Optional<VersionRecords.KeyRef> winner = uploadKey.flatMap(k -> keyRef(partnerId, k));
          if (winner.isEmpty()) {
            throw e;
          }
          return replay(partnerId, uploadKey.get(), winner.get(), schema, loaded.digest());
        }
      }
      return publish(stored, false).toResult();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the result of a stored version, appending its ledger entry first if a crash left it
   * pending.
   *
   * @throws IOException if the ledger refuses the entry
   */
  UploadResult resultOf(DatasetVersion v) throws IOException {
    ReentrantLock lock = lock(v.partnerId(), v.dataset());
    lock.lock();
    try {
      DatasetVersion current = describe(v.partnerId(), v.dataset(), v.version()).orElse(v);
      return (current.published() ? current : publish(current, true)).toResult();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether an upload key of a partner already names a stored version.
   *
   * @param partnerId the partner
   * @param uploadKey the key
   * @return the dataset and version it names, if any
   */
  Optional<VersionRecords.KeyRef> usedKey(String partnerId, String uploadKey) {
    return keyRef(partnerId, uploadKey);
  }

  CatalogEngine engine() {
    return engine;
  }

  Tokenizer tokenizer() {
    return tokenizer;
  }

  int batchSize() {
    return batchSize;
  }

  /** Answers a retry: the same dataset, schema and bytes give the first result. */
  private UploadResult replay(
      String partnerId,
      String uploadKey,
      VersionRecords.KeyRef ref,
      DatasetSchema schema,
      String digest)
      throws IOException {
    String what =
        "upload key '"
            + uploadKey
            + "' was already used for "
            + ref.dataset()
            + " v"
            + ref.version();
    if (!ref.dataset().equals(schema.name())) {
      throw new UploadKeyConflictException(what + ", not for dataset " + schema.name());
    }
    ReentrantLock lock = lock(partnerId, ref.dataset());
    lock.lock();
    try {
      DatasetVersion prior =
          describe(partnerId, ref.dataset(), ref.version())
              .orElseThrow(() -> new IllegalStateException(what + " but that version is missing"));
      if (!prior.digest().equals(digest)) {
        throw new UploadKeyConflictException(
            what
                + " with different content (SHA-256 "
                + prior.digest()
                + ", this upload "
                + digest
                + ")");
      }
      if (!prior.schema().equals(schema)) {
        throw new UploadKeyConflictException(what + " with a different schema");
      }
      return (prior.published() ? prior : publish(prior, true)).toResult();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends the version's {@code dataset.uploaded} entry (unless {@code recover} finds it already
   * durable) and records its index in the registry row.
   */
  private DatasetVersion publish(DatasetVersion v, boolean recover) throws IOException {
    var body = VersionRecords.ledgerBody(v);
    OptionalLong found = recover ? ledger.find(body, v.ledgerFrom()) : OptionalLong.empty();
    long index;
    try {
      index = found.isPresent() ? found.getAsLong() : ledger.append(body);
    } catch (IOException e) {
      throw new IOException(
          v.partnerId()
              + "/"
              + v.dataset()
              + " v"
              + v.version()
              + " is stored but its dataset.uploaded entry is not on the ledger yet (a retry with"
              + " the same upload key or the next start appends it): "
              + e.getMessage(),
          e);
    }
    DatasetVersion published = v.withLedgerIndex(index);
    engine.putCatalogRecord(VersionRecords.versionRecord(published));
    return published;
  }

  /**
   * Appends the ledger entries of every stored version that has none yet (after a crash between the
   * engine commit and the ledger append). {@link #open} calls this.
   *
   * @return how many versions were published
   * @throws IOException if the ledger refuses an entry
   */
  public int publishPending() throws IOException {
    int published = 0;
    for (CatalogRecord record : engine.catalogRecords(VersionRecords.VERSION_KIND, "")) {
      DatasetVersion v = VersionRecords.parseVersion(record);
      if (v.published()) {
        continue;
      }
      ReentrantLock lock = lock(v.partnerId(), v.dataset());
      lock.lock();
      try {
        Optional<DatasetVersion> current = describe(v.partnerId(), v.dataset(), v.version());
        if (current.isPresent() && !current.get().published()) {
          DatasetVersion done = publish(current.get(), true);
          LOG.log(
              Level.INFO,
              "recorded dataset.uploaded for {0}/{1} v{2} at ledger index {3}",
              new Object[] {v.partnerId(), v.dataset(), v.version(), done.ledgerIndex().get()});
          published++;
        }
      } finally {
        lock.unlock();
      }
    }
    return published;
  }

  /**
   * Returns the newest version of a dataset whose ledger entry is durable: the one analyses read.
   *
   * @param partnerId the owning partner
   * @param dataset the dataset name
   * @return the version (with its {@link DatasetVersion#table()} and schema), or empty
   */
  public Optional<DatasetVersion> latest(String partnerId, String dataset) {
    List<DatasetVersion> all = versions(partnerId, dataset);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).published()) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns every stored version of a dataset, oldest first (including any whose ledger entry is
   * still pending).
   *
   * @param partnerId the owning partner
   * @param dataset the dataset name
   * @return the versions
   */
  public List<DatasetVersion> versions(String partnerId, String dataset) {
    Partner.requireId(partnerId, "partnerId");
    requireDataset(dataset);
    return engine
        .catalogRecords(
            VersionRecords.VERSION_KIND, VersionRecords.versionPrefix(partnerId, dataset))
        .stream()
        .map(VersionRecords::parseVersion)
        .toList();
  }

  /**
   * Returns every stored version of every dataset of a partner, by dataset name then version.
   *
   * @param partnerId the owning partner
   * @return the versions (including any whose ledger entry is still pending)
   */
  public List<DatasetVersion> allVersions(String partnerId) {
    Partner.requireId(partnerId, "partnerId");
    return engine.catalogRecords(VersionRecords.VERSION_KIND, partnerId + "/").stream()
        .map(VersionRecords::parseVersion)
        .toList();
  }

  /**
   * Returns one version of a dataset.
   *
   * @param partnerId the owning partner
   * @param dataset the dataset name
   * @param version the version number
   * @return the version, if stored
   */
  public Optional<DatasetVersion> describe(String partnerId, String dataset, long version) {
    Partner.requireId(partnerId, "partnerId");
    requireDataset(dataset);
    return engine
        .catalogRecord(
            VersionRecords.VERSION_KIND, VersionRecords.versionKey(partnerId, dataset, version))
        .map(VersionRecords::parseVersion);
  }

  private Optional<VersionRecords.KeyRef> keyRef(String partnerId, String uploadKey) {
    return engine
        .catalogRecord(
            VersionRecords.UPLOAD_KEY_KIND, VersionRecords.uploadKeyKey(partnerId, uploadKey))
        .map(VersionRecords::parseKey);
  }

  private ReentrantLock lock(String partnerId, String dataset) {
    return locks.computeIfAbsent(partnerId + "/" + dataset, k -> new ReentrantLock());
  }

  private static void requireDataset(String dataset) {
    if (dataset == null || !DatasetSchema.NAME.matcher(dataset).matches()) {
      throw new IllegalArgumentException(
          "dataset: must match [a-z][a-z0-9_-]{0,62}, got " + SchemaJson.describe(dataset));
    }
  }
}
