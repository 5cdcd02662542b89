/**
 * The consent record store: DPV records in Apache Jena TDB2, validated with SHACL, journaled on the
 * ledger and indexed in memory.
 */
package dev.parley.consent.store;
