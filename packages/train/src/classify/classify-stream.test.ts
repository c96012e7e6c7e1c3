import { SerkitError } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { classifyStream, EAGER_BATCH_SIZE } from './classify-stream.js';
import type { ExpandedInput } from './expand-inputs.js';
import { inOrder } from './in-order.js';
import type { ClipInput, FeatureSource, LongFile, Predictor, WindowInput } from './ports.js';
import { type ClassifyResult, isFailed } from './types.js';

const LABELS = ['calm', 'angry', 'sad'];

/** Inputs are one float: the class index the fake network should pick. */
const predictor = (calls: number[] = []): Predictor => ({
  labels: LABELS,
  inputSize: 1,
  async predict(inputs, count) {
    calls.push(count);
    const out = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      out.fill(0.1, i * 3, i * 3 + 3);
      out[i * 3 + inputs[i]] = 0.8;
    }
    return out;
  },
});

/** A fake decoder: "fail*" files throw, others give the class encoded in their name after a random delay. */
function fakeSource(track = { now: 0, peak: 0 }): FeatureSource {
  return {
    async clip(file): Promise<ClipInput | LongFile> {
      if (file.startsWith('long')) return { long: true };
      track.now++;
      track.peak = Math.max(track.peak, track.now);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      track.now--;
      if (file.startsWith('fail')) throw new SerkitError('DECODE_FAILED', 'not audio', { input: file });
      return { input: new Float32Array([Number(file.at(-1))]), duration: 1.5 };
    },
    async *windows(file, segment, hop): AsyncIterable<WindowInput> {
      if (file.startsWith('fail')) throw new SerkitError('DECODE_FAILED', 'not audio', { input: file });
      for (let i = 0; i < 5; i++) {
        // "*quiet*" files pause in windows 1 and 3; "mute*" files are silent throughout.
        if (file.startsWith('mute') || (file.includes('quiet') && i % 2 === 1))
          yield { start: i * hop, duration: segment, silent: true };
        else yield { start: i * hop, duration: segment, input: new Float32Array([i % 2 === 0 ? 1 : 2]) };
      }
    },
    async close() {},
  };
}

async function* entries(names: string[]): AsyncGenerator<ExpandedInput> {
  for (const file of names) {
    yield file === 'missing'
      ? { file, error: new SerkitError('NOT_FOUND', 'no such file', { input: file }) }
      : { file };
  }
}

