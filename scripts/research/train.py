"""PyTorch prototype bench for speaker-independent RAVDESS emotion recognition (not serkit).

usage: nice -n 10 /usr/bin/python3 scripts/research/train.py --model cnn --folds 0,1 [options]
Protocol: 6 folds of 4 actors (1-4, 5-8, ...), 8 classes; each fold's test actors are never seen in
training; augmentation only on training clips. Prints per-fold accuracy / UAR and mean +- std.
Features come from cache_features.py (/tmp/serkit-research/logmel64.npz).
"""
import argparse, time, json, math
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument('--cache', default='/tmp/serkit-research/logmel64.npz')
p.add_argument('--model', default='cnn', choices=['cnn', 'bilstm', 'crnn', 'tdnn'])
p.add_argument('--folds', default='0,1,2,3,4,5')
p.add_argument('--epochs', type=int, default=40)
p.add_argument('--bs', type=int, default=32)
p.add_argument('--lr', type=float, default=2e-3)
p.add_argument('--wd', type=float, default=1e-2)
p.add_argument('--frames', type=int, default=256)
p.add_argument('--trim-db', type=float, default=40.0, help='trim leading/trailing frames quieter than max-X dB; 0 = off')
p.add_argument('--norm', default='utt', choices=['utt', 'speaker', 'global', 'utt-mean'])
p.add_argument('--width', type=int, default=24)
p.add_argument('--hidden', type=int, default=96)
p.add_argument('--deltas', type=int, default=0)
p.add_argument('--convs', type=int, default=1, help='convs per CNN block')
p.add_argument('--tpool', type=int, default=1, help='average-pool time by this factor before the model')
p.add_argument('--specaug', type=int, default=1, help='1: 2 contiguous band + 2 frame masks; 2: band/frame dropout (what stock tfjs spatialDropout1d can do)')
p.add_argument('--bandrop', type=float, default=0.1)
p.add_argument('--framedrop', type=float, default=0.1)
p.add_argument('--center-train', type=int, default=0, help='1: train on centre crops only (as serkit fixed-length features)')
p.add_argument('--mixup', type=float, default=0.2)
p.add_argument('--freqshift', type=int, default=0, help='max mel-bin roll (cheap pitch proxy)')
p.add_argument('--stretch', type=float, default=0.0, help='max time-stretch factor deviation (e.g. 0.15)')
p.add_argument('--dropout', type=float, default=0.3)
p.add_argument('--tta', type=int, default=1, help='test crops averaged')
p.add_argument('--seed', type=int, default=0)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--tag', default='')
p.add_argument('--tdnn-layers', type=int, default=3)
p.add_argument('--tdnn-k', type=int, default=2)
p.add_argument('--tdnn-attn', type=int, default=0)
a = p.parse_args()
torch.set_num_threads(a.threads)

z = np.load(a.cache)
flat, lens, emo, actor = z['flat'], z['lens'], z['emo'], z['actor']
offs = np.concatenate([[0], np.cumsum(lens)])
clips = [flat[:, offs[i]:offs[i + 1]] for i in range(len(lens))]

def trim(S):
    if a.trim_db <= 0: return S
    e = S.max(axis=0)
    keep = np.where(e > e.max() - a.trim_db)[0]
    return S[:, keep[0]:keep[-1] + 1]

def delta(S, width=9):
    # librosa.feature.delta with mode='nearest' (close enough for a prototype)
    n = width // 2
    pad = np.pad(S, ((0, 0), (n, n)), mode='edge')
    w = np.arange(-n, n + 1, dtype=np.float32)
    out = sum(w[k] * pad[:, k:k + S.shape[1]] for k in range(width)) / (w ** 2).sum()
    return out

clips = [trim(S) for S in clips]
tl = np.array([c.shape[1] for c in clips])
print('trimmed frames min/median/max', tl.min(), int(np.median(tl)), tl.max(), flush=True)

def normalise(clips):
    if a.norm == 'utt':
        return [(c - c.mean(1, keepdims=True)) / (c.std(1, keepdims=True) + 1e-5) for c in clips]
    if a.norm == 'utt-mean':
        return [(c - c.mean(1, keepdims=True)) / (c.std() + 1e-5) for c in clips]
    if a.norm == 'speaker':
        out = list(clips)
        for s in np.unique(actor):
            idx = np.where(actor == s)[0]
            cat = np.concatenate([clips[i] for i in idx], axis=1)
            m, sd = cat.mean(1, keepdims=True), cat.std(1, keepdims=True) + 1e-5
            for i in idx: out[i] = (clips[i] - m) / sd
        return out
    return clips  # global: fitted on train below

clips = normalise(clips)
if a.deltas:
    clips = [np.concatenate([c, delta(c), delta(delta(c))], 0) if a.deltas == 2 else np.concatenate([c, delta(c)], 0) for c in clips]
D = clips[0].shape[0]

