package dev.parley.cleanroom.synth;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic synthetic population for demos and benchmarks: an advertiser's CRM and a
 * publisher's audience that share some people, with realistic-looking attributes and consent.
 *
 * <p>People are numbered: ids {@code [0, shared)} are in both datasets, {@code [shared, shared +
 * advertiserOnly)} only in the advertiser's, the next {@code publisherOnly} only in the
 * publisher's. Everything about person {@code i} (email, attributes, consent) is a pure function of
 * the seed and {@code i}, so a benchmark can regenerate any row without storing the population, and
 * tests can compute expected answers exactly. Nobody here is real: emails use reserved example
 * domains and {@code gmail.com} with numbered local parts.
 */
public final class SyntheticPopulation {
  /** How identifiers are written into generated CSV files. */
  public enum IdentifierFormat {
    /** The raw email, as a partner's CRM holds it (normalized and hashed by the partner tool). */
    RAW_EMAIL,
    /** SHA-256 of the normalized email, 64 lowercase hex digits. */
    SHA256_HEX,
    /** SHA-256 of the normalized email, 44-character standard base64. */
    SHA256_BASE64
  }

  private static final String[] GIVEN = {
    "ana", "ben", "chloe", "dev", "elif", "femi", "grace", "hiro", "ines", "jon", "kira", "liam",
    "mei", "noor", "omar", "pia", "quinn", "rosa", "sam", "tara", "umar", "vera", "wen", "yara"
  };
  private static final String[] FAMILY = {
    "smith",
    "garcia",
    "khan",
    "nguyen",
    "muller",
    "rossi",
    "tanaka",
    "silva",
    "cohen",
    "okafor",
    "novak",
    "larsen",
    "dubois",
    "kowalski",
    "haddad",
    "ivanova"
  };
  private static final String[] DOMAINS = {
    "gmail.com", "example.com", "example.org", "example.net"
  };

  /** The age bands, youngest first (both datasets). */
  public static final List<String> AGE_BANDS =
      List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");

  private static final int[] AGE_WEIGHTS = {14, 24, 21, 17, 13, 11};

  /** The regions (both datasets). */
  public static final List<String> REGIONS = List.of("north", "south", "east", "west", "central");

  /** The advertiser's purchase channels. */
  public static final List<String> CHANNELS = List.of("web", "app", "store", "phone");

  /** The publisher's interest tags. */
  public static final List<String> INTERESTS =
      List.of(
          "outdoor", "cooking", "gaming", "fashion", "travel", "finance", "fitness", "parenting");

  /** The publisher's device types. */
  public static final List<String> DEVICES = List.of("mobile", "desktop", "tablet", "tv");

  /** The advertiser's lifetime-value bands. */
  public static final List<String> LTV_BANDS = List.of("low", "medium", "high");

  /** The advertiser's RFM segments. */
  public static final List<String> RFM_SEGMENTS =
      List.of("champion", "loyal", "new", "at-risk", "lapsed");

  /** The advertiser's CSV columns after the identifier column, in file order. */
  public static final List<String> ADVERTISER_COLUMNS =
      List.of(
          "age_band",
          "region",
          "channel",
          "orders",
          "purchase_amount",
          "last_purchase",
          "ltv_band",
          "rfm_segment");

