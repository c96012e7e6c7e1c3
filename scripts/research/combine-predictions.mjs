// Test-time combinations on finished runs, fold by fold: several models' predictions averaged (an
// ensemble) and/or K evenly spaced crops of each test clip averaged (crop averaging), against the
// centre crop that `serkit classify` uses. Each clip's score is the mean log-probability over every
// model and crop (COMBINE=probability: the mean probability, as `serkit ensemble` models compute). A system is six model dirs, one per fold, in fold order (a `--split actors:...`
// run's output dir, or a kfold run's folds/fold-k); '+' joins systems into an ensemble.
// usage: node scripts/research/combine-predictions.mjs <dir>,<dir>,...[+<dir>,...] [crops e.g. 1,3,9] [cache dir]
// SVG=out.svg also draws the pooled confusion matrix of the first crop count.
// (RAVDESS at SERKIT_RAVDESS_DIR)
import { resolve } from 'node:path';
import { classificationReport, meanStd } from '@serkit/core';
import { ravdess } from '@serkit/plugin-dataset-ravdess';
import { logMelExtractor } from '@serkit/plugin-features-logmel';
import '@serkit/plugin-model-crnn';
import * as train from '@serkit/train';
import { addCounts, reportPooled } from './pooled-folds.mjs';

const [systemList, cropList = '1', cacheDir = '/tmp/recipe/cache'] = process.argv.slice(2);
const systems = systemList.split('+').map((s) => s.split(','));
const cropCounts = cropList.split(',').map(Number);
const score = process.env.COMBINE === 'probability' ? (p) => p : (p) => Math.log(Math.max(p, 1e-12));
const dataDir = resolve(process.env.SERKIT_RAVDESS_DIR ?? '../shared/data/ravdess-speech-16k');
const { items } = await ravdess.scan(dataDir);
await train.selectBackend('wasm');

/** Offsets of K crops of `frames` spread evenly over a clip of `length` frames (centre when K = 1). */
function offsets(length, frames, k) {
  const slack = length - frames;
  if (slack <= 0 || k === 1) return [Math.floor(Math.abs(slack) / 2)];
  return Array.from({ length: k }, (_, j) => Math.round((j * slack) / (k - 1)));
}

/**
 * Summed scores (log-probabilities or probabilities) [clip][column] of one model over K crops of
 * each clip, for every K of `cropCounts` (a Map K -> sums): the model loads and the clips are
 * featurised once.
 */
async function scoreModel(modelDir, examples) {
  const { model, manifest } = await train.loadModel(modelDir);
  const [frames, dims] = manifest.model.inputShape;
  const computed = await train.computeFeatures(examples, {
    extractor: logMelExtractor.configure({ ...manifest.extractor.config, frames: 0 }),
    dsp: train.resolveDsp(),
    decode: train.decodeWithSerkitAudio,
    cache: new train.FeatureCache(cacheDir),
    seed: manifest.training.seed,
  });
  const scored = new Map();
  for (const k of cropCounts) {
    const rows = [];
    const owner = [];
    examples.forEach((e, i) => {
      const m = computed.features.get(train.exampleKey(e));
      if (m === undefined) throw new Error(`${modelDir}: no features for ${e.item.path}`);
      for (const offset of offsets(m.frames, frames, k)) {
        const padded = new Float32Array(frames * dims);
        if (m.frames >= frames) padded.set(m.data.subarray(offset * dims, (offset + frames) * dims));
        else padded.set(m.data, offset * dims);
        rows.push({ data: padded, frames, dims });
        owner.push(i);
      }
    });
    const x = train.packInputs(rows, manifest.model.inputShape, manifest.normalisation);
    // A two-head model's rows are [emotion | second]: both are summed, column by column.
    const probs = await train.predictProbabilities(model, { x, inputShape: manifest.model.inputShape });
    const sums = examples.map(() => new Float64Array(probs[0].length));
    for (const [r, p] of probs.entries()) for (let c = 0; c < p.length; c++) sums[owner[r]][c] += score(p[c]);
    scored.set(k, sums);
  }
  model.dispose();
  return { scored, manifest };
}

const reports = new Map(cropCounts.map((k) => [k, []]));
const secondReports = new Map(cropCounts.map((k) => [k, []]));
for (let fold = 0; fold < systems[0].length; fold++) {
  const manifest = await train.readManifest(systems[0][fold]);
  const test = new Set(manifest.split.testSpeakers);
  const examples = items.filter((i) => test.has(i.speaker)).map((item) => ({ item, variant: 'original' }));
  const truth = examples.map((e) => manifest.labels.indexOf(e.item.label));
  const classes = manifest.labels.length;
  const totals = new Map(
    cropCounts.map((k) => [
      k,
      examples.map(() => new Float64Array(classes + (manifest.secondOutput?.labels.length ?? 0))),
    ]),
  );
  for (const system of systems) {
    const { scored, manifest: own } = await scoreModel(system[fold], examples);
    if (own.split.testSpeakers.join() !== manifest.split.testSpeakers.join())
      throw new Error(`${system[fold]} tests other speakers than ${systems[0][fold]}`);
    for (const [k, sums] of scored)
      for (const [i, s] of sums.entries()) for (let c = 0; c < s.length; c++) totals.get(k)[i][c] += s[c];
  }
  for (const [k, total] of totals) {
    reports.get(k).push(
      classificationReport(
        truth,
        total.map((t) => train.argmax(t.subarray(0, classes))),
        manifest.labels,
      ),
    );
    const second = manifest.secondOutput;
    if (second) {
      const secondTruth = examples.map((e) => second.labels.indexOf(e.item.extra[second.name]));
      const predicted = total.map((t) => train.argmax(t.subarray(classes)));
      secondReports.get(k).push(classificationReport(secondTruth, predicted, second.labels));
    }
  }
  const line = cropCounts.map((k) => `${k} crops ${(reports.get(k).at(-1).accuracy * 100).toFixed(1)}`);
  console.log(`fold ${fold + 1} (${manifest.split.testSpeakers.join(',')}): ${line.join(', ')}`);
}
for (const [i, k] of cropCounts.entries()) {
  const r = reports.get(k);
  const labels = r[0].labels;
  const counts = labels.map(() => labels.map(() => 0));
  for (const report of r) addCounts(counts, report.confusion.counts);
  console.log(`${systems.length} model(s), ${k} crop(s):`);
  reportPooled({
    folds: new Map(r.map((x, f) => [f + 1, { acc: x.accuracy, uar: x.uar }])),
    counts,
    labels,
    title: `ensemble of ${systems.length}: pooled test speakers`,
    svgPath: i === 0 ? process.env.SVG : undefined,
  });
  const second = secondReports.get(k);
  if (second.length === r.length) {
    const { mean, std } = meanStd(second.map((x) => x.accuracy));
    const perFold = second.map((x) => (x.accuracy * 100).toFixed(1)).join(' ');
    console.log(`second head: accuracy ${(mean * 100).toFixed(1)} +- ${(std * 100).toFixed(1)} (per fold ${perFold})`);
  }
}