def crop(c, T, rng, train):
    n = c.shape[1]
    if n >= T:
        s = rng.integers(0, n - T + 1) if train else (n - T) // 2
        return c[:, s:s + T]
    out = np.zeros((c.shape[0], T), np.float32)
    s = rng.integers(0, T - n + 1) if train else (T - n) // 2
    out[:, s:s + n] = c
    return out

class CNN(nn.Module):
    def __init__(s, w, nc=8, drop=0.3):
        super().__init__()
        ch = [1, w, 2 * w, 4 * w, 4 * w]
        layers = []
        for i in range(4):
            for j in range(a.convs):
                layers += [nn.Conv2d(ch[i] if j == 0 else ch[i + 1], ch[i + 1], 3, padding=1, bias=False), nn.BatchNorm2d(ch[i + 1]), nn.ReLU()]
            layers += [nn.MaxPool2d(2)]
        s.f = nn.Sequential(*layers)
        s.drop = nn.Dropout(drop)
        s.out = nn.Linear(4 * w, nc)
    def forward(s, x):  # x: B, D, T
        h = s.f(x.unsqueeze(1))           # B, C, D', T'
        h = h.mean(dim=(2, 3))             # global average pooling
        return s.out(s.drop(h))

class AttnPool(nn.Module):
    def __init__(s, d):
        super().__init__(); s.proj = nn.Linear(d, 64); s.w = nn.Linear(64, 1, bias=False)
    def forward(s, h):  # B, T, d -- same scorer as the serkit plugin: v . tanh(W h + b)
        a_ = torch.softmax(s.w(torch.tanh(s.proj(h))), dim=1)
        return (a_ * h).sum(1)

class BiLSTM(nn.Module):
    def __init__(s, d, hid, nc=8, drop=0.3):
        super().__init__()
        s.proj = nn.Sequential(nn.Conv1d(d, hid, 5, stride=2, padding=2), nn.BatchNorm1d(hid), nn.ReLU())
        s.lstm = nn.LSTM(hid, hid, batch_first=True, bidirectional=True)
        s.pool = AttnPool(2 * hid); s.drop = nn.Dropout(drop); s.out = nn.Linear(2 * hid, nc)
    def forward(s, x):
        h = s.proj(x).transpose(1, 2)
        h, _ = s.lstm(h)
        return s.out(s.drop(s.pool(h)))

class CRNN(nn.Module):
    def __init__(s, w, hid, nc=8, drop=0.3):
        super().__init__()
        ch = [1, w, 2 * w, 4 * w]
        layers = []
        for i in range(3):
            layers += [nn.Conv2d(ch[i], ch[i + 1], 3, padding=1, bias=False), nn.BatchNorm2d(ch[i + 1]), nn.ReLU(), nn.MaxPool2d(2)]
        s.f = nn.Sequential(*layers)
        s.lstm = nn.LSTM(4 * w, hid, batch_first=True, bidirectional=True)
        s.pool = AttnPool(2 * hid); s.drop = nn.Dropout(drop); s.out = nn.Linear(2 * hid, nc)
    def forward(s, x):
        h = s.f(x.unsqueeze(1)).mean(2).transpose(1, 2)  # B, T', C
        h, _ = s.lstm(h)
        return s.out(s.drop(s.pool(h)))

class TPool(nn.Module):
    def __init__(s, m):
        super().__init__(); s.m = m
    def forward(s, x):
        return s.m(F.avg_pool1d(x, a.tpool) if a.tpool > 1 else x)

