// Lets the engine's CUDA C kernels compile and run as host C++ for tests: launch indices become
// globals that the emulator sets, the CUDA qualifiers vanish and __syncthreads does nothing (the
// emulator runs a block's threads one after another, so a kernel that synchronises is launched with
// one thread per block).
#include <cmath>
#include <cstring>
using std::fmaf;
struct rnn_dim3 {
    unsigned int x, y, z;
};
static rnn_dim3 blockIdx, threadIdx, blockDim, gridDim;
#define __global__
#define __device__
#define __shared__
static inline void __syncthreads() {}
