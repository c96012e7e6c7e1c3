// MFCC throughput of the native addon (@serkit/native) on the workload: one call at a time
// on the JS thread, and featurizeBatch on 1 and 2 native threads; the TS path, torchaudio and librosa
// (1 thread each) run in the same bench run for comparison.
import { loadavg } from 'node:os';
import { mfcc, relativeError, rowMeans, tsDsp } from '@serkit/core';
import { createNativeDsp, featurizeBatch, loadAddon } from '@serkit/native';
import { MFCC_PARAMS, MFCC_WORKLOAD, makeClips, mfccPeers, throughput } from './workloads.mjs';

export const title = 'MFCC throughput: native addon (1 and 2 threads) vs TypeScript core vs torchaudio and librosa';

const flatten = (vectors) => {
  const out = new Float32Array(vectors.length * 13);
  for (const [i, v] of vectors.entries()) out.set(v, i * 13);
  return out;
};

/** Best of `repeats` featurizeBatch runs over all clips: clips/s of wall time and of process CPU time. */
async function batchRate(clips, threads, repeats = 3) {
  const { nMfcc, nFft, hopLength, nMels } = MFCC_PARAMS;
  const jobs = clips.map((samples) => ({ samples, sampleRate: MFCC_PARAMS.sampleRate }));
  const pipeline = { mfcc: { nMfcc, nFft, hopLength, nMels }, meanOverTime: true };
  let wall = 0;
  let cpu = 0;
  let means = [];
  await featurizeBatch(jobs.slice(0, 4), pipeline, { threads });
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const results = await featurizeBatch(jobs, pipeline, { threads });
    const used = process.cpuUsage(startCpu);
    wall = Math.max(wall, clips.length / ((performance.now() - start) / 1000));
    cpu = Math.max(cpu, clips.length / ((used.user + used.system) / 1e6));
    means = results.map((res) => (res.ok ? res.features.data : new Float32Array(13).fill(Number.NaN)));
  }
  return { wall, cpu, means };
}

export async function run() {
  const addon = loadAddon();
  if (addon === null)
    return 'The native addon is not built (npm run build:addon -w @serkit/native): nothing measured.\n';
  const native = createNativeDsp(addon);
  const clips = makeClips(MFCC_WORKLOAD);
  const load = loadavg()[0];
  const tsMeans = [];
  const ts = throughput(clips, (y) => {
    tsMeans[clips.indexOf(y)] = rowMeans(mfcc({ y }, MFCC_PARAMS));
  });
  const tsFlat = flatten(tsMeans);
  const oneMeans = [];
  const one = throughput(clips, (y) => {
    oneMeans[clips.indexOf(y)] = rowMeans(native.mfcc({ y }, MFCC_PARAMS));
  });
  const rows = [[`serkit native, one call at a time (JS thread)`, one, relativeError(flatten(oneMeans), tsFlat)]];
  for (const threads of [1, 2]) {
    const rate = await batchRate(clips, threads);
    rows.push([
      `serkit native, featurizeBatch, ${threads} thread${threads > 1 ? 's' : ''}`,
      rate,
      relativeError(flatten(rate.means), tsFlat),
    ]);
  }
  rows.push([`serkit TS (${tsDsp.name}, @serkit/core)`, ts, 0]);
  const { torchaudio: peer, librosa, notes } = mfccPeers(clips, MFCC_PARAMS.sampleRate);
  for (const p of [peer, librosa]) if (p !== null) rows.push([p.version, p, relativeError(p.means, tsFlat)]);

  const { clips: n, seconds, sampleRate } = MFCC_WORKLOAD;
  let out = `Workload: ${n} synthetic clips of ${seconds} s at ${sampleRate} Hz (scripts/bench/workloads.mjs, seed ${MFCC_WORKLOAD.seed}); `;
  out +=
    'librosa defaults (n_fft 2048, hop 512, 128 Slaney mels, power 2, top_db 80, ortho DCT), 13 MFCCs, mean over time; ';
  out += `best of 3 passes after a warm-up, all rows in this one run. Load average when it started: ${load.toFixed(1)} on `;
  out += '2 cores shared with other work: wall-clock rates are depressed by the load; the CPU-time column counts this ';
  out +=
    "process's CPU (all its threads), so for the 2-thread row it is the rate per CPU-second, not per wall-second.\n\n";
  out +=
    '| implementation | clips/s (wall) | clips/s (CPU time) | vs torchaudio (CPU) | vs librosa (CPU) | mean-MFCC rel. difference vs TS |\n';
  out += '|---|---:|---:|---:|---:|---:|\n';
  const versus = (rate, other) => (other === null ? '—' : `${(rate.cpu / other.cpu).toFixed(2)}x`);
  for (const [name, rate, diff] of rows) {
    out += `| ${name} | ${rate.wall.toFixed(0)} | ${rate.cpu.toFixed(0)} | ${versus(rate, peer)} | ${versus(rate, librosa)} | ${diff === 0 ? '—' : diff.toExponential(1)} |\n`;
  }
  const two = rows[2][1];
  out += `\n- Goal (issue 3): >= 2500 clips/s on 2 threads. Measured ${two.wall.toFixed(0)} clips/s wall under load ${load.toFixed(1)}; `;
  out += `an idle 2-core machine gives about 2 x the CPU-time rate, ${(2 * two.cpu).toFixed(0)} clips/s.\n`;
  const wallRatio = (other) => (other === null ? 'not run' : `${(two.wall / other.wall).toFixed(1)}x`);
  out += `- Goal: >= 3x torchaudio and >= 9x librosa. The 2-thread row against the 1-thread peers, wall clock: ${wallRatio(peer)} torchaudio, ${wallRatio(librosa)} librosa.\n`;
  for (const note of notes) out += `- ${note}\n`;
  return out;
}
