// The paper's featurisation of all of RAVDESS end to end: decode every FLAC (@serkit/audio, in
// process), resample 16 kHz -> 22050 Hz, four variants (original, noise, pitch +0.7 semitone,
// stretch 0.8), 13 mean MFCCs each = 5760 vectors. Native path: featurizeBatch on 2 threads while
// the JS thread decodes the next chunk. TS path: the same steps on a subset, scaled to the corpus;
// librosa (peers/featurize_librosa.py, when it can run) likewise on a larger subset.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFile } from '@serkit/audio';
import { relativeError, tsDsp } from '@serkit/core';
import { featurizeBatch, loadAddon } from '@serkit/native';
import { LIBROSA_MISSING, librosaPython, runPeer } from './workloads.mjs';

export const title = 'Featurising all of RAVDESS (4 variants, 13 mean MFCCs): native vs TypeScript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = process.env.SERKIT_RAVDESS_DIR ?? join(root, '..', 'shared', 'data', 'ravdess-speech-16k');
const pipeline = { targetSampleRate: 22050, mfcc: { nMfcc: 13 }, meanOverTime: true };
const CHUNK = 120;
const TS_SUBSET = 24;
const LIBROSA_SUBSET = 96;

function flacFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? flacFiles(join(dir, e.name)) : e.name.endsWith('.flac') ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** The paper's four variants of one decoded clip (noise seeded by the clip's position). */
function variants(audio, index) {
  const { samples, sampleRate } = audio;
  return [
    { samples, sampleRate },
    { samples, sampleRate, augment: { kind: 'noise', seed: index } },
    { samples, sampleRate, augment: { kind: 'pitch', nSteps: 0.7 } },
    { samples, sampleRate, augment: { kind: 'stretch', rate: 0.8 } },
  ];
}

async function decodeAll(paths) {
  const out = [];
  for (const path of paths) out.push(await decodeFile(path, { decoder: 'inprocess' }));
  return out;
}

/** Decode chunk i+1 on the JS thread while native threads featurise chunk i. */
async function nativeEndToEnd(paths) {
  const vectors = [];
  let failed = 0;
  let pending = Promise.resolve([]);
  const collect = (results) => {
    for (const r of results) {
      if (r.ok) vectors.push(r.features.data);
      else failed++;
    }
  };
  for (let start = 0; start < paths.length; start += CHUNK) {
    const audio = await decodeAll(paths.slice(start, start + CHUNK));
    collect(await pending);
    pending = featurizeBatch(
      audio.flatMap((a, i) => variants(a, start + i)),
      pipeline,
      { threads: 2 },
    );
  }
  collect(await pending);
  return { vectors, failed };
}

/** Every (paths.length / count)-th path, `count` of them. */
const subset = (paths, count) => paths.filter((_, i) => i % Math.floor(paths.length / count) === 0).slice(0, count);

/**
 * peers/featurize_librosa.py on `paths` (one process, after a warm-up file): null when librosa cannot
 * run, else { seconds, cpuSeconds, version, means } (4 x 13 float32 per file, in order).
 */
function librosaFeaturize(paths) {
  const python = librosaPython();
  if (python === null) return null;
  const { result, means } = runPeer(python, 'featurize_librosa.py', (dir) => {
    writeFileSync(join(dir, 'files.txt'), `${paths.join('\n')}\n`);
    return [join(dir, 'files.txt'), join(dir, 'means.f32')];
  });
  return {
    seconds: result.seconds,
    cpuSeconds: result.cpu_seconds,
    version: `librosa ${result.librosa} (numpy ${result.numpy}, scipy ${result.scipy})`,
    means,
  };
}

/**
 * The 13 means of the variants in `kept` (indices 0-3: original, noise, pitch, stretch) of every
 * file, as one array: from featurizeBatch results, four per file (a failed one stays zero).
 */
function variantMeans(results, kept) {
  const picked = results.filter((_, i) => kept.includes(i % 4));
  const out = new Float32Array(picked.length * 13);
  for (const [i, r] of picked.entries()) if (r.ok) out.set(r.features.data, i * 13);
  return out;
}

const seconds = (start) => (performance.now() - start) / 1000;
const cpuSeconds = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

