/** The auditors' read-only, time- and row-limited SPARQL service over the consent graph. */
package dev.parley.consent.audit;
