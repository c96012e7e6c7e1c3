"""Cache log-mel spectrograms of RAVDESS speech to /tmp (prototype bench, not serkit).

usage: nice -n 10 /usr/bin/python3 scripts/research/cache_features.py [DATA_DIR] [OUT.npz]
Log-mel: 16 kHz, nFft 512, win 400 (25 ms), hop 160 (10 ms), 64 Slaney mels 0-8 kHz,
power -> dB (ref 1, amin 1e-10, topDb 80), as librosa.power_to_db. Stores every clip untrimmed.
"""
import os, sys, glob, time
import numpy as np
import soundfile as sf
import torch, torchaudio

torch.set_num_threads(1)
data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('SERKIT_RAVDESS_DIR', '../shared/data/ravdess-speech-16k')
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/serkit-research/logmel64.npz'
os.makedirs(os.path.dirname(out), exist_ok=True)
mel = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=512, win_length=400, hop_length=160,
                                           n_mels=64, f_min=0.0, f_max=8000.0, power=2.0,
                                           norm='slaney', mel_scale='slaney', center=True, pad_mode='constant')
files = sorted(glob.glob(os.path.join(data, 'Actor_*', '*.flac')))
t0 = time.time()
specs, emo, inten, actor = [], [], [], []
for f in files:
    y, sr = sf.read(f, dtype='float32')
    assert sr == 16000
    S = mel(torch.from_numpy(y)).numpy()
    db = 10 * np.log10(np.maximum(S, 1e-10))
    db = np.maximum(db, db.max() - 80.0)
    specs.append(db.astype(np.float32))
    parts = os.path.basename(f).split('.')[0].split('-')
    emo.append(int(parts[2]) - 1); inten.append(int(parts[3]) - 1); actor.append(int(parts[6]))
lens = np.array([s.shape[1] for s in specs])
flat = np.concatenate(specs, axis=1)
np.savez(out, flat=flat, lens=lens, emo=np.array(emo), inten=np.array(inten), actor=np.array(actor))
print(len(files), 'files', 'frames min/median/max', lens.min(), int(np.median(lens)), lens.max(), f'{time.time()-t0:.1f}s')
