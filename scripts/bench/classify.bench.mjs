// `npm run bench classify`: end-to-end throughput of `serkit classify` (files -> labels, the built
// CLI, default model) on RAVDESS clips in WAV, FLAC, MP3, Ogg Vorbis and Opus, side by side with
// the Python peer (peers/classify_torch.py: soundfile + librosa MFCC + seed LSTM in PyTorch, or
// torchaudio's MFCC where no Python with both librosa and PyTorch is set up);
// peak RSS over 10,000 files and over a 2-hour recording; and where one clip's time goes.
//
// Env: SERKIT_RAVDESS_DIR (default ../shared/data/ravdess-speech-16k), BENCH_CLIPS (clips per
// format, default 480), BENCH_MANY (default 10000), BENCH_LONG_SECONDS (default 7200),
// BENCH_CACHE (converted clips, default $TMPDIR/serkit-bench-classify), BENCH_MODEL (default models/default),
// BENCH_FAST_MODEL (the throughput model run beside it, default models/tdnn-fast; '' skips it).
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { librosaPython } from './workloads.mjs';

export const title = 'serkit classify: files to labels';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = resolve(root, process.env.SERKIT_RAVDESS_DIR ?? '../shared/data/ravdess-speech-16k');
const clips = Number(process.env.BENCH_CLIPS ?? 480);
const many = Number(process.env.BENCH_MANY ?? 10_000);
const longSeconds = Number(process.env.BENCH_LONG_SECONDS ?? 7200);
const cache = process.env.BENCH_CACHE ?? join(tmpdir(), 'serkit-bench-classify');
const model = resolve(root, process.env.BENCH_MODEL ?? 'models/default');
const fastModel =
  process.env.BENCH_FAST_MODEL === '' ? null : resolve(root, process.env.BENCH_FAST_MODEL ?? 'models/tdnn-fast');
const serkitBin = join(root, 'packages/cli/bin/run.js');
const peer = join(root, 'scripts/bench/peers/classify_torch.py');

/** Formats: extension and ffmpeg encoder arguments (FLAC is the corpus itself). */
const FORMATS = [
  { name: 'WAV', ext: 'wav', encode: ['-c:a', 'pcm_s16le'] },
  { name: 'FLAC', ext: 'flac', encode: null },
  { name: 'MP3', ext: 'mp3', encode: ['-c:a', 'libmp3lame', '-b:a', '64k'] },
  { name: 'Ogg Vorbis', ext: 'ogg', encode: ['-c:a', 'libvorbis', '-q:a', '3'] },
  { name: 'Opus', ext: 'opus', encode: ['-c:a', 'libopus', '-b:a', '32k'] },
];

function exec(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.error) throw result.error;
  return result;
}

/** `cmd args` under /usr/bin/time: wall seconds, peak RSS (MiB) and the command's result. */
function timed(cmd, args, options = {}) {
  const started = performance.now();
  const result = exec('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M CPU_S=%U+%S', cmd, ...args], options);
  const wall = (performance.now() - started) / 1000;
  const rss = Number(/PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? Number.NaN) / 1024;
  const cpuMatch = /CPU_S=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  const cpu = cpuMatch ? Number(cpuMatch[1]) + Number(cpuMatch[2]) : Number.NaN;
  return { wall, rss, cpu, result };
}

function corpusFiles() {
  return readdirSync(corpus)
    .filter((d) => d.startsWith('Actor_'))
    .sort()
    .flatMap((d) =>
      readdirSync(join(corpus, d))
        .filter((f) => f.endsWith('.flac'))
        .sort()
        .map((f) => join(corpus, d, f)),
    );
}

