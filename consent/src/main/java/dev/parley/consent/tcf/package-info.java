/** Bulk import of IAB TCF v2.2 TC strings, decoded with the IAB's own Java library. */
package dev.parley.consent.tcf;
