#!/usr/bin/env python3
"""Python peer of `serkit classify` for scripts/bench/classify.bench.mjs: files -> labels in one process.

soundfile reads each file (libsndfile: WAV, FLAC, MP3, Ogg Vorbis/Opus), librosa computes 13
MFCCs with its defaults (n_fft 2048, hop 512, 128 Slaney mel bands, power_to_db with top_db 80)
averaged over frames — or torchaudio with the same settings where this Python has no librosa
(--mfcc) — and the paper's seed LSTM (LSTM 256 -> LSTM 64 -> Dense 128 -> Dense 8, the 13 means
read as 13 steps of 1 value) classifies them in batches. The weights are random: this measures
speed only.

  PYTHON classify_torch.py [--threads 2] [--batch 128] [--resample 22050] [--mfcc librosa] FILE...
  (or --list FILE with one path per line). Prints one JSON line: clips, seconds, clips_per_s,
  peak_rss_mb, errors, mfcc (the library and version that computed them).
"""
import argparse
import importlib.util
import json
import resource
import time

import soundfile as sf
import torch

LABELS = 8


class SeedLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm1 = torch.nn.LSTM(1, 256, batch_first=True)
        self.lstm2 = torch.nn.LSTM(256, 64, batch_first=True)
        self.dense = torch.nn.Linear(64, 128)
        self.out = torch.nn.Linear(128, LABELS)

    def forward(self, x):  # x: (batch, 13)
        h, _ = self.lstm1(x.unsqueeze(-1))
        h, _ = self.lstm2(h)
        h = torch.relu(self.dense(h[:, -1]))
        return torch.softmax(self.out(h), dim=-1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--list")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--resample", type=int, default=0, help="resample to this rate first (0: keep)")
    parser.add_argument("--mfcc", choices=["librosa", "torchaudio"], default=None, help="default: librosa if importable")
    args = parser.parse_args()
    if args.mfcc is None:
        args.mfcc = "librosa" if importlib.util.find_spec("librosa") else "torchaudio"
    # Only the library asked for is imported: a Python may have one and not the other.
    mfcc_library = importlib.import_module(args.mfcc)
    librosa = mfcc_library if args.mfcc == "librosa" else None
    torchaudio = mfcc_library if args.mfcc == "torchaudio" else None
    mfcc_version = f"{args.mfcc} {mfcc_library.__version__}"
    files = list(args.files)
    if args.list:
        with open(args.list, encoding="utf-8") as handle:
            files += [line.rstrip("\n") for line in handle if line.strip()]
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = SeedLstm().eval()
    transforms = {}
    resamplers = {}

    def librosa_mfcc_mean(path):
        samples, rate = sf.read(path, dtype="float32", always_2d=True)
        y = samples.mean(axis=1)
        if args.resample and rate != args.resample:
            y = librosa.resample(y, orig_sr=rate, target_sr=args.resample)
            rate = args.resample
        return torch.from_numpy(librosa.feature.mfcc(y=y, sr=rate, n_mfcc=13).mean(axis=1))

    def mfcc_mean(path):
        if args.mfcc == "librosa":
            return librosa_mfcc_mean(path)
        samples, rate = sf.read(path, dtype="float32", always_2d=True)
        y = torch.from_numpy(samples.mean(axis=1))
        if args.resample and rate != args.resample:
            if rate not in resamplers:
                resamplers[rate] = torchaudio.transforms.Resample(rate, args.resample)
            y = resamplers[rate](y)
            rate = args.resample
        if rate not in transforms:
            transforms[rate] = torchaudio.transforms.MFCC(
                sample_rate=rate,
                n_mfcc=13,
                log_mels=False,
                melkwargs={"n_fft": 2048, "hop_length": 512, "n_mels": 128, "norm": "slaney", "mel_scale": "slaney"},
            )
        return transforms[rate](y).mean(dim=-1)

    with torch.inference_mode():
        if files:  # warm-up outside the timing: first-call set-up (librosa's numba kernels compile)
            try:
                model(torch.stack([mfcc_mean(files[0])]))
            except Exception:
                pass
    started = time.perf_counter()
    errors = 0
    labels = []
    pending = []
    with torch.inference_mode():
        for path in files:
            try:
                pending.append(mfcc_mean(path))
            except Exception:  # a bad file is counted, the batch goes on
                errors += 1
            if len(pending) == args.batch:
                labels += model(torch.stack(pending)).argmax(dim=1).tolist()
                pending = []
        if pending:
            labels += model(torch.stack(pending)).argmax(dim=1).tolist()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "clips": len(labels),
        "errors": errors,
        "seconds": round(seconds, 3),
        "clips_per_s": round(len(labels) / seconds, 1),
        "peak_rss_mb": round(peak, 1),
        "mfcc": mfcc_version,
    }))


if __name__ == "__main__":
    main()
