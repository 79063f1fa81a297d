/**
 * The integration-and-memory task: trial structure (onset, duration, cost window), trial generation
 * with per-trial hidden variables, and trial datasets stored on disk (DataVec CSV sequences).
 *
 * <p>May import {@code io} only.
 */
package org.rnnmemory.task;
