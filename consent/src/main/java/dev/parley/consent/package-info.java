/** Consent records (W3C DPV) and their store. */
package dev.parley.consent;
