/** Immutable consent records: decisions, stored records, effective states and receipts. */
package dev.parley.consent.model;