/** `clips` corpus files converted to `format` (cached between runs; written under a temp name, then renamed). */
function clipsIn(format, sources) {
  if (format.encode === null) return sources;
  const dir = join(cache, format.ext);
  mkdirSync(dir, { recursive: true });
  return sources.map((source) => {
    const target = join(
      dir,
      source
        .split('/')
        .at(-1)
        .replace(/\.flac$/, `.${format.ext}`),
    );
    if (!existsSync(target)) {
      const temp = `${target}.tmp.${format.ext}`;
      exec('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, ...format.encode, temp]);
      renameSync(temp, target);
    }
    return target;
  });
}

/** serkit classify over a list of files (NUL list on stdin): clips/s after start-up, wall, peak RSS. */
function serkitRun(files, extra = [], modelDir = model) {
  const input = `${files.join('\0')}\0`;
  const { wall, rss, cpu, result } = timed(
    process.execPath,
    [serkitBin, 'classify', '-', '--null', '--jsonl', '--model', modelDir, ...extra],
    {
      input,
      cwd: root,
    },
  );
  const summary = /(\d+) classified, (\d+) failed \(\d+ files?, ([\d.]+) s\)/.exec(result.stderr);
  if (summary === null) throw new Error(`serkit classify failed:\n${result.stderr.slice(-2000)}`);
  const [ok, failed, seconds] = [Number(summary[1]), Number(summary[2]), Number(summary[3])];
  return { ok, failed, seconds, wall, rss, cpu, rate: ok / seconds };
}

/**
 * A run over `files` with `modelDir` and one over its first `batch` (WORKERS_FROM_BATCH): the rates
 * of the first, and the CPU per clip beyond the second's (start-up and the workers' excluded).
 */
function serkitRates(files, modelDir, batch) {
  const startup = serkitRun(files.slice(0, batch), [], modelDir);
  const run = serkitRun(files, [], modelDir);
  const cpuPerClip = ((run.cpu - startup.cpu) * 1000) / Math.max(1, files.length - batch);
  return { ...run, cpuPerClip };
}

/**
 * The peer's Python and MFCC library: the librosa peers' Python when it has PyTorch and soundfile
 * too (the issue's peer), else Debian's /usr/bin/python3 with torchaudio's MFCC.
 */
function peerPython() {
  const withLibrosa = librosaPython();
  if (withLibrosa !== null && exec(withLibrosa, ['-c', 'import torch, soundfile']).status === 0)
    return { python: withLibrosa, mfcc: 'librosa' };
  return { python: '/usr/bin/python3', mfcc: 'torchaudio' };
}

function peerRun(files, { python, mfcc }) {
  const list = join(cache, 'peer-list.txt');
  writeFileSync(list, `${files.join('\n')}\n`);
  const { result, rss } = timed(python, [peer, '--list', list, '--threads', '2', '--mfcc', mfcc]);
  if (result.status !== 0) return { error: result.stderr.trim().split('\n').at(-1) };
  return { ...JSON.parse(result.stdout.trim().split('\n').at(-1)), rss };
}

/** `count` inputs made of hard links to `sources` (distinct paths: classify counts each one). */
function manyFiles(sources, count, ext = 'flac') {
  const dir = join(cache, ext === 'flac' ? `many-${count}` : `many-${count}-${ext}`);
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const target = join(dir, `${String(i).padStart(5, '0')}.${ext}`);
    if (!existsSync(target)) linkSync(sources[i % sources.length], target);
    files.push(target);
  }
  return files;
}

