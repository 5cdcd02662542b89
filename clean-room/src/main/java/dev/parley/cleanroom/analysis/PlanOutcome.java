package dev.parley.cleanroom.analysis;

/** What the planner decided: a {@link QueryPlan} to run, or a {@link RuleViolation}. */
public sealed interface PlanOutcome permits QueryPlan, RuleViolation {}
