package org.rnnmemory.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.model.Precision;
import org.rnnmemory.task.SystemA;

/**
 * The {@code training:} section (SPEC section 3). Adam with beta1 0.9, beta2 0.999, eps 1e-8.
 *
 * @param epochs passes over the training set
 * @param batchSize trials per update (at most {@code task.trials}, checked by {@link ExperimentSpec})
 * @param learningRate Adam learning rate, > 0
 * @param engine gradient engine: {@code adjoint} (hand-written backward pass), {@code samediff}, or
 *        {@code cuda} (the adjoint engine on an NVIDIA GPU; float32 only)
 * @param chunkSteps time steps per chunk of the forward/backward pass
 * @param dtype {@code float32} or {@code float64}
 * @param workers model seeds trained in parallel, >= 1
 * @param rateMemoryGib memory (GiB, all workers together) the adjoint engine may use to keep every
 *        simulated step's rates for the backward pass; beyond it, it keeps {@code chunkSteps} steps at a
 *        time and recomputes each chunk's forward pass (same results, one more product per step)
 */
public record TrainingSection(int epochs, int batchSize, double learningRate, Engine engine, int chunkSteps,
                              Precision dtype, int workers, double rateMemoryGib) {

    /** Allowed values of {@code engine}. */
    public static final List<String> ENGINES = Engine.configNames();
    /** Allowed values of {@code dtype}. */
    public static final List<String> DTYPES = Precision.configNames();

    /**
     * SPEC section 3 ({@link SystemA}): 50 epochs of batches of 32, learning rate 0.001; the project's
     * execution defaults: the adjoint engine in float32, chunks of 250 steps, 2 workers, 6.5 GiB of
     * stored rates.
     */
    public static final TrainingSection SYSTEM_A = new TrainingSection(SystemA.EPOCHS, SystemA.BATCH_SIZE,
            SystemA.LEARNING_RATE, Engine.ADJOINT, 250, Precision.FLOAT32, 2, 6.5);

    public TrainingSection {
        Check.atLeast("training.epochs", epochs, 1);
        Check.atLeast("training.batch_size", batchSize, 1);
        Check.positive("training.learning_rate", learningRate);
        Check.notNull("training.engine", engine);
        Check.atLeast("training.chunk_steps", chunkSteps, 1);
        Check.notNull("training.dtype", dtype);
        if (engine.gpu() && dtype != Precision.FLOAT32) {
            throw Check.fail("training.dtype", "must be float32 with training.engine: cuda, found " + dtype);
        }
        Check.atLeast("training.workers", workers, 1);
        Check.positive("training.rate_memory_gib", rateMemoryGib);
    }

    /** The section as ordered YAML values, keys in canonical order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("engine", engine.configName());
        m.put("chunk_steps", chunkSteps);
        m.put("dtype", dtype.configName());
        m.put("workers", workers);
        m.put("rate_memory_gib", rateMemoryGib);
        return m;
    }
}
