/**
 * Plans: {@link io.netns4j.lab.plan.Plan} is what {@code lab up} runs, as data (printable as
 * the equivalent commands: {@code lab up --dry-run}); {@link io.netns4j.lab.plan.Reconcile}
 * diffs two plans for an update. Pure: no system call.
 */
package io.netns4j.lab.plan;
