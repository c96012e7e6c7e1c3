// MFCC throughput of the pure-TypeScript path (@serkit/core, built dist) on the issue's workload,
// with torchaudio (1 thread) side by side on the same clips when /usr/bin/python3 can import it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mfcc, relativeError, rowMeans } from '@serkit/core';
import { MFCC_PARAMS, MFCC_WORKLOAD, makeClips, throughput, writeClipsFile } from './workloads.mjs';

export const title = 'MFCC throughput: TypeScript core vs peers';

const here = dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';

function hasModule(name) {
  return spawnSync(python, ['-c', `import ${name}`], { encoding: 'utf8' }).status === 0;
}

export async function run() {
  const clips = makeClips(MFCC_WORKLOAD);
  const means = [];
  const tsRate = throughput(clips, (y) => {
    means[clips.indexOf(y)] = rowMeans(mfcc({ y }, MFCC_PARAMS));
  });
  const load = loadavg()[0];
  const rows = [[`serkit TS (@serkit/core, Node ${process.version})`, tsRate, '']];
  const notes = [];
  if (hasModule('torchaudio')) {
    const dir = mkdtempSync(join(tmpdir(), 'serkit-bench-'));
    try {
      const clipsPath = join(dir, 'clips.f32');
      const meansPath = join(dir, 'means.f32');
      writeClipsFile(clipsPath, clips);
      const peer = spawnSync(
        python,
        [
          join(here, 'peers', 'mfcc_torchaudio.py'),
          clipsPath,
          String(clips.length),
          String(clips[0].length),
          String(MFCC_PARAMS.sampleRate),
          meansPath,
        ],
        { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } },
      );
      if (peer.status !== 0) throw new Error(`torchaudio peer failed: ${peer.stderr}`);
      const result = JSON.parse(peer.stdout.trim().split('\n').pop());
      const peerMeans = new Float32Array(new Uint8Array(readFileSync(meansPath)).buffer);
      const ours = new Float32Array(clips.length * 13);
      for (const [i, m] of means.entries()) ours.set(m, i * 13);
      rows.push([
        `torchaudio ${result.torchaudio} (torch ${result.torch}, 1 thread)`,
        { wall: result.clips_per_s, cpu: result.cpu_clips_per_s },
        relativeError(ours, peerMeans),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    notes.push('torchaudio is not importable by /usr/bin/python3: not run.');
  }
  if (!hasModule('librosa'))
    notes.push(
      'librosa is not installed here: the issue gives ~170-270 clips/s (librosa 0.10/0.11) on this machine class.',
    );
  const { clips: n, seconds, sampleRate } = MFCC_WORKLOAD;
  let out = `Workload: ${n} synthetic clips of ${seconds} s at ${sampleRate} Hz (scripts/bench/workloads.mjs, seed ${MFCC_WORKLOAD.seed}); `;
  out +=
    'librosa defaults (n_fft 2048, hop 512, 128 Slaney mels, power 2, top_db 80, ortho DCT), 13 MFCCs, mean over time; ';
  out += `single process, best of 3 passes after a warm-up. Load average when it started: ${load.toFixed(1)} `;
  out += '(the machine is shared: compare rows of one run, and prefer the CPU-time column).\n\n';
  out +=
    '| implementation | clips/s (wall) | clips/s (CPU time) | TS / this (CPU) | mean-MFCC rel. difference vs TS |\n';
  out += '|---|---:|---:|---:|---:|\n';
  for (const [name, rate, diff] of rows) {
    const ratio = (tsRate.cpu / rate.cpu).toFixed(2);
    out += `| ${name} | ${rate.wall.toFixed(1)} | ${rate.cpu.toFixed(1)} | ${ratio} | ${diff === '' ? '—' : diff.toExponential(1)} |\n`;
  }
  const peer = rows[1];
  if (peer !== undefined) {
    // The issue's figures on an idle machine of this class: librosa ~170-270, torchaudio ~780 clips/s.
    const ratio = tsRate.cpu / peer[1].cpu;
    notes.push(
      `Against torchaudio, the issue's librosa figures are 0.22-0.35x (170-270 vs 780 clips/s); TS reaches ${ratio.toFixed(2)}x here, i.e. about ${Math.round(ratio * 780)} clips/s on the issue's idle-machine scale.`,
    );
  }
  if (notes.length > 0) out += `\n${notes.map((s) => `- ${s}`).join('\n')}\n`;
  return out;
}
