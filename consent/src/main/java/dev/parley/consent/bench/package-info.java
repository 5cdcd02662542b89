/** The consent benchmark (load, the bulk question, withdrawal visibility). */
package dev.parley.consent.bench;
