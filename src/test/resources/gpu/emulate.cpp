// Host emulator of the engine's kernels: emu_launch(name, grid, block, args) runs kernel `name` for
// every block and thread in order, with args in cuLaunchKernel's form (an array of pointers to the
// argument values). Returns 0, or -1 for an unknown kernel.
#include "cuda_shim.h"
#include "kernels.cu"

#define ARG(type, i) (*(type*) args[i])
#define EMULATE(call)                                                   \
    do {                                                                \
        gridDim.x = grid;                                               \
        blockDim.x = block;                                             \
        for (unsigned int b = 0; b < (unsigned int) grid; b++) {        \
            blockIdx.x = b;                                             \
            for (unsigned int t = 0; t < (unsigned int) block; t++) {   \
                threadIdx.x = t;                                        \
                call;                                                   \
            }                                                           \
        }                                                               \
    } while (0)

extern "C" int emu_launch(const char* name, int grid, int block, void** args) {
    if (strcmp(name, "rnn_init") == 0) {
        EMULATE(rnn_init(ARG(float*, 0), ARG(float*, 1), ARG(const float*, 2), ARG(int, 3), ARG(int, 4), ARG(int, 5),
                         ARG(int, 6)));
    } else if (strcmp(name, "rnn_forward") == 0) {
        EMULATE(rnn_forward(ARG(float*, 0), ARG(float*, 1), ARG(const float*, 2), ARG(const float*, 3), ARG(int, 4),
                            ARG(int, 5), ARG(const float*, 6), ARG(const float*, 7), ARG(const double*, 8),
                            ARG(float*, 9), ARG(double*, 10), ARG(double*, 11), ARG(int, 12), ARG(int, 13),
                            ARG(float, 14), ARG(int, 15)));
    } else if (strcmp(name, "rnn_backward") == 0) {
        EMULATE(rnn_backward(ARG(float*, 0), ARG(const float*, 1), ARG(const float*, 2), ARG(const float*, 3),
                             ARG(const float*, 4), ARG(const float*, 5), ARG(int, 6), ARG(int, 7), ARG(float*, 8),
                             ARG(int, 9), ARG(int, 10), ARG(int, 11), ARG(float, 12)));
    } else if (strcmp(name, "rnn_seed_sums") == 0) {
        EMULATE(rnn_seed_sums(ARG(const float*, 0), ARG(const double*, 1), ARG(const double*, 2), ARG(float*, 3),
                              ARG(double*, 4), ARG(double*, 5), ARG(int, 6), ARG(int, 7), ARG(int, 8),
                              ARG(float, 9)));
    } else {
        return -1;
    }
    return 0;
}

// The device tanh, for comparison with the CPU engine's.
extern "C" float emu_tanh(float x) {
    return rnn_tanh(x);
}
