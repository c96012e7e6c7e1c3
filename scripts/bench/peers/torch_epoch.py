"""PyTorch reference for the train-epoch benchmark (scripts/bench/train-epoch.bench.mjs).

Trains the same architectures as the tfjs benchmark for a few batches on random data and prints one
JSON line per model: {"model", "batches", "seconds_per_batch", "cpu_seconds_per_batch"} (wall and
process CPU time). Exits 3 when torch is missing.
Usage: python3 torch_epoch.py MODEL=BATCHES [MODEL=BATCHES ...]   (models: paper, frames, cnn)
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


class LstmStack(nn.Module):
    """LSTM(units1, sequences) -> Dropout -> LSTM(units2) -> Dropout -> Dense(dense, relu) -> Dropout -> Dense(8)."""

    def __init__(self, input_dim, units1, units2, dense):
        super().__init__()
        self.lstm1 = nn.LSTM(input_dim, units1, batch_first=True)
        self.lstm2 = nn.LSTM(units1, units2, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.dense = nn.Linear(units2, dense)
        self.out = nn.Linear(dense, CLASSES)

    def forward(self, x):
        h, _ = self.lstm1(x)
        h, _ = self.lstm2(self.drop(h))
        h = self.drop(h[:, -1, :])
        return self.out(self.drop(torch.relu(self.dense(h))))


class PaperModel(LstmStack):
    """The paper's model: LSTM(256)-LSTM(64)-Dense(128)-Dense(8) on 13 mean MFCCs."""

    input_shape = (13, 1)

    def __init__(self):
        super().__init__(1, 256, 64, 128)


class FrameModel(LstmStack):
    """Frame-sequence model: LSTM(128)-LSTM(64)-Dense(64)-Dense(8) on 100 frames x 40 bands."""

    input_shape = (100, 40)

    def __init__(self):
        super().__init__(40, 128, 64, 64)


class CnnModel(nn.Module):
    """serkit's cnn-logmel: time pool 2, 4 x [conv3x3 (16-32-64-64, no bias), BN, ReLU, maxpool 2], GAP, Dense(8)."""

    input_shape = (192, 64)

    def __init__(self):
        super().__init__()
        layers = [nn.AvgPool2d((2, 1))]
        channels = 1
        for width in (16, 32, 64, 64):
            layers += [nn.Conv2d(channels, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(), nn.MaxPool2d(2)]
            channels = width
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(channels, CLASSES)

    def forward(self, x):
        h = self.features(x.unsqueeze(1)).mean(dim=(2, 3))
        return self.out(self.drop(h))


MODELS = {"paper": PaperModel, "frames": FrameModel, "cnn": CnnModel}


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
    start, start_cpu = time.perf_counter(), time.process_time()
    for i in range(batches):
        step(i)
    return (time.perf_counter() - start) / batches, (time.process_time() - start_cpu) / batches


def main(argv):
    for arg in argv:
        name, _, count = arg.partition("=")
        batches = int(count or "20")
        wall, cpu = seconds_per_batch(MODELS[name], batches)
        print(json.dumps({"model": name, "batches": batches, "seconds_per_batch": wall, "cpu_seconds_per_batch": cpu}))


if __name__ == "__main__":
    main(sys.argv[1:])
