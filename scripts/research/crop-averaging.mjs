// Test-time crop averaging on finished runs: each fold's test clips as whole log-mel sequences,
// scored by the centre crop (what `serkit classify` does today) and by the mean log-probability of K
// evenly spaced crops. Runs are `serkit train --split actors:...` output dirs (one per fold).
// usage: node scripts/research/crop-averaging.mjs <run dir>,<run dir>,... [cache dir]   (RAVDESS at SERKIT_RAVDESS_DIR)
import { resolve } from 'node:path';
import { classificationReport, meanStd } from '@serkit/core';
import { ravdess } from '@serkit/plugin-dataset-ravdess';
import { logMelExtractor } from '@serkit/plugin-features-logmel';
import '@serkit/plugin-model-crnn';
import * as train from '@serkit/train';

const [runList, cacheDir = '/tmp/recipe/cache'] = process.argv.slice(2);
const CROP_COUNTS = [1, 2, 3, 5, 9];
const dataDir = resolve(process.env.SERKIT_RAVDESS_DIR ?? '../shared/data/ravdess-speech-16k');
const { items } = await ravdess.scan(dataDir);
await train.selectBackend('wasm');

/** Offsets of K crops of `frames` spread evenly over a clip of `length` frames (centre when K = 1). */
function offsets(length, frames, k) {
  const slack = length - frames;
  if (slack <= 0 || k === 1) return [Math.floor(Math.abs(slack) / 2)];
  return Array.from({ length: k }, (_, j) => Math.round((j * slack) / (k - 1)));
}

const reports = new Map(CROP_COUNTS.map((k) => [k, []]));
for (const runDir of runList.split(',')) {
  const { model, manifest } = await train.loadModel(runDir);
  const [frames, dims] = manifest.model.inputShape;
  const test = new Set(manifest.split.testSpeakers);
  const examples = items.filter((i) => test.has(i.speaker)).map((item) => ({ item, variant: 'original' }));
  const extractor = logMelExtractor.configure({ ...manifest.extractor.config, frames: 0 });
  const computed = await train.computeFeatures(examples, {
    extractor,
    dsp: train.resolveDsp(),
    decode: train.decodeWithSerkitAudio,
    cache: new train.FeatureCache(cacheDir),
    seed: manifest.training.seed,
  });
  const kept = examples.filter((e) => computed.features.has(train.exampleKey(e)));
  const truth = kept.map((e) => manifest.labels.indexOf(e.item.label));
  for (const k of CROP_COUNTS) {
    const rows = [];
    const owner = [];
    kept.forEach((e, i) => {
      const m = computed.features.get(train.exampleKey(e));
      for (const offset of offsets(m.frames, frames, k)) {
        const start = m.frames >= frames ? offset : 0;
        const data = m.data.subarray(start * dims, Math.min(m.frames, start + frames) * dims);
        const padded = new Float32Array(frames * dims);
        padded.set(data, m.frames >= frames ? 0 : offset * dims);
        rows.push({ data: padded, frames, dims });
        owner.push(i);
      }
    });
    const x = train.packInputs(rows, manifest.model.inputShape, manifest.normalisation);
    // One row per crop; a two-head model's rows are [emotion | second]: only the emotion columns count.
    const probs = await train.predictProbabilities(model, { x, inputShape: manifest.model.inputShape });
    const classes = manifest.labels.length;
    const sums = kept.map(() => new Float64Array(classes));
    for (const [r, p] of probs.entries())
      for (let c = 0; c < classes; c++) sums[owner[r]][c] += Math.log(Math.max(p[c], 1e-12));
    reports.get(k).push(classificationReport(truth, sums.map(train.argmax), manifest.labels));
  }
  console.log(
    `${runDir}: ${CROP_COUNTS.map((k) => `${k} crops ${(reports.get(k).at(-1).accuracy * 100).toFixed(1)}`).join(', ')}`,
  );
  model.dispose();
}
const pct = ({ mean, std }) => `${(mean * 100).toFixed(1)} +- ${(std * 100).toFixed(1)} %`;
for (const k of CROP_COUNTS) {
  const r = reports.get(k);
  console.log(
    `${k} crops: accuracy ${pct(meanStd(r.map((x) => x.accuracy)))}, UAR ${pct(meanStd(r.map((x) => x.uar)))}`,
  );
}
