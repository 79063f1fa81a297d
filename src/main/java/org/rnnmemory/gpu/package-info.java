/**
 * The adjoint training engine on an NVIDIA GPU, bound to the CUDA runtime, cuBLAS, NVRTC and the
 * driver through Java's foreign-function API ({@code java.lang.foreign}); nothing here depends on
 * anything but {@code java.base}, so the engine and its self-test ({@link org.rnnmemory.gpu.check})
 * run on a Java runtime linked with {@code java.base} alone.
 *
 * <p>{@link org.rnnmemory.gpu.CudaLibraries} finds the libraries, {@link org.rnnmemory.gpu.Cuda} opens
 * the device, {@link org.rnnmemory.gpu.Kernels} holds the element-wise kernels (CUDA C compiled at
 * run time for the device present), {@link org.rnnmemory.gpu.DeviceLayout} places every buffer of an
 * update in one device allocation, {@link org.rnnmemory.gpu.StepProgram} lists the operations of each
 * segment of steps, and {@link org.rnnmemory.gpu.CudaAdjoint} captures them as CUDA graphs and replays
 * them per update.
 */
package org.rnnmemory.gpu;
