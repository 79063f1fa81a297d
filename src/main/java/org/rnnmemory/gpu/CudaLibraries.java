package org.rnnmemory.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CUDA libraries the GPU engine binds to, found by file name: {@code libcudart.so.M},
 * {@code libcublas.so.M} and {@code libnvrtc.so.M} of one CUDA major version M (13 preferred, then 12),
 * plus {@code libcublasLt.so.M} and {@code libnvrtc-builtins.so.M*} beside them when present (loaded
 * first, so that folders outside the loader's search path work too).
 *
 * <p>Folders searched, in order: only those of {@value #ENV} (colon-separated) when it is set;
 * otherwise {@code LD_LIBRARY_PATH}, the toolkits {@code /usr/local/cuda} and {@code /usr/local/cuda-*}
 * (newest version first; {@code targets/x86_64-linux/lib} and {@code lib64}), the folders of pip's
 * NVIDIA packages ({@code site-packages/nvidia/*}{@code /lib} of a virtual or conda environment, the
 * user's and the system's Python 3) and the system library folders.
 *
 * @param major CUDA major version of the set (12 or 13)
 * @param cudart the CUDA runtime
 * @param cublas cuBLAS
 * @param cublasLt cuBLASLt from cuBLAS's folder, or null when the loader must find it
 * @param nvrtc the run-time compiler
 * @param nvrtcBuiltins NVRTC's built-ins from its folder, or null when the loader must find them
 */
public record CudaLibraries(int major, Path cudart, Path cublas, Path cublasLt, Path nvrtc, Path nvrtcBuiltins) {

    /** Environment variable naming the folders (colon-separated) that hold the CUDA libraries. */
    public static final String ENV = "RNNMEM_CUDA_LIBS";
    /** CUDA major versions accepted, in order of preference. */
    public static final List<Integer> MAJORS = List.of(13, 12);
    /** The driver library (installed with the NVIDIA driver, not with the toolkit). */
    public static final String DRIVER = "libcuda.so.1";
    private static final List<String> NAMES = List.of("libcudart", "libcublas", "libnvrtc");

    /**
     * The folders to search and how to describe them in an error.
     *
     * @param dirs existing folders, in search order
     * @param description what was searched, for error messages
     */
    public record Search(List<Path> dirs, String description) {}

    /** The libraries of this machine, as found from the process environment. */
    public static CudaLibraries find() {
        return find(System.getenv(), Path.of("/"));
    }

    /**
     * The libraries as found from {@code env} with the file system seen from {@code root} (the
     * folders of {@value #ENV}, LD_LIBRARY_PATH, VIRTUAL_ENV, CONDA_PREFIX and HOME are taken as given).
     *
     * @throws CudaUnavailableException naming the missing libraries and the folders searched
     */
    public static CudaLibraries find(Map<String, String> env, Path root) {
        return find(search(env, root));
    }

    /** The libraries in the given folders. */
    public static CudaLibraries find(Search search) {
        Set<String> missing = new LinkedHashSet<>();
        for (String name : NAMES) {
            boolean any = false;
            for (int m : MAJORS) {
                any |= locate(search.dirs(), name + ".so." + m).isPresent();
            }
            if (!any) {
                missing.add(name + ".so." + MAJORS.get(0) + " (or ." + MAJORS.get(1) + ")");
            }
        }
        for (int m : MAJORS) {
            Optional<Path> rt = locate(search.dirs(), "libcudart.so." + m);
            Optional<Path> blas = locate(search.dirs(), "libcublas.so." + m);
            Optional<Path> rtc = locate(search.dirs(), "libnvrtc.so." + m);
            if (rt.isPresent() && blas.isPresent() && rtc.isPresent()) {
                Path lt = blas.get().resolveSibling("libcublasLt.so." + m);
                return new CudaLibraries(m, rt.get(), blas.get(), Files.exists(lt) ? lt : null, rtc.get(),
                        builtins(rtc.get().getParent(), m));
            }
        }
        String what = missing.isEmpty()
                ? "no CUDA 12 or 13 set of libcudart, libcublas and libnvrtc with one major version"
                : "CUDA libraries not found: " + String.join(", ", missing);
        throw new CudaUnavailableException(what + " in " + search.description()
                + "; install a CUDA 12 or 13 toolkit (or pip's nvidia-cuda-runtime, nvidia-cublas and "
                + "nvidia-cuda-nvrtc) or set " + ENV + " to the folder that holds them");
    }

    /** The folders searched for the toolkit libraries. */
    public static Search search(Map<String, String> env, Path root) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            List<Path> dirs = new ArrayList<>();
            for (String part : explicit.split(":")) {
                if (part.isBlank()) {
                    continue;
                }
                Path p = Path.of(part);
                if (!Files.isDirectory(p)) {
                    throw new CudaUnavailableException(ENV + ": " + part + " is not a folder");
                }
                dirs.add(p);
            }
            return new Search(List.copyOf(dirs), ENV + "=" + explicit);
        }
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.addAll(pathList(env.get("LD_LIBRARY_PATH")));
        for (Path toolkit : toolkits(root)) {
            dirs.add(toolkit.resolve("targets/x86_64-linux/lib"));
            dirs.add(toolkit.resolve("lib64"));
        }
        List<Path> pythons = new ArrayList<>();
        if (env.get("VIRTUAL_ENV") != null) {
            pythons.addAll(children(Path.of(env.get("VIRTUAL_ENV"), "lib"), "python3"));
        }
        if (env.get("CONDA_PREFIX") != null) {
            dirs.add(Path.of(env.get("CONDA_PREFIX"), "lib"));
            pythons.addAll(children(Path.of(env.get("CONDA_PREFIX"), "lib"), "python3"));
        }
        if (env.get("HOME") != null) {
            pythons.addAll(children(Path.of(env.get("HOME"), ".local/lib"), "python3"));
        }
        pythons.addAll(children(root.resolve("usr/local/lib"), "python3"));
        pythons.addAll(children(root.resolve("usr/lib"), "python3"));
        for (Path py : pythons) {
            for (String pkgs : List.of("site-packages", "dist-packages")) {
                for (Path pkg : children(py.resolve(pkgs).resolve("nvidia"), "")) {
                    dirs.add(pkg.resolve("lib"));
                }
            }
        }
        dirs.addAll(systemDirs(root));
        List<Path> existing = dirs.stream().filter(Files::isDirectory).toList();
        return new Search(existing, "LD_LIBRARY_PATH, " + root.resolve("usr/local/cuda*")
                + "/{targets/x86_64-linux/lib,lib64}, site-packages/nvidia/*/lib and the system library folders ("
                + existing.size() + " folders)");
    }

    /**
     * The driver library's path in {@value #ENV}, LD_LIBRARY_PATH or the system folders, or empty when
     * only the loader's own search (its cache) may still find it.
     */
    public static Optional<Path> driver(Map<String, String> env, Path root) {
        List<Path> dirs = new ArrayList<>();
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            dirs.addAll(pathList(explicit));
        }
        dirs.addAll(pathList(env.get("LD_LIBRARY_PATH")));
        dirs.addAll(systemDirs(root));
        dirs.add(root.resolve("usr/lib/wsl/lib"));
        return locate(dirs, DRIVER);
    }

    /** Every library to load, in loading order (dependencies first). */
    public List<Path> loadOrder() {
        List<Path> out = new ArrayList<>();
        out.add(cudart);
        if (cublasLt != null) {
            out.add(cublasLt);
        }
        out.add(cublas);
        if (nvrtcBuiltins != null) {
            out.add(nvrtcBuiltins);
        }
        out.add(nvrtc);
        return out;
    }

    private static List<Path> systemDirs(Path root) {
        return List.of(root.resolve("usr/lib/x86_64-linux-gnu"), root.resolve("usr/lib64"), root.resolve("usr/lib"));
    }

    /** /usr/local/cuda, then /usr/local/cuda-* from the newest version to the oldest. */
    static List<Path> toolkits(Path root) {
        Path local = root.resolve("usr/local");
        List<Path> out = new ArrayList<>();
        out.add(local.resolve("cuda"));
        List<Path> versioned = new ArrayList<>(children(local, "cuda-"));
        versioned.sort(Comparator.comparing((Path p) -> version(p.getFileName().toString().substring(5)),
                CudaLibraries::compareVersions).reversed());
        out.addAll(versioned);
        return out;
    }

    private static int[] version(String s) {
        String[] parts = s.split("\\.");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = parts[i].matches("[0-9]{1,6}") ? Integer.parseInt(parts[i]) : -1;
        }
        return v;
    }

    private static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static List<Path> pathList(String value) {
        List<Path> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(":")) {
                if (!part.isBlank()) {
                    out.add(Path.of(part));
                }
            }
        }
        return out;
    }

    /** Sub-folders of {@code dir} whose names start with {@code prefix}, sorted by name (none if no folder). */
    private static List<Path> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static Optional<Path> locate(List<Path> dirs, String file) {
        for (Path d : dirs) {
            Path p = d.resolve(file);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** libnvrtc-builtins.so.M.m (the highest) or libnvrtc-builtins.so.M in {@code dir}, or null. */
    private static Path builtins(Path dir, int major) {
        String prefix = "libnvrtc-builtins.so." + major;
        Path best = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if ((name.equals(prefix) || name.startsWith(prefix + ".")) && Files.isRegularFile(p)
                        && (best == null || name.compareTo(best.getFileName().toString()) > 0)) {
                    best = p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return best;
    }
}
