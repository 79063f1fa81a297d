package org.rnnmemory.gpu;

/** A CUDA, cuBLAS or NVRTC call failed after the device was opened; the message names the call and its status. */
public class CudaException extends RuntimeException {
    public CudaException(String message) {
        super(message);
    }
}
