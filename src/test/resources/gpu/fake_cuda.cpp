// A stand-in for the CUDA driver, runtime, cuBLAS and NVRTC on a machine without a GPU, for tests of the
// engine's foreign-function bindings: the same exported names and signatures, "device" memory in host
// memory, work done at once in stream order, stream capture recorded into a list that a graph launch
// replays, GEMMs as column-major loops, and kernels run by the host emulator (emulate.cpp). One source,
// compiled once per library name.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" int emu_launch(const char* name, int grid, int block, void** args);

namespace {
struct Op {
    bool gemm;
    std::string kernel;
    int grid, block;
    std::vector<unsigned long long> params;
    int ta, tb, m, n, k, lda, ldb, ldc;
    float alpha, beta;
    const float* a;
    const float* b;
    float* c;
};
struct Stream {
    bool capturing = false;
    std::vector<Op> ops;
};
struct Graph {
    std::vector<Op> ops;
};
struct Handle {
    Stream* stream = nullptr;
};
struct Program {
    std::string source;
    std::string options;
};

void gemm(const Op& o) {
    for (int j = 0; j < o.n; j++) {
        for (int i = 0; i < o.m; i++) {
            float acc = 0.0f;
            for (int l = 0; l < o.k; l++) {
                float av = o.ta == 0 ? o.a[i + (long) l * o.lda] : o.a[l + (long) i * o.lda];
                float bv = o.tb == 0 ? o.b[l + (long) j * o.ldb] : o.b[j + (long) l * o.ldb];
                acc += av * bv;
            }
            float old = o.beta == 0.0f ? 0.0f : o.c[i + (long) j * o.ldc];
            o.c[i + (long) j * o.ldc] = o.alpha * acc + o.beta * old;
        }
    }
}

// parameter sizes of each kernel, from its C signature (8: pointer, 4: int or float)
std::vector<int> sizes(const std::string& k) {
    if (k == "rnn_init") return {8, 8, 8, 4, 4, 4, 4};
    if (k == "rnn_forward") return {8, 8, 8, 8, 4, 4, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4};
    if (k == "rnn_backward") return {8, 8, 8, 8, 8, 8, 4, 4, 8, 4, 4, 4, 4};
    if (k == "rnn_seed_sums") return {8, 8, 8, 8, 8, 8, 4, 4, 4, 4};
    return {};
}

int run(const Op& o) {
    if (o.gemm) {
        gemm(o);
        return 0;
    }
    std::vector<int> sz = sizes(o.kernel);
    std::vector<void*> args(sz.size());
    std::vector<unsigned long long> values = o.params;
    for (size_t i = 0; i < sz.size(); i++) args[i] = &values[i];
    int block = o.kernel == "rnn_forward" ? 1 : o.block;
    return emu_launch(o.kernel.c_str(), o.grid, block, args.data()) == 0 ? 0 : 98;
}

int submit(Stream* s, const Op& o) {
    if (s != nullptr && s->capturing) {
        s->ops.push_back(o);
        return 0;
    }
    return run(o);
}
}  // namespace

