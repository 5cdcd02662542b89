/**
 * The analytic engine contract ({@link dev.parley.cleanroom.engine.AnalyticEngine}, {@link
 * dev.parley.cleanroom.engine.AggregationPlan}) and its embedded DuckDB implementation ({@link
 * dev.parley.cleanroom.engine.DuckDbEngine}): token-keyed tables, aggregation plans compiled to SQL
 * from validated names and bound parameters, token sets, and a catalog of records published
 * atomically with tables.
 */
package dev.parley.cleanroom.engine;
