// Tests the last epoch's weights of a finished `serkit train --split kfold-actor` run, read from its
// checkpoints (a run keeps the best validation epoch's weights in folds/*/; the checkpoint of the
// last epoch holds the final ones). Training does not depend on what is kept at the end, so this
// gives what the same command with `--no-restore-best` gives, without training again.
// usage: node scripts/research/final-weights.mjs <run dir> [cache dir]   (RAVDESS at SERKIT_RAVDESS_DIR)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classificationReport, meanStd } from '@serkit/core';
import { ravdess } from '@serkit/plugin-dataset-ravdess';
import { logMelExtractor } from '@serkit/plugin-features-logmel';
import '@serkit/plugin-model-crnn';
import * as train from '@serkit/train';
import * as tf from '@tensorflow/tfjs';

const [runDir, cacheDir = join(runDir, '.serkit-cache')] = process.argv.slice(2);
const dataDir = resolve(process.env.SERKIT_RAVDESS_DIR ?? '../shared/data/ravdess-speech-16k');
const { items } = await ravdess.scan(dataDir);
const results = [];
for (let fold = 1; fold <= 6; fold++) {
  const modelDir = join(runDir, 'folds', `fold-${fold}`);
  const { model, manifest } = await train.loadModel(modelDir);
  const ckptDir = join(runDir, 'checkpoints', `fold-${fold}`);
  const latest = JSON.parse(readFileSync(join(ckptDir, 'latest.json'), 'utf8'));
  const state = JSON.parse(readFileSync(join(ckptDir, latest.checkpoint, 'state.json'), 'utf8'));
  const bytes = readFileSync(join(ckptDir, latest.checkpoint, 'weights.bin'));
  // Same layout as the engine's weightsToBytes: float32 tensors back to back, in getWeights() order.
  const flat = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let offset = 0;
  const tensors = state.weights.shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(flat.slice(offset, offset + size), shape);
    offset += size;
    return t;
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
  const test = new Set(manifest.split.testSpeakers);
  const examples = items.filter((i) => test.has(i.speaker)).map((item) => ({ item, variant: 'original' }));
  const extractor = logMelExtractor.configure(manifest.extractor.config);
  const computed = await train.computeFeatures(examples, {
    extractor,
    dsp: train.resolveDsp(),
    decode: train.decodeWithSerkitAudio,
    cache: new train.FeatureCache(cacheDir),
    seed: manifest.training.seed,
  });
  const kept = examples.filter((e) => computed.features.has(train.exampleKey(e)));
  const x = train.packInputs(
    kept.map((e) => computed.features.get(train.exampleKey(e))),
    manifest.model.inputShape,
    manifest.normalisation,
  );
  const predictions = (await train.predictProbabilities(model, { x, inputShape: manifest.model.inputShape })).map(
    train.argmax,
  );
  const report = classificationReport(
    kept.map((e) => manifest.labels.indexOf(e.item.label)),
    predictions,
    manifest.labels,
  );
  results.push(report);
  console.log(
    `fold-${fold}: last epoch ${state.epoch ?? '?'}: ${(report.accuracy * 100).toFixed(1)} % (UAR ${(report.uar * 100).toFixed(1)}); kept best epoch ${manifest.training.bestEpoch}: ${(manifest.metrics.accuracy * 100).toFixed(1)} %`,
  );
  model.dispose();
}
const pct = ({ mean, std }) => `${(mean * 100).toFixed(1)} +- ${(std * 100).toFixed(1)} %`;
console.log(
  `last epochs: accuracy ${pct(meanStd(results.map((r) => r.accuracy)))}, UAR ${pct(meanStd(results.map((r) => r.uar)))}`,
);
