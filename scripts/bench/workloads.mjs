// Reusable bench workloads (for the TS and native MFCC benches): deterministic synthetic speech-like
// clips made with the core's seeded PRNG, and a raw float32 file of them for peer processes (Python).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@serkit/core';

/** The issue's MFCC workload: 100 clips of 3.5 s at 22050 Hz, librosa defaults, 13 coefficients. */
export const MFCC_WORKLOAD = { clips: 100, seconds: 3.5, sampleRate: 22050, seed: 2024 };
/** librosa defaults (n_fft 2048, hop 512, 128 mels, Slaney mel + norm, ortho DCT) with 13 MFCCs. */
export const MFCC_PARAMS = { sampleRate: 22050, nFft: 2048, hopLength: 512, nMels: 128, nMfcc: 13 };

/**
 * `clips` Float32Arrays of `seconds` at `sampleRate`: a voiced harmonic series with a gliding f0
 * (90-300 Hz), a syllable-rate envelope and a little noise — enough to exercise every mel band.
 */
export function makeClips({ clips, seconds, sampleRate, seed } = MFCC_WORKLOAD) {
  const rng = createRng(seed);
  const length = Math.round(seconds * sampleRate);
  const out = [];
  for (let c = 0; c < clips; c++) {
    const f0 = rng.uniform(90, 300);
    const glide = rng.uniform(-0.3, 0.3);
    const syllableHz = rng.uniform(2, 6);
    const y = new Float32Array(length);
    let phase = 0;
    for (let i = 0; i < length; i++) {
      const t = i / sampleRate;
      phase += (2 * Math.PI * f0 * (1 + (glide * t) / seconds)) / sampleRate;
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
      const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * syllableHz * t);
      y[i] = 0.2 * envelope * v + 0.01 * rng.normal();
    }
    out.push(y);
  }
  return out;
}

/** Writes clips back to back as little-endian float32 (what peers/*.py read). */
export function writeClipsFile(path, clips) {
  const total = clips.reduce((n, c) => n + c.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const c of clips) {
    all.set(c, offset);
    offset += c.length;
  }
  writeFileSync(path, new Uint8Array(all.buffer));
}

/**
 * Best-of-`repeats` throughput of `fn` over `items` (after a warm-up over a few), in items per second
 * of wall time and of this process's CPU time (user + system; less sensitive to a busy machine).
 */
export function throughput(items, fn, repeats = 3) {
  for (const item of items.slice(0, 5)) fn(item);
  let wall = 0;
  let cpu = 0;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (const item of items) fn(item);
    const used = process.cpuUsage(startCpu);
    wall = Math.max(wall, items.length / ((performance.now() - start) / 1000));
    cpu = Math.max(cpu, items.length / ((used.user + used.system) / 1e6));
  }
  return { wall, cpu };
}

/**
 * The Python that runs the librosa peers: $SERKIT_LIBROSA_PYTHON, else .venv-peers/bin/python at the
 * repository root when it imports librosa (set up as the README's Development section says), else null.
 */
export function librosaPython() {
  const candidate =
    process.env.SERKIT_LIBROSA_PYTHON ??
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.venv-peers', 'bin', 'python');
  if (!existsSync(candidate)) return null;
  return spawnSync(candidate, ['-c', 'import librosa'], { encoding: 'utf8' }).status === 0 ? candidate : null;
}

/** One-line note for a bench whose librosa peer could not run. */
export const LIBROSA_MISSING =
  'librosa is not importable (python3 -m venv .venv-peers && .venv-peers/bin/pip install librosa, or set SERKIT_LIBROSA_PYTHON): not run.';

/**
 * Runs the script `script` of peers/ with `python` in a fresh temporary folder: `inputs(dir)` writes
 * its input files there and returns its arguments, which include `join(dir, 'means.f32')` for its
 * float32 output. Returns { result (its last stdout line, JSON), means }.
 */
export function runPeer(python, script, inputs, env = process.env) {
  const dir = mkdtempSync(join(tmpdir(), 'serkit-bench-'));
  try {
    const path = join(dirname(fileURLToPath(import.meta.url)), 'peers', script);
    const peer = spawnSync(python, [path, ...inputs(dir)], { encoding: 'utf8', env });
    if (peer.status !== 0) throw new Error(`${script} failed: ${peer.stderr}`);
    const result = JSON.parse(peer.stdout.trim().split('\n').pop());
    const means = new Float32Array(new Uint8Array(readFileSync(join(dir, 'means.f32'))).buffer);
    return { result, means };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An MFCC peer script of peers/ (arguments: clips file, count, length, rate, means file) on `clips`,
 * one thread. Returns { result, wall, cpu, means } (means: 13 per clip).
 */
function mfccPeer(python, script, clips, sampleRate) {
  const { result, means } = runPeer(
    python,
    script,
    (dir) => {
      writeClipsFile(join(dir, 'clips.f32'), clips);
      const counts = [clips.length, clips[0].length, sampleRate].map(String);
      return [join(dir, 'clips.f32'), ...counts, join(dir, 'means.f32')];
    },
    { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  );
  return { result, wall: result.clips_per_s, cpu: result.cpu_clips_per_s, means };
}

/**
 * peers/mfcc_torchaudio.py (1 thread) on `clips` when /usr/bin/python3 imports torchaudio, else null.
 * Returns { version, wall, cpu, means }.
 */
function torchaudioMfcc(clips, sampleRate) {
  const python = '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import torchaudio'], { encoding: 'utf8' }).status !== 0) return null;
  const peer = mfccPeer(python, 'mfcc_torchaudio.py', clips, sampleRate);
  return { ...peer, version: `torchaudio ${peer.result.torchaudio} (torch ${peer.result.torch}, 1 thread)` };
}

/** peers/mfcc_librosa.py (1 thread) on `clips` when librosaPython() finds librosa, else null. */
function librosaMfcc(clips, sampleRate) {
  const python = librosaPython();
  if (python === null) return null;
  const peer = mfccPeer(python, 'mfcc_librosa.py', clips, sampleRate);
  return { ...peer, version: `librosa ${peer.result.librosa} (numpy ${peer.result.numpy}, 1 thread)` };
}

/**
 * Both MFCC peers on `clips`: { torchaudio, librosa } (each null when it cannot run) and a note for
 * each one missing.
 */
export function mfccPeers(clips, sampleRate) {
  const torchaudio = torchaudioMfcc(clips, sampleRate);
  const librosa = librosaMfcc(clips, sampleRate);
  const notes = [];
  if (torchaudio === null) notes.push('torchaudio is not importable by /usr/bin/python3: not run.');
  if (librosa === null) notes.push(LIBROSA_MISSING);
  return { torchaudio, librosa, notes };
}
