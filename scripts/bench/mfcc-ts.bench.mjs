// MFCC throughput of the pure-TypeScript path (@serkit/core, built dist) on the issue's workload,
// with torchaudio and librosa (1 thread each) side by side on the same clips when they can run.
import { loadavg } from 'node:os';
import { mfcc, relativeError, rowMeans } from '@serkit/core';
import { MFCC_PARAMS, MFCC_WORKLOAD, makeClips, mfccPeers, throughput } from './workloads.mjs';

export const title = 'MFCC throughput: TypeScript core vs peers';

export async function run() {
  const clips = makeClips(MFCC_WORKLOAD);
  const means = [];
  const tsRate = throughput(clips, (y) => {
    means[clips.indexOf(y)] = rowMeans(mfcc({ y }, MFCC_PARAMS));
  });
  const load = loadavg()[0];
  const ours = new Float32Array(clips.length * 13);
  for (const [i, m] of means.entries()) ours.set(m, i * 13);
  const rows = [[`serkit TS (@serkit/core, Node ${process.version})`, tsRate, '']];
  const { torchaudio, librosa, notes } = mfccPeers(clips, MFCC_PARAMS.sampleRate);
  for (const p of [torchaudio, librosa]) if (p !== null) rows.push([p.version, p, relativeError(ours, p.means)]);
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
  if (notes.length > 0) out += `\n${notes.map((s) => `- ${s}`).join('\n')}\n`;
  return out;
}
