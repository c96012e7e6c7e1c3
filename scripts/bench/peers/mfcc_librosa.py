"""Peer for the MFCC benches: the workload in librosa itself, one thread.

Usage: mfcc_librosa.py CLIPS_F32 N_CLIPS SAMPLES_PER_CLIP SAMPLE_RATE OUT_MEANS_F32
The caller pins BLAS/OpenMP to one thread. Reads N_CLIPS float32 clips back to back, computes librosa.feature.mfcc(n_mfcc=13) with its
defaults (n_fft 2048, hop 512, 128 Slaney mels, power 2, top_db 80, ortho DCT) averaged over time,
best of 3 passes after a warm-up; prints {"clips_per_s", "cpu_clips_per_s", "librosa", "numpy"} as
JSON and writes the mean MFCCs for comparison.
"""
import json
import sys
import time

import librosa
import numpy as np

path, n_clips, length, sample_rate, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
clips = np.fromfile(path, dtype="<f4").reshape(n_clips, length)


def run():
    return [librosa.feature.mfcc(y=clip, sr=sample_rate, n_mfcc=13).mean(axis=1) for clip in clips]


run()  # warm-up
best = best_cpu = 0.0
for _ in range(3):
    start, start_cpu = time.perf_counter(), time.process_time()
    means = run()
    best = max(best, n_clips / (time.perf_counter() - start))
    best_cpu = max(best_cpu, n_clips / (time.process_time() - start_cpu))
np.stack(means).astype("<f4").tofile(out_path)
print(json.dumps({"clips_per_s": best, "cpu_clips_per_s": best_cpu, "librosa": librosa.__version__, "numpy": np.__version__}))
