package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the CUDA libraries by name in fake file systems of empty files named like them. */
class CudaLibrariesTest {
    @TempDir
    Path root;

    private Path lib(String dir, String... names) throws IOException {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        for (String n : names) {
            Files.createFile(d.resolve(n));
        }
        return d;
    }

    private static final String[] CUDA13 = {"libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libnvrtc.so.13",
        "libnvrtc-builtins.so.13.0"};
    private static final String[] CUDA12 = {"libcudart.so.12", "libcublas.so.12", "libnvrtc.so.12"};

    @Test
    void theToolkitOfTheGpuMachinesIsFoundWithItsCompanions() throws IOException {
        Path d = lib("usr/local/cuda-13.0/targets/x86_64-linux/lib", CUDA13);
        CudaLibraries libs = CudaLibraries.find(Map.of(), root);
        assertEquals(13, libs.major());
        assertEquals(d.resolve("libcudart.so.13"), libs.cudart());
        assertEquals(d.resolve("libcublasLt.so.13"), libs.cublasLt());
        assertEquals(d.resolve("libnvrtc-builtins.so.13.0"), libs.nvrtcBuiltins());
        assertEquals(List.of(d.resolve("libcudart.so.13"), d.resolve("libcublasLt.so.13"), d.resolve("libcublas.so.13"),
                d.resolve("libnvrtc-builtins.so.13.0"), d.resolve("libnvrtc.so.13")), libs.loadOrder());
    }

    @Test
    void cuda13IsPreferredAndAnIncompleteSetFallsBackTo12() throws IOException {
        lib("usr/local/cuda-12.8/lib64", CUDA12);
        Path d13 = lib("usr/local/cuda-13.0/lib64", CUDA13);
        assertEquals(d13.resolve("libcublas.so.13"), CudaLibraries.find(Map.of(), root).cublas());
        Files.delete(d13.resolve("libnvrtc.so.13"));
        CudaLibraries libs = CudaLibraries.find(Map.of(), root);
        assertEquals(12, libs.major());
        assertEquals(root.resolve("usr/local/cuda-12.8/lib64/libnvrtc.so.12"), libs.nvrtc());
        assertNull(libs.cublasLt());
        assertNull(libs.nvrtcBuiltins());
    }

    @Test
    void toolkitsAreSearchedFromTheNewestVersion() throws IOException {
        lib("usr/local/cuda-12.9/lib64", CUDA12);
        lib("usr/local/cuda-12.10/lib64", CUDA12);
        lib("usr/local/cuda-12/lib64", CUDA12);
        assertEquals(root.resolve("usr/local/cuda-12.10/lib64/libcudart.so.12"), CudaLibraries.find(Map.of(), root).cudart());
        assertEquals(List.of(root.resolve("usr/local/cuda"), root.resolve("usr/local/cuda-12.10"),
                root.resolve("usr/local/cuda-12.9"), root.resolve("usr/local/cuda-12")), CudaLibraries.toolkits(root));
    }

    @Test
    void pipPackagesAreFoundInEachNvidiaFolder() throws IOException {
        String site = "usr/local/lib/python3.12/dist-packages/nvidia/";
        lib(site + "cuda_runtime/lib", "libcudart.so.12");
        lib(site + "cublas/lib", "libcublas.so.12", "libcublasLt.so.12");
        lib(site + "cuda_nvrtc/lib", "libnvrtc.so.12", "libnvrtc-builtins.so.12.9");
        CudaLibraries libs = CudaLibraries.find(Map.of(), root);
        assertEquals(root.resolve(site + "cuda_runtime/lib/libcudart.so.12"), libs.cudart());
        assertEquals(root.resolve(site + "cublas/lib/libcublasLt.so.12"), libs.cublasLt());
        assertEquals(root.resolve(site + "cuda_nvrtc/lib/libnvrtc-builtins.so.12.9"), libs.nvrtcBuiltins());
    }

