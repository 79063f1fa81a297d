"""Times NumPy's float32 GEMM on the shape of System A's recurrent product, [ROWS, 500] x [500, 500].

Compare with the GEMM that `./rnnmem bench` reports (`gemm_seconds`) in the same minutes:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 env -u OPENBLAS_CORETYPE /usr/bin/python3 docs/numpy_gemm.py [ROWS]

Prints NumPy's version, the OpenBLAS build and kernel it loaded (from openblas_get_config and
openblas_get_corename), the mean of the best of 5 rounds of 50 products and the fastest single
product, in ms.
"""
import ctypes
import sys
import time

import numpy as np


def openblas():
    for line in open("/proc/self/maps").read().splitlines():
        if "libopenblas" in line:
            lib = ctypes.CDLL(line.split()[-1])
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()
    return "unknown", "unknown"


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 640
    rng = np.random.default_rng(1)
    a = rng.random((rows, 500), dtype=np.float32)
    b = rng.random((500, 500), dtype=np.float32)
    c = np.empty((rows, 500), np.float32)
    for _ in range(20):
        np.matmul(a, b, out=c)
    rounds = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(50):
            np.matmul(a, b, out=c)
        rounds.append((time.perf_counter() - t) / 50)
    single = []
    for _ in range(300):
        t = time.perf_counter()
        np.matmul(a, b, out=c)
        single.append(time.perf_counter() - t)
    config, core = openblas()
    print("numpy %s, %s, kernel %s: [%d, 500] x [500, 500] float32: best round %.3f ms, fastest single %.3f ms"
          % (np.__version__, config, core, rows, min(rounds) * 1e3, min(single) * 1e3))


if __name__ == "__main__":
    main()
