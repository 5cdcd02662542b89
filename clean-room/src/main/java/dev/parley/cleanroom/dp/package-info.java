/**
 * Differential privacy for aggregate releases: exact discrete Laplace and discrete Gaussian noise,
 * the mechanisms built on them, and privacy-budget accounting with replay from the ledger.
 *
 * <p>Samplers ({@link dev.parley.cleanroom.dp.DiscreteLaplaceSampler}, {@link
 * dev.parley.cleanroom.dp.DiscreteGaussianSampler}, {@link
 * dev.parley.cleanroom.dp.BernoulliSampler}) follow Canonne, Kamath &amp; Steinke (NeurIPS 2020,
 * arXiv:2004.00010) Algorithms 1-3 with integer arithmetic only and randomness only from an
 * injected {@link java.security.SecureRandom}; no class in this package uses floating point.
 * Mechanisms ({@link dev.parley.cleanroom.dp.DiscreteLaplaceMechanism}, {@link
 * dev.parley.cleanroom.dp.DiscreteGaussianMechanism}) report the noise scale and an exact 95%
 * interval. {@link dev.parley.cleanroom.dp.BudgetAccountant} grants or refuses costs before a query
 * runs; {@link dev.parley.cleanroom.dp.BudgetReplay} recomputes the budget from spend records;
 * {@link dev.parley.cleanroom.dp.PrivacyJson} is the ledger form. Pure logic only: no I/O. The
 * query service ({@code dev.parley.cleanroom.analysis}) wires them into queries (see {@code
 * docs/privacy.md}).
 */
package dev.parley.cleanroom.dp;
