#!/usr/bin/env python3
"""Writes the golden PyTorch normal draws that TorchNormalTest compares with.

Run with Debian's python3-torch (PyTorch 1.13) on an x86-64 machine with AVX2:

    /usr/bin/python3 src/test/python/torch_normal_goldens.py src/test/resources/torch/normal-draws-v1.json

Each case seeds a fresh generator with `seed`, then fills each tensor of `draws` in turn with
`normal_(mean, std)` from that generator (so a case with several draws checks the generator's state
between calls, including the cached second sample of the scalar path). Floats are stored as their
IEEE-754 bit patterns (signed 32-bit integers) so the comparison is exact.
"""
import json
import math
import sys

import torch

CASES = []
for seed in (1, 2, 7, 12345, 2**32 + 5):
    for shape in ((1,), (2,), (15,), (16,), (17,), (31,), (500,), (500, 1), (100, 100)):
        for std in (1.0, 1.0 / math.sqrt(500)):
            CASES.append({"seed": seed, "draws": [{"shape": list(shape), "mean": 0.0, "std": std}]})
# the reference's draw order for model seed s: w (std 1/sqrt(N)) seeded s, G seeded 1, I seeded s
# (each from a freshly seeded generator; here every draw of a case shares one generator)
CASES.append({"seed": 3, "draws": [{"shape": [1], "mean": 0.0, "std": 1.0}, {"shape": [1], "mean": 0.0, "std": 1.0},
                                    {"shape": [3], "mean": 0.5, "std": 2.0}, {"shape": [40], "mean": 0.0, "std": 1.0},
                                    {"shape": [5], "mean": -1.0, "std": 0.1}]})
CASES.append({"seed": 1, "draws": [{"shape": [1000000], "mean": 0.0, "std": 1.0}], "summary_only": True})


def bits(t):
    return t.contiguous().view(torch.int32).flatten().tolist()


def main(out):
    cases = []
    for case in CASES:
        g = torch.Generator().manual_seed(case["seed"])
        draws = []
        for d in case["draws"]:
            t = torch.empty(*d["shape"], dtype=torch.float32).normal_(mean=d["mean"], std=d["std"], generator=g)
            entry = dict(d)
            if case.get("summary_only"):
                b = bits(t)
                entry["count"] = len(b)
                entry["sum_bits_mod_2_64"] = sum(x & 0xFFFFFFFF for x in b) % (1 << 64)
                entry["xor_bits"] = 0
                x = 0
                for v in b:
                    x ^= v & 0xFFFFFFFF
                entry["xor_bits"] = x
                entry["first_bits"] = b[:64]
                entry["last_bits"] = b[-64:]
            else:
                entry["bits"] = bits(t)
            draws.append(entry)
        cases.append({"seed": case["seed"], "draws": draws})
    doc = {"generator": "torch " + torch.__version__ + ", CPU, float32, normal_",
           "cpu_capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "unknown",
           "cases": cases}
    with open(out, "w") as f:
        json.dump(doc, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
