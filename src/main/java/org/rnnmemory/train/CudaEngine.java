package org.rnnmemory.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.gpu.Cuda;
import org.rnnmemory.gpu.CudaAdjoint;
import org.rnnmemory.gpu.CudaInfo;
import org.rnnmemory.gpu.CudaUnavailableException;
import org.rnnmemory.gpu.Executor;
import org.rnnmemory.model.ModelParams;

/**
 * {@code training.engine: cuda}: the adjoint engine's arithmetic on the process's GPU
 * ({@link CudaAdjoint}), float32 only. gGt is formed as the CPU engine forms it (G rounded to float,
 * times the gain in float, transposed) and copied to the device once; each update copies the batch,
 * I and w in and the per-seed loss and gradients out. Every simulated step's rates stay on the device,
 * so {@code training.rate_memory_gib} and {@code chunk_steps} do not apply.
 */
public final class CudaEngine implements BpttEngine {
    private final CudaAdjoint adjoint;
    private volatile int lastKept;

    /**
     * @param g G [N, N]
     * @throws CudaUnavailableException when there is no usable GPU
     */
    public CudaEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout) {
        this(params, g, trainInput, trainReadout, Cuda.open().executor());
    }

    /** The engine on another executor (tests run the kernels on the host). */
    CudaEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, Executor executor) {
        INDArray gGt = g.castTo(DataType.FLOAT).mul(params.gain()).transpose().dup('c');
        this.adjoint = new CudaAdjoint(executor, gGt.data().asFloat(), params.hiddenSize(), params.alpha(), trainInput,
                trainReadout, CudaAdjoint.SEGMENT_STEPS);
    }

    /**
     * The process's GPU, opened now (before a run writes anything).
     *
     * @throws CudaUnavailableException one line, prefixed with the configuration key, when there is no usable GPU
     */
    public static CudaInfo device() {
        try {
            return Cuda.open().info();
        } catch (CudaUnavailableException e) {
            throw new CudaUnavailableException("training.engine: cuda: " + e.getMessage(), e);
        }
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        CudaAdjoint.Result r = adjoint.compute(batch.seeds(), batch.rowsPerSeed(), batch.u(), batch.maskEncodedTargets(),
                batch.rowWeight(), batch.start(), input, readout, initialState);
        lastKept = r.simulatedSteps();
        return new Gradients(r.loss(), r.gradInput(), r.gradReadout(), r.simulatedSteps());
    }

    @Override
    public int lastKeptSteps() {
        return lastKept;
    }

    @Override
    public boolean lastRecomputed() {
        return false;
    }

    @Override
    public void close() {
        adjoint.close();
    }
}
