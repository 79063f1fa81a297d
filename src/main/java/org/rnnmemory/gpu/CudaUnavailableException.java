package org.rnnmemory.gpu;

/**
 * The GPU engine cannot start here: no NVIDIA driver, no CUDA device, CUDA 12/13 libraries missing,
 * or not enough device memory for the configuration. The message is one line naming what is missing
 * and where it was looked for; the command line reports it as bad input (exit code 2).
 */
public class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
