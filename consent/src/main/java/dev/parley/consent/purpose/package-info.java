/** Parley's fixed purpose taxonomy, mapped to W3C DPV purposes and IAB TCF v2.2 purposes 1-11. */
package dev.parley.consent.purpose;
