/**
 * Partner datasets: schemas, streaming CSV ingestion with tokenization on the way in, and the
 * registry of immutable dataset versions (see {@code docs/clean-room.md}, "Life of an upload").
 */
package dev.parley.cleanroom.dataset;
