package org.rnnmemory.gpu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GPU and CUDA software a run used, for {@code run.json} and {@code bench --json}.
 *
 * @param device device name as the driver reports it, e.g. "NVIDIA H200"
 * @param computeCapability "major.minor", e.g. "9.0"
 * @param memoryBytes device memory
 * @param driverVersion the NVIDIA kernel module's version from /proc/driver/nvidia/version, or "unknown"
 * @param driverCudaVersion newest CUDA version the driver supports, "major.minor"
 * @param runtimeVersion CUDA runtime version, "major.minor"
 * @param cublasVersion cuBLAS version, "major.minor.patch"
 * @param nvrtcVersion NVRTC version, "major.minor"
 * @param kernelTarget the architecture the kernels were compiled for: "sm_XY" (machine code) or "compute_XY" (PTX)
 * @param libraries folder of each library loaded (cudart, cublas, nvrtc, driver)
 */
public record CudaInfo(String device, String computeCapability, long memoryBytes, String driverVersion,
                       String driverCudaVersion, String runtimeVersion, String cublasVersion, String nvrtcVersion,
                       String kernelTarget, Map<String, String> libraries) {

    /** Ordered key-value form (snake_case keys), as written to JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("compute_capability", computeCapability);
        m.put("memory_bytes", memoryBytes);
        m.put("driver_version", driverVersion);
        m.put("driver_cuda_version", driverCudaVersion);
        m.put("runtime_version", runtimeVersion);
        m.put("cublas_version", cublasVersion);
        m.put("nvrtc_version", nvrtcVersion);
        m.put("kernel_target", kernelTarget);
        m.put("libraries", new LinkedHashMap<>(libraries));
        return m;
    }

    /** "major.minor" of a CUDA version number 1000 major + 10 minor. */
    static String cudaVersion(int v) {
        return v / 1000 + "." + (v % 1000) / 10;
    }

    /** "major.minor.patch" of a cuBLAS version number 10000 major + 100 minor + patch. */
    static String cublasVersion(int v) {
        return v / 10000 + "." + (v % 10000) / 100 + "." + v % 100;
    }

    /** The kernel module's version from the text of /proc/driver/nvidia/version, or "unknown". */
    static String moduleVersion(String procText) {
        if (procText != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kernel Module\\s+(?:for \\S+\\s+)?([0-9][0-9.]*)")
                    .matcher(procText);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "unknown";
    }
}
