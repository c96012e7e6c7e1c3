// `npm run bench train-epoch`: seconds per training epoch on the CPU for every tfjs backend that
// loads here (cpu, wasm, and 'native': the @serkit/native addon's kernels) and for PyTorch
// (scripts/bench/peers/torch_epoch.py, /usr/bin/python3), on the same architectures, and the ratio
// of each to PyTorch. An epoch is the paper's: 5760 samples in batches of 32 (180 batches), Adam.
// Each (backend, model) runs in its own process, times a few batches after a warm-up batch and
// extrapolates to the epoch: the slow backends get fewer batches (stated in the table).
// Needs the built dist of @serkit/train (npm run build) and, for 'native', the addon
// (npm run build:addon -w @serkit/native).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const title = 'Training epoch on the CPU: tfjs backends vs PyTorch';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const kernelsModule = join(root, 'packages/train/dist/backends/native-kernels/index.js');
const BATCH = 32;
const EPOCH_BATCHES = 5760 / BATCH;
const CLASSES = 8;

/**
 * The paper's model and two frame-sequence models: a 2-layer LSTM over 100 frames x 40 log-mel bands,
 * and serkit's cnn-logmel plugin architecture (plugins/model-crnn) over 192 x 64.
 */
/** LSTM(units[0], sequences) -> Dropout -> LSTM(units[1]) -> Dropout -> Dense(dense, relu) -> Dropout -> Dense(8, softmax). */
const lstmStack = (shape, units, dense) => (tf, lstm) => [
  lstm({
    units: units[0],
    returnSequences: true,
    inputShape: shape,
    recurrentInitializer: 'glorotUniform',
    recurrentActivation: 'sigmoid',
  }),
  tf.layers.dropout({ rate: 0.2 }),
  lstm({ units: units[1], recurrentInitializer: 'glorotUniform', recurrentActivation: 'sigmoid' }),
  tf.layers.dropout({ rate: 0.2 }),
  tf.layers.dense({ units: dense, activation: 'relu' }),
  tf.layers.dropout({ rate: 0.2 }),
  tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
];