extern "C" {
// ---- driver ----
int cuInit(unsigned int) { return 0; }
int cuDriverGetVersion(int* v) { *v = 13000; return 0; }
int cuDeviceGetCount(int* n) { *n = 1; return 0; }
int cuDeviceGet(int* d, int ordinal) { *d = ordinal; return ordinal == 0 ? 0 : 101; }
int cuDeviceGetName(char* name, int len, int) { snprintf(name, len, "Fake CUDA device"); return 0; }
int cuDeviceGetAttribute(int* v, int attr, int) { *v = attr == 75 ? 9 : attr == 76 ? 0 : 0; return 0; }
int cuDeviceTotalMem_v2(size_t* v, int) { *v = 1ull << 33; return 0; }
int cuDevicePrimaryCtxRetain(void** ctx, int) { static int c; *ctx = &c; return 0; }
int cuCtxSetCurrent(void*) { return 0; }
int cuModuleLoadData(void** m, const void* image) { *m = strdup((const char*) image); return 0; }
int cuModuleGetFunction(void** f, void*, const char* name) {
    if (sizes(name).empty()) return 500;
    *f = strdup(name);
    return 0;
}
int cuLaunchKernel(void* f, unsigned gx, unsigned, unsigned, unsigned bx, unsigned, unsigned, unsigned, void* stream,
                   void** params, void**) {
    Op o{};
    o.gemm = false;
    o.kernel = (const char*) f;
    o.grid = (int) gx;
    o.block = (int) bx;
    std::vector<int> sz = sizes(o.kernel);
    for (size_t i = 0; i < sz.size(); i++) {
        unsigned long long v = 0;
        memcpy(&v, params[i], sz[i]);
        o.params.push_back(v);
    }
    return submit((Stream*) stream, o);
}
int cuGetErrorName(int, const char** s) { *s = "CUDA_ERROR_FAKE"; return 0; }

// ---- runtime ----
int cudaGetDeviceCount(int* n) { *n = 1; return 0; }
int cudaSetDevice(int) { return 0; }
int cudaRuntimeGetVersion(int* v) { *v = 13000; return 0; }
const char* cudaGetErrorName(int) { return "cudaErrorFake"; }
int cudaMalloc(void** p, size_t bytes) {
    *p = aligned_alloc(256, (bytes + 255) / 256 * 256);
    if (*p == nullptr) return 2;
    memset(*p, 0x7f, bytes);
    return 0;
}
int cudaFree(void* p) { free(p); return 0; }
int cudaMallocHost(void** p, size_t bytes) { return cudaMalloc(p, bytes); }
int cudaFreeHost(void* p) { free(p); return 0; }
int cudaMemGetInfo(size_t* f, size_t* t) { *f = 1ull << 32; *t = 1ull << 33; return 0; }
int cudaMemcpyAsync(void* dst, const void* src, size_t bytes, int kind, void* stream) {
    if (stream != nullptr && ((Stream*) stream)->capturing) return 900;
    if (kind != 1 && kind != 2) return 21;
    memcpy(dst, src, bytes);
    return 0;
}
int cudaMemsetAsync(void* dst, int v, size_t bytes, void* stream) {
    if (stream != nullptr && ((Stream*) stream)->capturing) return 900;
    memset(dst, v, bytes);
    return 0;
}
int cudaStreamCreateWithFlags(void** s, unsigned int) { *s = new Stream(); return 0; }
int cudaStreamSynchronize(void* s) { return s != nullptr && ((Stream*) s)->capturing ? 900 : 0; }
int cudaStreamBeginCapture(void* s, int mode) {
    Stream* st = (Stream*) s;
    if (st->capturing || mode != 1) return 900;
    st->capturing = true;
    st->ops.clear();
    return 0;
}
int cudaStreamEndCapture(void* s, void** graph) {
    Stream* st = (Stream*) s;
    if (!st->capturing) return 900;
    Graph* g = new Graph();
    g->ops.swap(st->ops);
    st->capturing = false;
    *graph = g;
    return 0;
}
int cudaGraphInstantiateWithFlags(void** exec, void* graph, unsigned long long) {
    *exec = new Graph(*(Graph*) graph);
    return 0;
}
int cudaGraphLaunch(void* exec, void* stream) {
    if (stream != nullptr && ((Stream*) stream)->capturing) return 900;
    for (const Op& o : ((Graph*) exec)->ops) {
        int r = run(o);
        if (r != 0) return r;
    }
    return 0;
}
int cudaGraphDestroy(void* g) { delete (Graph*) g; return 0; }
int cudaGraphExecDestroy(void* g) { delete (Graph*) g; return 0; }

// ---- cuBLAS ----
int cublasCreate_v2(void** h) { *h = new Handle(); return 0; }
int cublasSetStream_v2(void* h, void* s) { ((Handle*) h)->stream = (Stream*) s; return 0; }
int cublasSetMathMode(void*, int mode) { return mode == 0 ? 0 : 7; }
int cublasSetWorkspace_v2(void*, void* ws, size_t bytes) { return ws != nullptr && bytes > 0 ? 0 : 7; }
int cublasGetVersion_v2(void*, int* v) { *v = 130100; return 0; }
int cublasSgemm_v2(void* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* a, int lda,
                   const float* b, int ldb, const float* beta, float* c, int ldc) {
    Op o{};
    o.gemm = true;
    o.ta = ta; o.tb = tb; o.m = m; o.n = n; o.k = k; o.lda = lda; o.ldb = ldb; o.ldc = ldc;
    o.alpha = *alpha; o.beta = *beta; o.a = a; o.b = b; o.c = c;
    return submit(((Handle*) h)->stream, o);
}

// ---- NVRTC ----
int nvrtcVersion(int* major, int* minor) { *major = 13; *minor = 0; return 0; }
int nvrtcGetNumSupportedArchs(int* n) { *n = 4; return 0; }
int nvrtcGetSupportedArchs(int* a) { a[0] = 80; a[1] = 86; a[2] = 89; a[3] = 90; return 0; }
int nvrtcCreateProgram(void** p, const char* src, const char*, int, const char**, const char**) {
    Program* prog = new Program();
    prog->source = src;
    *p = prog;
    return 0;
}
int nvrtcCompileProgram(void* p, int n, const char** options) {
    Program* prog = (Program*) p;
    for (int i = 0; i < n; i++) prog->options += std::string(options[i]) + " ";
    // the engine's options: no contraction, machine code for the fake device's 9.0
    return prog->options == "--fmad=false --gpu-architecture=sm_90 " ? 0 : 5;
}
int nvrtcGetProgramLogSize(void*, size_t* n) { *n = 1; return 0; }
int nvrtcGetProgramLog(void*, char* log) { log[0] = 0; return 0; }
int nvrtcGetCUBINSize(void* p, size_t* n) { *n = ((Program*) p)->source.size() + 1; return 0; }
int nvrtcGetCUBIN(void* p, char* out) {
    Program* prog = (Program*) p;
    memcpy(out, prog->source.c_str(), prog->source.size() + 1);
    return 0;
}
int nvrtcGetPTXSize(void* p, size_t* n) { return nvrtcGetCUBINSize(p, n); }
int nvrtcGetPTX(void* p, char* out) { return nvrtcGetCUBIN(p, out); }
int nvrtcDestroyProgram(void** p) { delete (Program*) *p; *p = nullptr; return 0; }
const char* nvrtcGetErrorString(int) { return "NVRTC_ERROR_FAKE"; }
}