  /** The publisher's CSV columns after the identifier column, in file order. */
  public static final List<String> PUBLISHER_COLUMNS =
      List.of("age_band", "interest", "device", "region", "minutes_per_week");

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);

  private final Params params;

  /**
   * The population's shape.
   *
   * @param seed the seed every attribute derives from
   * @param shared people in both datasets
   * @param advertiserOnly people only in the advertiser's CRM
   * @param publisherOnly people only in the publisher's audience
   * @param consentPercent percent (0-100) of people who consent to both partners
   */
  public record Params(
      long seed, int shared, int advertiserOnly, int publisherOnly, int consentPercent) {
    /** Validates the shape. */
    public Params {
      if (shared < 0 || advertiserOnly < 0 || publisherOnly < 0) {
        throw new IllegalArgumentException("population sizes must be >= 0");
      }
      if (consentPercent < 0 || consentPercent > 100) {
        throw new IllegalArgumentException("consentPercent: must be 0-100, got " + consentPercent);
      }
    }
  }

  /**
   * Creates the population.
   *
   * @param params its shape
   */
  public SyntheticPopulation(Params params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /**
   * Returns the shape.
   *
   * @return the parameters
   */
  public Params params() {
    return params;
  }

  /**
   * Returns person {@code i}'s email as a CRM might hold it (mixed case, sometimes a gmail dot or
   * {@code +tag}, which normalization removes).
   *
   * @param person the person id
   * @return the raw email
   */
  public String rawEmail(long person) {
    long r = mix(person, 1);
    String domain = DOMAINS[(int) (r & 3)];
    String local =
        GIVEN[(int) ((r >>> 8) % GIVEN.length)]
            + "."
            + FAMILY[(int) ((r >>> 16) % FAMILY.length)]
            + person;
    if (domain.equals("gmail.com") && ((r >>> 32) & 3) == 0) {
      local = local + "+shop";
    }
    return ((r >>> 40) & 7) == 0
        ? local.toUpperCase(java.util.Locale.ROOT) + "@" + domain
        : local + "@" + domain;
  }

  /**
   * Returns the SHA-256 of person {@code i}'s normalized email.
   *
   * @param person the person id
   * @return the 32-byte hash
   */
  public byte[] emailHash(long person) {
    return IdentifierHash.of(Normalizer.normalizeEmail(rawEmail(person))).bytes();
  }

  /**
   * Returns whether person {@code i} consents to both partners for every purpose.
   *
   * @param person the person id
   * @return true for about {@code consentPercent} percent of people
   */
  public boolean consents(long person) {
    return Math.floorMod(mix(person, 7), 100) < params.consentPercent();
  }

  /**
   * Returns how many people the advertiser's CRM holds: its rows are persons {@code 0 ..
   * advertiserCount() - 1}, in that order.
   *
   * @return {@code shared + advertiserOnly}
   */
  public long advertiserCount() {
    return (long) params.shared() + params.advertiserOnly();
  }

  /**
   * Returns how many people the publisher's audience holds.
   *
   * @return {@code shared + publisherOnly}
   */
  public long publisherCount() {
    return (long) params.shared() + params.publisherOnly();
  }

  /**
   * Returns the person id of row {@code row} (0-based) of the publisher's file.
   *
   * @param row the row
   * @return the person id
   */
  public long publisherPerson(long row) {
    return row < params.shared() ? row : row + params.advertiserOnly();
  }

  /**
   * Returns how many people the population holds: both datasets' people, each counted once.
   *
   * @return {@code shared + advertiserOnly + publisherOnly}
   */
  public long personCount() {
    return (long) params.shared() + params.advertiserOnly() + params.publisherOnly();
  }

  /**
   * Tells whether a person is in the advertiser's CRM.
   *
   * @param person the person id
   * @return true for ids in {@code [0, shared + advertiserOnly)}
   */
  public boolean inAdvertiser(long person) {
    return person >= 0 && person < advertiserCount();
  }

  /**
   * Tells whether a person is in the publisher's audience.
   *
   * @param person the person id
   * @return true for shared people and publisher-only people
   */
  public boolean inPublisher(long person) {
    return (person >= 0 && person < params.shared())
        || (person >= advertiserCount() && person < personCount());
  }

  /**
   * Returns the age band of a person (shared by both datasets, as real data would roughly agree).
   *
   * @param person the person id
   * @return one of the six bands
   */
  public String ageBand(long person) {
    int r = Math.floorMod(mix(person, 2), 100);
    for (int i = 0; i < AGE_WEIGHTS.length; i++) {
      r -= AGE_WEIGHTS[i];
      if (r < 0) {
        return AGE_BANDS.get(i);
      }
    }
    return AGE_BANDS.getLast();
  }

  /**
   * Returns a person's main interest on the publisher's site (correlated with the age band).
   *
   * @param person the person id
   * @return the interest tag
   */
  public String interest(long person) {
    int band = AGE_BANDS.indexOf(ageBand(person));
    int r = Math.floorMod(mix(person, 3), 10);
    return INTERESTS.get((band + (r < 6 ? 0 : r)) % INTERESTS.size());
  }

  /**
   * Returns the advertiser's CRM row of a person.
   *
   * @param person the person id, in {@code [0, advertiserCount())}
   * @return the row's attributes
   */
  public AdvertiserRow advertiserRow(long person) {
    long r = mix(person, 4);
    int orders = 1 + Integer.numberOfTrailingZeros((int) (r | (1L << 12)));
    long cents = orders * (1800 + (r >>> 20) % 14_000);
    double amount = cents / 100.0;
    int recencyDays = (int) ((r >>> 40) % 720);
    return new AdvertiserRow(
        person,
        ageBand(person),
        REGIONS.get((int) ((r >>> 13) % REGIONS.size())),
        CHANNELS.get((int) ((r >>> 17) % CHANNELS.size())),
        orders,
        amount,
        TODAY.minusDays(recencyDays),
        amount >= 600 ? "high" : amount >= 150 ? "medium" : "low",
        rfm(recencyDays, orders, amount));
  }

  /**
   * Returns row {@code row} of the publisher's audience.
   *
   * @param row the 0-based row, in {@code [0, publisherCount())}
   * @return the row's attributes ({@link PublisherRow#person()} is {@link #publisherPerson})
   */
  public PublisherRow publisherRow(long row) {
    long p = publisherPerson(row);
    long r = mix(p, 5);
    return new PublisherRow(
        p,
        ageBand(p),
        interest(p),
        DEVICES.get((int) ((r >>> 3) % DEVICES.size())),
        REGIONS.get((int) ((r >>> 13) % REGIONS.size())),
        5 + (r >>> 24) % 600);
  }

  /**
   * Returns the advertiser's CRM as a CSV stream generated while it is read (bounded memory,
   * whatever the size): identifier, age band, region, channel, orders, purchase amount, last
   * purchase date, lifetime-value band and RFM segment.
   *
   * @param format how the identifier column is written
   * @return the stream; {@code close} does nothing
   */
  public InputStream advertiserCsv(IdentifierFormat format) {
    Objects.requireNonNull(format, "format");
    return new CsvStream(
        header(format, ADVERTISER_COLUMNS),
        advertiserCount(),
        (p, line) -> {
          line.append(identifier(p, format));
          advertiserRow(p).appendFields(line);
          line.append('\n');
        });
  }

  /**
   * Returns the publisher's audience as a CSV stream generated while it is read (bounded memory):
   * identifier, age band, interest, device, region and weekly minutes.
   *
   * @param format how the identifier column is written
   * @return the stream; {@code close} does nothing
   */
  public InputStream publisherCsv(IdentifierFormat format) {
    Objects.requireNonNull(format, "format");
    return new CsvStream(
        header(format, PUBLISHER_COLUMNS),
        publisherCount(),
        (row, line) -> {
          PublisherRow r = publisherRow(row);
          line.append(identifier(r.person(), format));
          r.appendFields(line);
          line.append('\n');
        });
  }

  /**
   * Writes the advertiser's CRM ({@link #advertiserCsv}).
   *
   * @param out where to write (not closed)
   * @param format how the identifier column is written
   * @throws IOException if writing fails
   */
  public void writeAdvertiserCsv(OutputStream out, IdentifierFormat format) throws IOException {
    advertiserCsv(format).transferTo(out);
    out.flush();
  }

  /**
   * Writes the publisher's audience ({@link #publisherCsv}).
   *
   * @param out where to write (not closed)
   * @param format how the identifier column is written
   * @throws IOException if writing fails
   */
  public void writePublisherCsv(OutputStream out, IdentifierFormat format) throws IOException {
    publisherCsv(format).transferTo(out);
    out.flush();
  }

  private static String header(IdentifierFormat format, List<String> columns) {
    return idColumn(format) + "," + String.join(",", columns);
  }

  private static String idColumn(IdentifierFormat format) {
    return format == IdentifierFormat.RAW_EMAIL ? "email" : "email_sha256";
  }

  private String identifier(long person, IdentifierFormat format) {
    return switch (format) {
      case RAW_EMAIL -> rawEmail(person);
      case SHA256_HEX -> HexFormat.of().formatHex(emailHash(person));
      case SHA256_BASE64 -> Base64.getEncoder().encodeToString(emailHash(person));
    };
  }

  private static String rfm(int recencyDays, int orders, double amount) {
    if (recencyDays < 90 && orders >= 3) {
      return "champion";
    }
    if (recencyDays < 180 && amount >= 150) {
      return "loyal";
    }
    if (recencyDays > 365) {
      return "lapsed";
    }
    return recencyDays < 60 ? "new" : "at-risk";
  }

  /** SplitMix64 of (seed, person, stream): a fast, well-mixed pure function. */
  private long mix(long person, int stream) {
    long z = params.seed() + person * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z & Long.MAX_VALUE;
  }
}
