/**
 * Experiment and sweep files: strict YAML bound into immutable, validated records
 * ({@link org.rnnmemory.config.ExperimentSpec}, {@link org.rnnmemory.config.SweepSpec}), with
 * {@code --set} overrides, "did you mean" suggestions and errors that name the file, line and key.
 * The first stage of the flow config -> task -> model -> train -> run -> eval -> analysis.
 *
 * <p>May import {@code io}, {@code model}, {@code task} and {@code eval} (whose parameter records the
 * spec builds); never {@code train}, {@code run} or anything above.
 */
package org.rnnmemory.config;
