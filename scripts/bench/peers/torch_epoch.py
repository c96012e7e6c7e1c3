"""PyTorch reference for the train-epoch benchmark (scripts/bench/train-epoch.bench.mjs).

Trains the same architectures as the tfjs benchmark for a few batches on random data and prints one
JSON line per model: {"model", "batches", "seconds_per_batch"}. Exits 3 when torch is missing.
Usage: python3 torch_epoch.py MODEL=BATCHES [MODEL=BATCHES ...]   (models: paper, frames)
"""

import json
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    print("torch is not installed", file=sys.stderr)
    sys.exit(3)

BATCH = 32
CLASSES = 8


class PaperModel(nn.Module):
    """LSTM(256, sequences) -> Dropout -> LSTM(64) -> Dropout -> Dense(128, relu) -> Dropout -> Dense(8)."""

    input_shape = (13, 1)

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(1, 256, batch_first=True)
        self.lstm2 = nn.LSTM(256, 64, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.dense = nn.Linear(64, 128)
        self.out = nn.Linear(128, CLASSES)

    def forward(self, x):
        h, _ = self.lstm1(x)
        h, _ = self.lstm2(self.drop(h))
        h = self.drop(h[:, -1, :])
        return self.out(self.drop(torch.relu(self.dense(h))))


class FrameModel(nn.Module):
    """Frame-sequence model: LSTM(128, sequences) -> LSTM(64) -> Dense(64, relu) -> Dense(8), on 100 x 40."""

    input_shape = (100, 40)

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(40, 128, batch_first=True)
        self.lstm2 = nn.LSTM(128, 64, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.dense = nn.Linear(64, 64)
        self.out = nn.Linear(64, CLASSES)

    def forward(self, x):
        h, _ = self.lstm1(x)
        h, _ = self.lstm2(self.drop(h))
        h = self.drop(h[:, -1, :])
        return self.out(torch.relu(self.dense(h)))


MODELS = {"paper": PaperModel, "frames": FrameModel}


def seconds_per_batch(model_class, batches):
    torch.manual_seed(0)
    model = model_class()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(BATCH * (batches + 2), *model_class.input_shape)
    y = torch.randint(0, CLASSES, (BATCH * (batches + 2),))

    def step(i):
        xb, yb = x[i * BATCH : (i + 1) * BATCH], y[i * BATCH : (i + 1) * BATCH]
        optimizer.zero_grad()
        loss_fn(model(xb), yb).backward()
        optimizer.step()

    model.train()
    for i in range(2):  # warm-up
        step(batches + i)
    start = time.perf_counter()
    for i in range(batches):
        step(i)
    return (time.perf_counter() - start) / batches


def main(argv):
    for arg in argv:
        name, _, count = arg.partition("=")
        batches = int(count or "20")
        print(json.dumps({"model": name, "batches": batches, "seconds_per_batch": seconds_per_batch(MODELS[name], batches)}))


if __name__ == "__main__":
    main(sys.argv[1:])