async function all(results: AsyncIterable<ClassifyResult>): Promise<ClassifyResult[]> {
  const out: ClassifyResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

describe('classifyStream', () => {
  it('classifies every file, reports every failure, never stops, and keeps the pool and batches bounded', async () => {
    const names = Array.from({ length: 300 }, (_, i) =>
      i % 37 === 5 ? `fail${i}` : i % 50 === 7 ? 'missing' : `f${i}-${i % 3}`,
    );
    const track = { now: 0, peak: 0 };
    const calls: number[] = [];
    const results = await all(
      inOrder(classifyStream(entries(names), fakeSource(track), predictor(calls), { concurrency: 4, batchSize: 16 })),
    );
    expect(results.map((r) => r.index)).toEqual(names.map((_, i) => i));
    results.forEach((r, i) => {
      expect(r.file).toBe(names[i]);
      if (names[i].startsWith('fail')) expect(r).toMatchObject({ code: 'DECODE_FAILED', error: 'not audio' });
      else if (names[i] === 'missing') expect(r).toMatchObject({ code: 'NOT_FOUND', error: 'no such file' });
      else expect(r).toMatchObject({ emotion: LABELS[i % 3], confidence: expect.closeTo(0.8, 6), duration: 1.5 });
    });
    expect(track.peak).toBeLessThanOrEqual(4);
    expect(Math.max(...calls)).toBeLessThanOrEqual(16);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(results.filter((r) => !isFailed(r)).length);
  });

  it('sends a batch once EAGER_BATCH_SIZE inputs wait, not only when batchSize do (inference overlaps decoding)', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `f${i}-${i % 3}`);
    const calls: number[] = [];
    const results = await all(
      classifyStream(entries(names), fakeSource(), predictor(calls), { concurrency: 8, batchSize: 512 }),
    );
    expect(results).toHaveLength(300);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]).toBeGreaterThanOrEqual(EAGER_BATCH_SIZE);
    expect(calls[0]).toBeLessThan(EAGER_BATCH_SIZE + 8); // at most the files in flight arrive during a batch
    expect(calls.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('keeps `parallelism` batches on the network at once (of EAGER_BATCH_SIZE by default) while files decode', async () => {
    const names = Array.from({ length: 700 }, (_, i) => `f${i}-${i % 3}`);
    const track = { now: 0, peak: 0 };
    let running = 0;
    let mostRunning = 0;
    let decodedWhileRunning = 0;
    const source = fakeSource(track);
    const counting: FeatureSource = {
      ...source,
      clip: async (file) => {
        if (running > 0) decodedWhileRunning++;
        return source.clip(file);
      },
    };
    const calls: number[] = [];
    const inner = predictor(calls);
    const parallel: Predictor = {
      ...inner,
      parallelism: 2,
      async predict(inputs, count) {
        running++;
        mostRunning = Math.max(mostRunning, running);
        // The network takes a while; the caller may reuse `inputs` once this returns.
        const copy = inputs.slice(0, count);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return inner.predict(copy, count);
      },
    };
    const results = await all(inOrder(classifyStream(entries(names), counting, parallel, { concurrency: 16 })));
    expect(results.map((r) => (isFailed(r) ? r.error : r.emotion))).toEqual(names.map((n) => LABELS[Number(n.at(-1))]));
    expect(mostRunning).toBe(2);
    expect(Math.max(...calls)).toBeLessThanOrEqual(EAGER_BATCH_SIZE);
    expect(decodedWhileRunning).toBeGreaterThan(EAGER_BATCH_SIZE);
    expect(track.peak).toBeLessThanOrEqual(16);
  });

  it('gives the runner-up', async () => {
    const [result] = await all(classifyStream(entries(['a-2']), fakeSource(), predictor()));
    expect(result).toMatchObject({ emotion: 'sad', runnerUp: 'calm', probs: { calm: expect.closeTo(0.1, 6) } });
  });

  it('with a segment length: a timeline per file and its mean as the file summary', async () => {
    const results = await all(
      classifyStream(entries(['long', 'fail', 'missing']), fakeSource(), predictor(), {
        segment: 2,
        hop: 1,
        batchSize: 2,
      }),
    );
    const [long, fail, missing] = results;
    if (isFailed(long)) throw new Error(long.error);
    expect(long.segments?.map((s) => [s.start, s.end, s.emotion])).toEqual([
      [0, 2, 'angry'],
      [1, 3, 'sad'],
      [2, 4, 'angry'],
      [3, 5, 'sad'],
      [4, 6, 'angry'],
    ]);
    expect(long).toMatchObject({ emotion: 'angry', runnerUp: 'sad', duration: 6 });
    expect(long.confidence).toBeCloseTo((3 * 0.8 + 2 * 0.1) / 5, 6);
    expect(fail).toMatchObject({ file: 'fail', code: 'DECODE_FAILED' });
    expect(missing).toMatchObject({ file: 'missing', code: 'NOT_FOUND' });
  });

  it('classifies a file the source calls long as the mean of its windows, without a timeline', async () => {
    const results = await all(
      classifyStream(entries(['a-1', 'long-1', 'b-2']), fakeSource(), predictor(), { longFileWindow: 2 }),
    );
    const long = results.find((r) => r.file === 'long-1');
    expect(long).toMatchObject({ emotion: 'angry', runnerUp: 'sad', duration: 10 });
    expect(long).not.toHaveProperty('segments');
    expect(results.map((r) => r.file).sort()).toEqual(['a-1', 'b-2', 'long-1']);
  });

  it('leaves silent windows out of the timeline and the verdict, says so, and refuses an all-silent file', async () => {
    const results = await all(
      inOrder(classifyStream(entries(['quiet-1', 'mute-1']), fakeSource(), predictor(), { segment: 2, hop: 1 })),
    );
    const [quiet, mute] = results;
    expect(quiet.segments?.map((s) => [s.start, s.emotion])).toEqual([
      [0, 'angry'],
      [2, 'angry'],
      [4, 'angry'],
    ]);
    expect(quiet).toMatchObject({
      emotion: 'angry',
      duration: 6,
      warnings: ['2 silent windows left out (peak below -60 dBFS)'],
    });
    expect(mute).toMatchObject({ code: 'INVALID_AUDIO', error: 'silent: every window peaks below -60 dBFS' });
    // A long file's whole-file verdict (streamed windows) follows the same rule.
    const [long] = await all(classifyStream(entries(['long-quiet']), fakeSource(), predictor()));
    expect(long).toMatchObject({ emotion: 'angry', warnings: ['2 silent windows left out (peak below -60 dBFS)'] });
  });

  it('handles no inputs', async () => {
    expect(await all(classifyStream(entries([]), fakeSource(), predictor()))).toEqual([]);
  });
});