/** A `seconds`-long FLAC of corpus speech looped (made once with ffmpeg). */
function longRecording(source, seconds) {
  const target = join(cache, `long-${seconds}s.flac`);
  if (!existsSync(target)) {
    const temp = `${target}.tmp.flac`;
    exec('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-stream_loop',
      '-1',
      '-i',
      source,
      '-t',
      String(seconds),
      '-c:a',
      'flac',
      temp,
    ]);
    renameSync(temp, target);
  }
  return target;
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export async function run() {
  if (!existsSync(corpus)) return `Skipped: no RAVDESS corpus at ${corpus} (set SERKIT_RAVDESS_DIR).`;
  if (!existsSync(join(model, 'serkit.json'))) return `Skipped: no model at ${model}.`;
  const { WORKERS_FROM_BATCH } = await import('@serkit/train');
  const all = corpusFiles();
  const sample = all.slice(0, clips);
  const peerSetup = peerPython();
  const lines = [
    `${clips} RAVDESS clips per format (16 kHz mono, 3.7 s on average; converted from the corpus FLACs with ffmpeg),`,
    'end to end from file names to labels in one run of the built CLI (`serkit classify - --null --jsonl`, default',
    'model and options). clips/s counts from the start of classification (model loaded, feature workers up; the',
    `inference workers start with the first batch of ${WORKERS_FROM_BATCH} inputs and load the model meanwhile, so a short run`,
    'pays their start-up: the 10,000-file run below shows the rate past it); "wall" includes process start-up.',
    `The Python peer runs in one process with 2 torch threads (soundfile read, ${peerSetup.mfcc === 'librosa' ? 'librosa 13 mean MFCCs' : 'torchaudio MFCC standing in for librosa, which its Python lacks'},`,
    'seed LSTM with random weights, batches of 128; a warm-up file first). Both run on the same, shared 2-core machine',
    `one after the other; load average at the start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}.`,
    '',
    `"serkit CPU ms/clip" is the CPU time (user + system, every thread) of the run less that of the run of ${WORKERS_FROM_BATCH} clips`,
    "(start-up, the workers' included), per further clip: what the clips cost whatever the load; 2 cores give at most 2000 / it clips/s.",
    '',
    '| format | serkit clips/s | serkit wall s | serkit CPU ms/clip | serkit peak RSS MiB | failed | Python peer clips/s | peer peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const fast = fastModel !== null && existsSync(join(fastModel, 'serkit.json'));
  const fastRows = [];
  for (const format of FORMATS) {
    const files = clipsIn(format, sample);
    const ours = serkitRates(files, model, WORKERS_FROM_BATCH);
    const theirs = peerRun(files, peerSetup);
    const peerCell = theirs.error ? `error: ${theirs.error}` : fmt(theirs.clips_per_s, 1);
    lines.push(
      `| ${format.name} | ${fmt(ours.rate, 1)} | ${fmt(ours.wall, 1)} | ${fmt(ours.cpuPerClip, 2)} | ${fmt(ours.rss)} | ${ours.failed} | ${peerCell} | ${fmt(theirs.rss)} |`,
    );
    if (fast) {
      const f = serkitRates(files, fastModel, WORKERS_FROM_BATCH);
      fastRows.push(
        `| ${format.name} | ${fmt(f.rate, 1)} | ${fmt(f.cpuPerClip, 2)} | ${fmt(2000 / f.cpuPerClip)} | ${f.failed} |`,
      );
    }
    console.error(`classify bench: ${format.name} done`);
  }
  if (fast) {
    lines.push(
      '',
      `The throughput model (\`--model ${relative(root, fastModel)}\`, a TDNN alone), the same clips and columns; "CPU-bound clips/s" is 2000 / CPU ms per clip, the rate past start-up once both cores are busy:`,
      '',
      '| format | serkit clips/s | serkit CPU ms/clip | CPU-bound clips/s | failed |',
      '|---|---:|---:|---:|---:|',
      ...fastRows,
    );
  }

  if (fast) {
    // The throughput goal measured where start-up no longer matters: many files of each format.
    lines.push(
      '',
      `The throughput model on ${many} files of each format (hard links to the ${sample.length} clips above, cycled; the FLAC row reads the corpus files), one run each. "clips/s" counts from the start of classification as above; "whole process" includes Node's start-up and the model's loading; CPU is the whole process's (every thread):`,
      '',
      '| format | classified | failed | clips/s | whole process s | whole process clips/s | CPU ms/clip | peak RSS MiB |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const format of FORMATS) {
      const sources = format.encode === null ? all : clipsIn(format, sample);
      const r = serkitRun(manyFiles(sources, many, format.ext), [], fastModel);
      lines.push(
        `| ${format.name} | ${r.ok} | ${r.failed} | ${fmt(r.rate, 1)} | ${fmt(r.wall, 1)} | ${fmt(r.ok / r.wall, 1)} | ${fmt((r.cpu * 1000) / many, 2)} | ${fmt(r.rss)} |`,
      );
      console.error(`classify bench: ${many} ${format.name} files with the throughput model done`);
    }
  }

  const manyRun = serkitRun(manyFiles(all, many));
  const long = longRecording(all[0], longSeconds);
  const longWhole = serkitRun([long]);
  const longSegments = serkitRun([long], ['--segment', '3', '--hop', '1.5']);
  lines.push(
    '',
    '| memory check | inputs | classified | seconds | clips/s | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|',
    `| ${many} files (hard links to the corpus FLACs) | ${many} | ${manyRun.ok} | ${fmt(manyRun.seconds, 1)} | ${fmt(manyRun.rate, 1)} | ${fmt(manyRun.rss)} |`,
    `| one ${fmt(longSeconds / 3600, 1)}-hour FLAC, whole-file verdict (streamed 3 s windows) | 1 | ${longWhole.ok} | ${fmt(longWhole.seconds, 1)} | — | ${fmt(longWhole.rss)} |`,
    `| the same with \`--segment 3 --hop 1.5\` (timeline) | 1 | ${longSegments.ok} | ${fmt(longSegments.seconds, 1)} | — | ${fmt(longSegments.rss)} |`,
  );
  lines.push(
    '',
    ...(await profile(
      sample.slice(0, 60),
      FORMATS.map((f) => clipsIn(f, sample.slice(0, 60))),
    )),
  );
  return lines.join('\n');
}

/** CPU ms per call of `fn` over `items` (this thread: the stages run here one after another). */
async function cpuPer(items, fn) {
  const started = process.cpuUsage();
  for (const [i, item] of items.entries()) await fn(item, i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / items.length;
}

/** `fn` with the WebAssembly decoders forced (SERKIT_NATIVE_DECODE=0). */
async function withWasmDecoders(fn) {
  const before = process.env.SERKIT_NATIVE_DECODE;
  process.env.SERKIT_NATIVE_DECODE = '0';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.SERKIT_NATIVE_DECODE;
    else process.env.SERKIT_NATIVE_DECODE = before;
  }
}

/**
 * Where one clip's CPU time goes, each stage on this thread alone (ms per clip, process.cpuUsage, so
 * the figures hold on a busy machine): decoding per format with the active decoder and with the
 * WebAssembly ones, the clip checks, the features (and the native mel + dB part of them), packing,
 * and inference at the batch size the CLI reaches first and at its maximum.
 */
export async function profile(files, byFormat) {
  const { decodeFile, decoderInfo } = await import('@serkit/audio');
  const train = await import('@serkit/train');
  const { PluginRegistry } = await import('@serkit/core');
  const registry = new PluginRegistry();
  const { mfccMean, mfccSeq } = await import('@serkit/plugin-features-mfcc');
  for (const extractor of [mfccMean, mfccSeq]) registry.add(extractor, '@serkit/plugin-features-mfcc');
  // The bundled model reads log-mel frames (tdnn-logmel); older ones mean MFCCs.
  const { logMelExtractor } = await import('@serkit/plugin-features-logmel');
  registry.add(logMelExtractor, '@serkit/plugin-features-logmel');
  const classifier = await train.openClassifier({
    modelDir: model,
    registry,
    backend: 'auto', // as classify picks it
    workers: 0,
    inferenceThreads: 1,
  });
  train.setNativeGemmThreads(1); // one thread, as in each inference worker
  const { extractor, dsp } = classifier.pipeline;
  const rate = extractor.sampleRate;
  const decodeOptions = { sampleRate: rate, maxSeconds: 120 };
  const decodeRows = [];
  for (const [k, format] of FORMATS.entries()) {
    const paths = byFormat[k];
    for (const f of paths.slice(0, 5)) await decodeFile(f, decodeOptions); // warm-up
    const active = await cpuPer(paths, (f) => decodeFile(f, decodeOptions));
    const wasm = await withWasmDecoders(async () => {
      for (const f of paths.slice(0, 5)) await decodeFile(f, decodeOptions);
      return cpuPer(paths, (f) => decodeFile(f, decodeOptions));
    });
    decodeRows.push(`| ${format.name} | ${fmt(active, 2)} | ${fmt(wasm, 2)} |`);
  }
  const decoded = [];
  const peaks = []; // measured by the native decoder on the way, as the CLI passes them on
  for (const f of files) {
    const audio = await decodeFile(f, decodeOptions);
    decoded.push(audio.samples);
    peaks.push(audio.peak);
  }
  for (const [i, s] of decoded.entries()) train.modelInput(classifier.pipeline, s, files[i]); // warm-up (JIT)
  const checks = await cpuPer(decoded, (s, i) => train.checkClip(s, rate, files[i], peaks[i]));
  const features = await cpuPer(decoded, (s, i) => train.modelInput(classifier.pipeline, s, files[i]));
  const { config } = extractor;
  const melOptions = {
    sampleRate: rate,
    nFft: config.nFft,
    winLength: config.winLength,
    hopLength: config.hopLength,
    nMels: config.nMels,
    fmin: config.fmin,
    fmax: config.fmax ?? rate / 2,
    power: 2,
  };
  const melDb =
    extractor.id === 'logmel'
      ? await cpuPer(decoded, (s) =>
          dsp.powerToDb(dsp.melSpectrogram({ y: s }, melOptions), { ref: 1, amin: 1e-10, topDb: config.topDb }),
        )
      : Number.NaN;
  const size = classifier.predictor.inputSize;
  const inputs = decoded.map((s, i) => train.modelInput(classifier.pipeline, s, files[i]));
  const inference = async (batch) => {
    const packed = new Float32Array(batch * size);
    for (let i = 0; i < batch; i++) packed.set(inputs[i % inputs.length], i * size);
    await classifier.predictor.predict(packed, batch); // warm-up
    const reps = Array.from({ length: Math.max(3, Math.ceil(1024 / batch)) }, () => packed);
    return (await cpuPer(reps, (p) => classifier.predictor.predict(p, batch))) / batch;
  };
  const eager = await inference(train.EAGER_BATCH_SIZE);
  const full = await inference(train.DEFAULT_BATCH_SIZE);
  await classifier.close();
  const info = decoderInfo();
  return [
    `Profile: CPU ms per clip, one thread, ${files.length} clips per format (decoder: ${info.reason}; DSP: ${dsp.name}; tfjs backend: ${classifier.backend.name}).`,
    '',
    '| decode to 16 kHz mono | active decoder | WebAssembly decoders |',
    '|---|---:|---:|',
    ...decodeRows,
    '',
    `FLAC clips after decoding: clip checks ${fmt(checks, 2)}, features (${extractor.id}, normalised model input) ${fmt(features, 2)}`,
    `(of which mel spectrogram + dB in the DSP ${fmt(melDb, 2)}), inference ${fmt(eager, 2)} at batch ${train.EAGER_BATCH_SIZE} and ${fmt(full, 2)} at batch ${train.DEFAULT_BATCH_SIZE}.`,
    'In the CLI, decoding, checks and features run on one worker thread per core, and the network on inference workers (one per core, at most 4) that take batches of 128 side by side; the main thread only schedules, so files keep decoding while batches run.',
  ];
}