const MODELS = {
  paper: {
    label: 'paper: LSTM(256)-LSTM(64)-Dense(128)-Dense(8) on 13 x 1 (355,720 params)',
    shape: [13, 1],
    layers: lstmStack([13, 1], [256, 64], 128),
  },
  frames: {
    label: 'frames: LSTM(128)-LSTM(64)-Dense(64)-Dense(8) on 100 x 40',
    shape: [100, 40],
    layers: lstmStack([100, 40], [128, 64], 64),
  },
  cnn: {
    label: "cnn: serkit's cnn-logmel (4 conv blocks 16-32-64-64, BN, max-pool) on 192 x 64",
    shape: [192, 64],
    layers: (tf, _lstm, batchNorm) => [
      tf.layers.reshape({ targetShape: [192, 64, 1], inputShape: [192, 64] }),
      tf.layers.averagePooling2d({ poolSize: [2, 1], strides: [2, 1] }),
      ...[16, 32, 64, 64].flatMap((filters) => [
        tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }),
        batchNorm(),
        tf.layers.activation({ activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
      ]),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  },
};

/** Timed batches per backend and model (after one warm-up batch); env SERKIT_BENCH_SCALE multiplies them. */
const BATCHES = {
  native: { paper: 30, frames: 6, cnn: 3 },
  'native-1t': { paper: 30, frames: 6, cnn: 3 },
  wasm: { paper: 4, frames: 1, cnn: 1 },
  // 0: not run. One cnn batch on plain cpu took 7.8 min wall (2.9 min CPU) here under load (2026-11-25).
  cpu: { paper: 2, frames: 1, cnn: 0 },
};
const TORCH_BATCHES = { paper: 30, frames: 6, cnn: 3 };
const scale = Number(process.env.SERKIT_BENCH_SCALE ?? 1);

/** Worker: trains `batches` batches of `model` on `backend` and prints {secondsPerBatch} as JSON. */
async function worker(backend, modelName, batches) {
  const require = createRequire(join(root, 'packages/train/package.json'));
  const tf = require('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  let lstm = tf.layers.lstm;
  let batchNorm = tf.layers.batchNormalization;
  if (backend === 'wasm') {
    const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    require('@tensorflow/tfjs-backend-wasm').setWasmPaths(`${dirname(wasmFile)}/`);
  } else if (backend === 'native') {
    const { registerNativeKernels } = await import(pathToFileURL(kernelsModule).href);
    const registration = registerNativeKernels(tf);
    if (registration === null) throw new Error('addon not built');
    lstm = registration.lstm;
    batchNorm = registration.batchNormalization;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start the ${backend} backend`);
  const spec = MODELS[modelName];
  const model = tf.sequential({ layers: spec.layers(tf, lstm, batchNorm) });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const count = BATCH * (batches + 1);
  const x = tf.randomNormal([count, ...spec.shape], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniform([count], 0, CLASSES, 'int32', 11), CLASSES);
  const trainBatches = (start, n) =>
    model.fit(x.slice(start * BATCH, n * BATCH), y.slice(start * BATCH, n * BATCH), {
      batchSize: BATCH,
      epochs: 1,
      shuffle: false,
      verbose: 0,
    });
  await trainBatches(0, 1); // warm-up: kernel set-up, wasm compilation, first allocations
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  await trainBatches(1, batches);
  const secondsPerBatch = (performance.now() - started) / 1000 / batches;
  const cpu = process.cpuUsage(startedCpu);
  const cpuSecondsPerBatch = (cpu.user + cpu.system) / 1e6 / batches;
  process.stdout.write(`${JSON.stringify({ secondsPerBatch, cpuSecondsPerBatch, params: model.countParams() })}\n`);
}

/** 'native-1t' is 'native' with OpenBLAS limited to one thread (its default is one per core). */
function runWorker(variant, modelName, batches) {
  const backend = variant === 'native-1t' ? 'native' : variant;
  const env = variant === 'native-1t' ? { ...process.env, OPENBLAS_NUM_THREADS: '1' } : process.env;
  const args = [fileURLToPath(import.meta.url), '--worker', backend, modelName, String(batches)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, env });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    const why = (
      child.stderr
        .trim()
        .split('\n')
        .find((l) => /^\w*Error\b/.test(l.trim())) ?? `exit ${child.status}`
    ).slice(0, 160);
    return { error: why };
  }
  return JSON.parse(line);
}

function runTorch(batches) {
  const script = join(here, 'peers', 'torch_epoch.py');
  const args = Object.entries(batches).map(([m, n]) => `${m}=${n}`);
  const child = spawnSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8' });
  if (child.error || child.status === 3) return { skipped: 'PyTorch is not installed (python3-torch): skipped' };
  if (child.status !== 0) return { skipped: `PyTorch run failed: ${child.stderr.trim().split('\n').pop()}` };
  const result = {};
  for (const line of child.stdout.trim().split('\n')) {
    const row = JSON.parse(line);
    result[row.model] = { wall: row.seconds_per_batch, cpu: row.cpu_seconds_per_batch };
  }
  return { result };
}

export async function run() {
  if (!existsSync(kernelsModule)) {
    return `Skipped: ${kernelsModule} is missing; run \`npm run build\` first.`;
  }
  const torchBatches = Object.fromEntries(
    Object.entries(TORCH_BATCHES).map(([m, n]) => [m, Math.max(1, Math.round(n * scale))]),
  );
  console.error(`train-epoch: PyTorch (${JSON.stringify(torchBatches)} batches)`);
  const torch = runTorch(torchBatches);
  const rows = [];
  const notes = [];
  const epochCell = (perBatch) => `${(perBatch * EPOCH_BATCHES).toFixed(1)} s`;
  const ratioCell = (value, reference) => (reference === undefined ? 'n/a' : (value / reference).toFixed(2));
  for (const [modelName, spec] of Object.entries(MODELS)) {
    const ref = torch.result?.[modelName];
    if (ref !== undefined) {
      rows.push(
        `| ${spec.label} | PyTorch ${torchVersion()} | ${epochCell(ref.wall)} | 1.00 | ${epochCell(ref.cpu)} | 1.00 | ${torchBatches[modelName]} |`,
      );
    }
    for (const variant of Object.keys(BATCHES)) {
      if (BATCHES[variant][modelName] === 0) {
        rows.push(`| ${spec.label} | tfjs ${variant} | not run (minutes a batch) | | | | 0 |`);
        continue;
      }
      const batches = Math.max(1, Math.round(BATCHES[variant][modelName] * scale));
      console.error(`train-epoch: ${modelName} on ${variant} (${batches} batches)`);
      const r = runWorker(variant, modelName, batches);
      if (r.error) {
        rows.push(`| ${spec.label} | tfjs ${variant} | unavailable: ${r.error} | | | | |`);
        continue;
      }
      rows.push(
        `| ${spec.label} | tfjs ${variant} | ${epochCell(r.secondsPerBatch)} | ${ratioCell(r.secondsPerBatch, ref?.wall)} | ${epochCell(r.cpuSecondsPerBatch)} | ${ratioCell(r.cpuSecondsPerBatch, ref?.cpu)} | ${batches} |`,
      );
    }
  }
  if (torch.skipped) notes.push(torch.skipped);
  return [
    `One epoch = ${EPOCH_BATCHES} batches of ${BATCH} (5760 samples), Adam, random data; seconds per epoch extrapolated from the timed batches after one warm-up batch, each backend in its own process. Ratio = epoch time / PyTorch's (lower is better; the goal for 'native' on the paper's model is <= 2).`,
    '',
    '| model | backend | epoch (wall) | ratio to PyTorch (wall) | epoch (CPU time) | ratio (CPU time) | timed batches |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    "'native' = tfjs cpu backend with the @serkit/native kernels (BLAS GEMM, im2col Conv2D, native elementwise ops, fused LSTM and training-mode batch-norm forward/backward); 'native-1t' = the same with OPENBLAS_NUM_THREADS=1. CPU time = user + system time of the training process (all its threads); on a shared, busy machine wall times swing with the load while CPU time is steadier, so both are given; PyTorch runs in the same bench run.",
    ...notes,
  ].join('\n');
}

function torchVersion() {
  const v = spawnSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return v.status === 0 ? v.stdout.trim() : '';
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4], Number(process.argv[5]));
}
