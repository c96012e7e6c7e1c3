"""Peer for scripts/bench/featurize-ravdess.bench.mjs: the paper's featurisation in librosa.

Usage: featurize_librosa.py LIST OUT_MEANS_F32
LIST holds one audio path per line. Per file, in one process and one thread: librosa.load at
22050 Hz with res_type="fft" (scipy.signal.resample, the "scipy resampling" of the issue), then the
four variants (original; noise y + 0.035 U(0,1) max|y| N(0,1), seeded by the file's position;
pitch_shift +0.7 semitone, res_type="fft"; time_stretch 0.8) and 13 MFCCs each (librosa defaults)
averaged over time. Writes the 4 x 13 means per file (float32, in list order) and prints one JSON
line: files, seconds, cpu_seconds, librosa, numpy, scipy.
"""
import json
import sys
import time

import librosa
import numpy as np
import scipy

list_path, out_path = sys.argv[1], sys.argv[2]
with open(list_path, encoding="utf-8") as handle:
    paths = [line.rstrip("\n") for line in handle if line.strip()]


def mean_mfcc(y, sr):
    return librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13).mean(axis=1)


def featurize(path, index):
    y, sr = librosa.load(path, sr=22050, res_type="fft")
    rng = np.random.default_rng(index)
    noisy = (y + 0.035 * rng.uniform() * np.abs(y).max() * rng.normal(size=y.shape[0])).astype(np.float32)
    variants = [
        y,
        noisy,
        librosa.effects.pitch_shift(y, sr=sr, n_steps=0.7, res_type="fft"),
        librosa.effects.time_stretch(y, rate=0.8),
    ]
    return [mean_mfcc(v, sr) for v in variants]


featurize(paths[0], 0)  # warm-up: imports and first-call set-up outside the timing
start, start_cpu = time.perf_counter(), time.process_time()
means = [m for i, path in enumerate(paths) for m in featurize(path, i)]
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
np.stack(means).astype("<f4").tofile(out_path)
print(
    json.dumps(
        {
            "files": len(paths),
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "librosa": librosa.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        }
    )
)
