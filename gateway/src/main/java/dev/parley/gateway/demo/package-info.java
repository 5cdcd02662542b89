/**
 * {@code parley serve --demo}: loads two partners' synthetic data into the running server's own
 * stores, runs three analyses and prints what came out and where to look further.
 */
package dev.parley.gateway.demo;
