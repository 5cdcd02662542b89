/** The in-memory consent index that answers the clean room's bulk consent question. */
package dev.parley.consent.index;
