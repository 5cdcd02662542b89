/** The consent store's port to the ledger, and its ledger-backed implementation. */
package dev.parley.consent.journal;