    @Test
    void virtualEnvironmentsAndTheUsersSitePackagesAreSearched() throws IOException {
        Path venv = root.resolve("work/venv");
        lib("work/venv/lib/python3.11/site-packages/nvidia/cu13/lib", "libcudart.so.13", "libcublas.so.13",
                "libnvrtc.so.13");
        assertEquals(venv.resolve("lib/python3.11/site-packages/nvidia/cu13/lib/libnvrtc.so.13"),
                CudaLibraries.find(Map.of("VIRTUAL_ENV", venv.toString()), root).nvrtc());
        Path home = root.resolve("home/u");
        lib("home/u/.local/lib/python3.12/site-packages/nvidia/cu12/lib", CUDA12);
        CudaLibraries libs = CudaLibraries.find(Map.of("HOME", home.toString()), root);
        assertEquals(home.resolve(".local/lib/python3.12/site-packages/nvidia/cu12/lib/libcudart.so.12"), libs.cudart());
    }

    @Test
    void ldLibraryPathComesBeforeTheToolkits() throws IOException {
        lib("usr/local/cuda/lib64", CUDA13);
        Path mine = lib("opt/mine", CUDA13);
        CudaLibraries libs = CudaLibraries.find(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + mine), root);
        assertEquals(mine.resolve("libcublas.so.13"), libs.cublas());
    }

    @Test
    void theOverrideIsTheOnlyPlaceSearched() throws IOException {
        lib("usr/local/cuda/lib64", CUDA13);
        Path a = lib("opt/a", "libcudart.so.12");
        Path b = lib("opt/b", "libcublas.so.12", "libnvrtc.so.12");
        CudaLibraries libs = CudaLibraries.find(Map.of(CudaLibraries.ENV, a + ":" + b), root);
        assertEquals(12, libs.major());
        assertEquals(a.resolve("libcudart.so.12"), libs.cudart());
        assertEquals(b.resolve("libnvrtc.so.12"), libs.nvrtc());
        Path empty = lib("opt/empty");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaLibraries.find(Map.of(CudaLibraries.ENV, empty.toString()), root));
        assertEquals("CUDA libraries not found: libcudart.so.13 (or .12), libcublas.so.13 (or .12), libnvrtc.so.13 "
                + "(or .12) in RNNMEM_CUDA_LIBS=" + empty + "; install a CUDA 12 or 13 toolkit (or pip's "
                + "nvidia-cuda-runtime, nvidia-cublas and nvidia-cuda-nvrtc) or set RNNMEM_CUDA_LIBS to the folder "
                + "that holds them", e.getMessage());
    }

    @Test
    void anOverrideThatIsNotAFolderIsNamed() {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaLibraries.find(Map.of(CudaLibraries.ENV, root.resolve("missing").toString()), root));
        assertEquals("RNNMEM_CUDA_LIBS: " + root.resolve("missing") + " is not a folder", e.getMessage());
    }

    @Test
    void theErrorNamesOnlyWhatIsMissing() throws IOException {
        lib("usr/local/cuda-13.0/targets/x86_64-linux/lib", "libcudart.so.13");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaLibraries.find(Map.of(), root));
        assertTrue(e.getMessage().startsWith("CUDA libraries not found: libcublas.so.13 (or .12), libnvrtc.so.13 (or .12)"
                + " in LD_LIBRARY_PATH, " + root.resolve("usr/local/cuda*")), e.getMessage());
        assertTrue(e.getMessage().endsWith("or set RNNMEM_CUDA_LIBS to the folder that holds them"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void majorVersionsAreNotMixed() throws IOException {
        lib("usr/lib/x86_64-linux-gnu", "libcudart.so.13", "libcublas.so.12", "libnvrtc.so.13");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaLibraries.find(Map.of(), root));
        assertTrue(e.getMessage().startsWith("no CUDA 12 or 13 set of libcudart, libcublas and libnvrtc with one major "
                + "version in "), e.getMessage());
    }

    @Test
    void theDriverIsLookedForInTheOverrideThenTheSystemFolders() throws IOException {
        assertEquals(Optional.empty(), CudaLibraries.driver(Map.of(), root));
        Path sys = lib("usr/lib/x86_64-linux-gnu", "libcuda.so.1");
        assertEquals(Optional.of(sys.resolve("libcuda.so.1")), CudaLibraries.driver(Map.of(), root));
        Path mine = lib("opt/driver", "libcuda.so.1");
        assertEquals(Optional.of(mine.resolve("libcuda.so.1")),
                CudaLibraries.driver(Map.of(CudaLibraries.ENV, mine.toString()), root));
    }
}