class TDNN(nn.Module):
    """Matmul-only frame-stacking net (what tfjs runs fast: reshape + dense): each layer joins
    `k` neighbouring steps and projects them (= conv1d with kernel = stride = k)."""
    def __init__(s, d, hid, nc=8, drop=0.3, layers=3, k=2):
        super().__init__()
        s.k = k
        dims = [d] + [hid] * layers
        s.lin = nn.ModuleList([nn.Linear(dims[i] * k, dims[i + 1], bias=False) for i in range(layers)])
        s.bn = nn.ModuleList([nn.BatchNorm1d(dims[i + 1]) for i in range(layers)])
        s.pool = AttnPool(hid) if a.tdnn_attn else None
        s.drop = nn.Dropout(drop); s.out = nn.Linear(hid, nc)
    def forward(s, x):  # B, D, T
        h = x.transpose(1, 2)  # B, T, D
        for lin, bn in zip(s.lin, s.bn):
            B, T, D = h.shape
            h = h[:, :T - T % s.k].reshape(B, T // s.k, D * s.k)
            h = F.relu(bn(lin(h).transpose(1, 2)).transpose(1, 2))
        h = s.pool(h) if s.pool is not None else h.mean(1)
        return s.out(s.drop(h))

def build():
    return TPool(build_inner())

def build_inner():
    if a.model == 'cnn': return CNN(a.width, drop=a.dropout)
    if a.model == 'bilstm': return BiLSTM(D, a.hidden, drop=a.dropout)
    if a.model == 'tdnn': return TDNN(D, a.hidden, drop=a.dropout, layers=a.tdnn_layers, k=a.tdnn_k)
    return CRNN(a.width, a.hidden, drop=a.dropout)

def augment(xb, rng):
    B, Dd, T = xb.shape
    if a.stretch > 0:
        out = np.empty_like(xb)
        for i in range(B):
            r = 1 + rng.uniform(-a.stretch, a.stretch)
            src = np.clip(np.arange(T) * r, 0, T - 1)
            lo = np.floor(src).astype(int); hi = np.minimum(lo + 1, T - 1); f = (src - lo).astype(np.float32)
            out[i] = xb[i][:, lo] * (1 - f) + xb[i][:, hi] * f
        xb = out
    if a.freqshift > 0:
        for i in range(B):
            k = rng.integers(-a.freqshift, a.freqshift + 1)
            if k: xb[i, :64] = np.roll(xb[i, :64], k, axis=0)
    if a.specaug == 2:
        keep_b = (rng.random((B, Dd, 1)) >= a.bandrop) / (1 - a.bandrop)
        keep_t = (rng.random((B, 1, T)) >= a.framedrop) / (1 - a.framedrop)
        xb = (xb * keep_b * keep_t).astype(np.float32)
    if a.specaug == 1:
        for i in range(B):
            for _ in range(2):
                w = rng.integers(0, 9); f0 = rng.integers(0, 64 - w); xb[i, f0:f0 + w] = 0
            for _ in range(2):
                w = rng.integers(0, 25); t0 = rng.integers(0, T - w); xb[i, :, t0:t0 + w] = 0
    return xb

def run_fold(k):
    rng = np.random.default_rng(a.seed * 100 + k)
    torch.manual_seed(a.seed * 100 + k)
    test_actors = set(range(4 * k + 1, 4 * k + 5))
    te = np.array([i for i in range(len(clips)) if actor[i] in test_actors])
    tr = np.array([i for i in range(len(clips)) if actor[i] not in test_actors])
    cl = clips
    if a.norm == 'global':
        cat = np.concatenate([clips[i] for i in tr], axis=1)
        m, sd = cat.mean(1, keepdims=True), cat.std(1, keepdims=True) + 1e-5
        cl = [(c - m) / sd for c in clips]
    model = build()
    nparam = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.wd)
    steps = a.epochs * math.ceil(len(tr) / a.bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps, pct_start=0.2)
    t0 = time.time()
    for ep in range(a.epochs):
        model.train()
        perm = rng.permutation(tr)
        for b in range(0, len(perm), a.bs):
            idx = perm[b:b + a.bs]
            xb = np.stack([crop(cl[i], a.frames, rng, not a.center_train) for i in idx])
            xb = torch.from_numpy(augment(xb, rng)); yb = torch.from_numpy(emo[idx]).long()
            y1 = F.one_hot(yb, 8).float()
            if a.mixup > 0:
                lam = float(rng.beta(a.mixup, a.mixup)); j = torch.from_numpy(rng.permutation(len(idx)))
                xb = lam * xb + (1 - lam) * xb[j]; y1 = lam * y1 + (1 - lam) * y1[j]
            loss = torch.sum(-y1 * F.log_softmax(model(xb), -1), -1).mean()
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    model.eval()
    with torch.no_grad():
        logits = 0
        for c in range(a.tta):
            xs = []
            for i in te:
                n = cl[i].shape[1]
                if a.tta == 1 or n <= a.frames: xs.append(crop(cl[i], a.frames, rng, False))
                else:
                    s = int(round(c * (n - a.frames) / (a.tta - 1))); xs.append(cl[i][:, s:s + a.frames])
            logits = logits + F.softmax(model(torch.from_numpy(np.stack(xs))), -1)
        pred = logits.argmax(-1).numpy()
    y = emo[te]
    acc = float((pred == y).mean())
    uar = float(np.mean([(pred[y == c] == c).mean() for c in range(8)]))
    cm = np.zeros((8, 8), int)
    for t_, p_ in zip(y, pred): cm[t_, p_] += 1
    return acc, uar, nparam, time.time() - t0, cm

folds = [int(x) for x in a.folds.split(',')]
res = []
cmsum = np.zeros((8, 8), int)
for k in folds:
    acc, uar, npar, dt, cm = run_fold(k)
    cmsum += cm
    res.append((acc, uar))
    print(f'fold {k}: acc {acc:.4f} uar {uar:.4f} params {npar} time {dt:.0f}s', flush=True)
r = np.array(res)
summary = dict(args=vars(a), folds=folds, acc=r[:, 0].tolist(), uar=r[:, 1].tolist(),
               acc_mean=float(r[:, 0].mean()), acc_std=float(r[:, 0].std()), uar_mean=float(r[:, 1].mean()),
               params=npar, confusion=cmsum.tolist())
print(f'MEAN acc {r[:,0].mean():.4f} +- {r[:,0].std():.4f}  uar {r[:,1].mean():.4f}  params {npar}')
with open('/tmp/serkit-research/results.jsonl', 'a') as fh: fh.write(json.dumps(summary) + '\n')
