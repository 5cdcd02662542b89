/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles) math with tile height 8: tile and entry-bundle
 * identifiers and their paths, which tiles a tree size has and which change as it grows, the
 * entry-bundle encoding, and a {@link dev.parley.ledger.merkle.HashReader} over tiles. Pure logic:
 * tile bytes come in through a caller-supplied function.
 *
 * <p>Entry points: {@link dev.parley.ledger.tiles.TilePath}, {@link
 * dev.parley.ledger.tiles.TileMath}, {@link dev.parley.ledger.tiles.EntryBundle} and {@link
 * dev.parley.ledger.tiles.TileHashReader}.
 */
package dev.parley.ledger.tiles;
