"""Peer for scripts/bench/mfcc-ts.bench.mjs: the same MFCC workload in torchaudio, one thread.

Usage: mfcc_torchaudio.py CLIPS_F32 N_CLIPS SAMPLES_PER_CLIP SAMPLE_RATE OUT_MEANS_F32
Reads N_CLIPS float32 clips back to back, computes 13 mean MFCCs per clip with librosa's defaults
(n_fft 2048, hop 512, 128 Slaney mels with Slaney norm, power 2, dB with top_db 80, ortho DCT),
best of 3 passes, prints {"clips_per_s", "cpu_clips_per_s", ...} as JSON and writes the mean MFCCs for comparison.
"""
import json
import sys
import time

import numpy as np
import torch
import torchaudio

torch.set_num_threads(1)
path, n_clips, length, sample_rate, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
clips = torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(n_clips, length).copy())
transform = torchaudio.transforms.MFCC(
    sample_rate=sample_rate,
    n_mfcc=13,
    norm="ortho",
    log_mels=False,
    melkwargs={
        "n_fft": 2048,
        "hop_length": 512,
        "n_mels": 128,
        "center": True,
        "pad_mode": "constant",
        "power": 2.0,
        "norm": "slaney",
        "mel_scale": "slaney",
    },
)


def run():
    return [transform(clip).mean(dim=-1) for clip in clips]


with torch.inference_mode():
    run()  # warm-up
    best = 0.0
    best_cpu = 0.0
    for _ in range(3):
        start = time.perf_counter()
        start_cpu = time.process_time()
        means = run()
        best = max(best, n_clips / (time.perf_counter() - start))
        best_cpu = max(best_cpu, n_clips / (time.process_time() - start_cpu))
np.stack([m.numpy() for m in means]).astype("<f4").tofile(out_path)
print(json.dumps({"clips_per_s": best, "cpu_clips_per_s": best_cpu, "torch": torch.__version__, "torchaudio": torchaudio.__version__}))