export async function run() {
  if (!existsSync(corpus)) return `RAVDESS not found at ${corpus} (set SERKIT_RAVDESS_DIR): nothing measured.\n`;
  const paths = flacFiles(corpus);
  const load = loadavg()[0];
  const rows = [];
  let nativeSubset;
  let nativeLibrosaSubset;
  let nativeSeconds;

  if (loadAddon() !== null) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const { vectors, failed } = await nativeEndToEnd(paths);
    nativeSeconds = seconds(wall);
    rows.push([
      'native (featurizeBatch, 2 threads), all files',
      paths.length,
      vectors.length,
      failed,
      nativeSeconds,
      cpuSeconds(cpu),
      '',
    ]);
    // Decoding alone, to split the time.
    const decodeStart = performance.now();
    const decodeCpu = process.cpuUsage();
    const decoded = await decodeAll(paths);
    rows.push([
      'decoding alone (in process, JS thread)',
      paths.length,
      0,
      0,
      seconds(decodeStart),
      cpuSeconds(decodeCpu),
      '',
    ]);
    const subsetAudio = subset(decoded, TS_SUBSET);
    nativeSubset = await featurizeBatch(
      subsetAudio.flatMap((a, i) => variants(a, i)),
      pipeline,
      { threads: 2 },
    );
    nativeLibrosaSubset = await featurizeBatch(
      subset(decoded, LIBROSA_SUBSET).flatMap((a, i) => variants(a, i)),
      pipeline,
      { threads: 2 },
    );
  } else {
    rows.push(['native', paths.length, 0, 0, 0, 0, 'addon not built']);
  }

  // The TS path on every (1440 / TS_SUBSET)-th file, decoding included, scaled to the corpus.
  const subsetPaths = subset(paths, TS_SUBSET);
  const tsWall = performance.now();
  const tsCpu = process.cpuUsage();
  const audio = await decodeAll(subsetPaths);
  const tsResults = await featurizeBatch(
    audio.flatMap((a, i) => variants(a, i)),
    pipeline,
    { dsp: tsDsp },
  );
  const tsSeconds = seconds(tsWall);
  const scale = paths.length / subsetPaths.length;
  const tsOk = tsResults.filter((r) => r.ok).length;
  rows.push([
    `TypeScript (one JS thread), ${subsetPaths.length} files x ${scale.toFixed(0)}`,
    paths.length,
    tsOk * scale,
    (tsResults.length - tsOk) * scale,
    tsSeconds * scale,
    cpuSeconds(tsCpu) * scale,
    `measured ${tsSeconds.toFixed(1)} s on ${subsetPaths.length} files`,
  ]);
  // librosa on every (1440 / LIBROSA_SUBSET)-th file, decoding included, scaled to the corpus.
  const librosaPaths = subset(paths, LIBROSA_SUBSET);
  const librosa = librosaFeaturize(librosaPaths);
  if (librosa !== null) {
    const librosaScale = paths.length / librosaPaths.length;
    rows.push([
      `${librosa.version}, one process, ${librosaPaths.length} files x ${librosaScale.toFixed(0)}`,
      paths.length,
      (librosa.means.length / 13) * librosaScale,
      0,
      librosa.seconds * librosaScale,
      librosa.cpuSeconds * librosaScale,
      `measured ${librosa.seconds.toFixed(1)} s on ${librosaPaths.length} files`,
    ]);
  }
  const notes = [];
  if (librosa !== null && nativeLibrosaSubset !== undefined) {
    // librosa's means as results of the same layout, four per file.
    const librosaResults = Array.from({ length: librosa.means.length / 13 }, (_, i) => ({
      ok: true,
      features: { data: librosa.means.subarray(13 * i, 13 * (i + 1)) },
    }));
    const difference = (v) =>
      relativeError(variantMeans(nativeLibrosaSubset, [v]), variantMeans(librosaResults, [v])).toExponential(1);
    notes.push(
      `Native vs librosa on librosa's ${librosaPaths.length} files: relative difference ${difference(0)} (original), ` +
        `${difference(2)} (pitch), ${difference(3)} (stretch); the noise variant draws other random numbers.`,
    );
  } else if (librosa === null) {
    notes.push(LIBROSA_MISSING);
  }
  let agreement = '';
  if (nativeSubset !== undefined) {
    const difference = (vocoder) => {
      const kept = vocoder ? [2, 3] : [0, 1];
      return relativeError(variantMeans(nativeSubset, kept), variantMeans(tsResults, kept)).toExponential(1);
    };
    agreement =
      `Native vs TS on the subset's ${tsResults.length} vectors: relative difference ${difference(false)} for the ` +
      `original and noise variants, ${difference(true)} for the pitch-shifted and stretched ones. Native resampling ` +
      "runs its FFT in float32 (as scipy does under librosa), ~3e-7 of the peak from the TS path's double one, and " +
      'the vocoder keeps its phases in float32 as librosa does: a phase rounded to the neighbouring float32 carries ' +
      'that difference further.';
  }

  let out = `Corpus: ${paths.length} FLAC files (${corpus.replace(`${resolve(root, '..')}/`, '../')}), decoded in process at 16 kHz, `;
  out +=
    'resampled to 22050 Hz (FFT method, as librosa res_type="fft"), 4 variants each: original, noise (paper rule, ';
  out += 'seeded), pitch +0.7 semitone, stretch 0.8; 13 MFCCs (librosa defaults) averaged over time. ';
  out += `2 cores, shared: load average ${load.toFixed(1)} when it started.\n\n`;
  out += '| path | files | vectors | failed | wall s | CPU s | note |\n|---|---:|---:|---:|---:|---:|---|\n';
  for (const [name, files, vectors, failed, wall, cpu, note] of rows) {
    out += `| ${name} | ${files} | ${Math.round(vectors)} | ${Math.round(failed)} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${note} |\n`;
  }
  out +=
    '\n- Goal (issue 3): under 15 s end to end on 2 cores; librosa 0.10.2 (scipy resampling), single process, took 230 s on this machine class (15 s is 15.3x faster than that).\n';
  if (librosa !== null && nativeSeconds !== undefined) {
    const librosaSeconds = librosa.seconds * (paths.length / librosaPaths.length);
    out += `- In this run librosa takes ${librosaSeconds.toFixed(0)} s for the corpus (scaled): the native path is ${(librosaSeconds / nativeSeconds).toFixed(1)}x faster end to end. Machines of this class differ by up to 2x from one day to the next, so the ratio to librosa in the same run says more than either time; the load also drifts within a run (compare the TS row across runs), so repeat it before reading much into one ratio.\n`;
  }
  if (agreement !== '') out += `- ${agreement}\n`;
  for (const note of notes) out += `- ${note}\n`;
  out +=
    '- The CPU column is this process (all threads). On a shared machine the wall time of the native row is bounded below by CPU s / 2.\n';
  return out;
}
