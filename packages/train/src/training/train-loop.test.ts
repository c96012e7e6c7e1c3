import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLoop } from './train-loop.js';
import type { PackedData, TrainEvent } from './types.js';

// Two Gaussian blobs in 4-D: linearly separable.
function blobs(n: number, seed: number): PackedData {
  const prng = createRng(seed);
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let d = 0; d < 4; d++) x[i * 4 + d] = (y[i] === 1 ? 1 : -1) + (prng.random() - 0.5);
  }
  return { x, y, inputShape: [4] };
}
const train = blobs(64, 1);
const validation = blobs(16, 2);
const settings = { epochs: 6, batchSize: 8, learningRate: 0.01, patience: 10, seed: 5 };

function build(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [4],
      units: 8,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(
    tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return model;
}
const weightsOf = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'serkit-loop-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('trainLoop', () => {
  it('lowers the loss, and an interrupted + resumed run ends with the same weights as an uninterrupted one', async () => {
    const straight = build();
    const outcome = await trainLoop({
      model: straight,
      classes: 2,
      settings,
      train,
      validation,
      checkpointDir: join(root, 'a'),
      runKey: 'k',
      resume: false,
    });
    expect(outcome.history).toHaveLength(6);
    expect(outcome.history[5].loss).toBeLessThan(outcome.history[0].loss);
    expect(outcome.history[5].valAccuracy).toBeGreaterThan(0.9);

    // Abort from a macrotask (as a SIGINT handler runs) after batch 5 of epoch 3: the loop must
    // yield to the event loop and stop before batch 6, then resume in a fresh model.
    const controller = new AbortController();
    const events: TrainEvent[] = [];
    const first = await trainLoop({
      model: build(),
      classes: 2,
      settings,
      train,
      validation,
      checkpointDir: join(root, 'b'),
      runKey: 'k',
      resume: false,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'batch' && e.epoch === 3 && e.batch === 5) setImmediate(() => controller.abort());
      },
    });
    expect(first.interrupted).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted', epoch: 3, batch: 5 });
    const resumedEvents: TrainEvent[] = [];
    const resumed = build();
    const second = await trainLoop({
      model: resumed,
      classes: 2,
      settings,
      train,
      validation,
      checkpointDir: join(root, 'b'),
      runKey: 'k',
      resume: true,
      onEvent: (e) => resumedEvents.push(e),
    });
    expect(resumedEvents[0]).toEqual({ type: 'resume', epoch: 2, batch: 5 });
    // Equal up to float32 rounding: Adam recomputes beta^t from the restored step count.
    for (const [i, h] of second.history.entries()) expect(h.loss).toBeCloseTo(outcome.history[i].loss, 5);
    const a = weightsOf(straight);
    const b = weightsOf(resumed);
    expect(b).toHaveLength(a.length);
    for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i], 5);
  });

  it('trains on when resumed with a larger epoch budget', async () => {
    const dir = join(root, 'longer');
    const short = await trainLoop({
      model: build(),
      classes: 2,
      settings: { ...settings, epochs: 3 },
      train,
      validation,
      checkpointDir: dir,
      runKey: 'k',
      resume: false,
    });
    expect(short.epochsRun).toBe(3);
    const longer = await trainLoop({
      model: build(),
      classes: 2,
      settings,
      train,
      validation,
      checkpointDir: dir,
      runKey: 'k',
      resume: true,
    });
    expect(longer.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops early after `patience` epochs without improvement and restores the best weights', async () => {
    const model = build();
    const outcome = await trainLoop({
      model,
      classes: 2,
      settings: { ...settings, epochs: 50, learningRate: 0.2, patience: 2 },
      train,
      validation,
      checkpointDir: join(root, 'c'),
      runKey: 'k',
      resume: false,
    });
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.epochsRun).toBe(outcome.bestEpoch + 2);
    const bestVal = Math.min(...outcome.history.map((h) => h.valLoss));
    expect(outcome.history[outcome.bestEpoch - 1].valLoss).toBe(bestVal);
  });

  it('keeps the last epoch instead of the best with restoreBest false', async () => {
    const noisy = { ...settings, epochs: 8, learningRate: 0.2, patience: 8 };
    const best = build();
    const restored = await trainLoop({
      model: best,
      classes: 2,
      settings: noisy,
      train,
      validation,
      checkpointDir: join(root, 'best'),
      runKey: 'k',
      resume: false,
    });
    expect(restored.bestEpoch).toBeLessThan(8); // this setting overshoots: the best epoch is not the last
    const last = build();
    const kept = await trainLoop({
      model: last,
      classes: 2,
      settings: { ...noisy, restoreBest: false },
      train,
      validation,
      checkpointDir: join(root, 'last'),
      runKey: 'k',
      resume: false,
    });
    expect(kept.bestEpoch).toBe(8);
    expect(kept.history).toEqual(
      restored.history.map((h) => ({ ...h, seconds: expect.any(Number) as unknown as number })),
    );
    expect(weightsOf(last)).not.toEqual(weightsOf(best));
  });

  it('refuses a damaged checkpoint and one from another configuration', async () => {
    const dir = join(root, 'a');
    await expect(
      trainLoop({
        model: build(),
        classes: 2,
        settings,
        train,
        validation,
        checkpointDir: dir,
        runKey: 'other',
        resume: true,
      }),
    ).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE' });
    const pointer = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8'));
    const weights = join(dir, pointer.checkpoint, 'weights.bin');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.length - 8));
    await expect(
      trainLoop({
        model: build(),
        classes: 2,
        settings,
        train,
        validation,
        checkpointDir: dir,
        runKey: 'k',
        resume: true,
      }),
    ).rejects.toMatchObject({ code: 'CORRUPT_FILE', input: weights });
  });
});
