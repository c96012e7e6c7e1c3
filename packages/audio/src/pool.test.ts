import { join } from 'node:path';
import { SerkitError } from '@serkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultFixtureSpecs,
  type FixtureSet,
  hasFfmpeg,
  makeAudioFixtures,
  makeBadInputs,
  sampleMismatch,
} from '../../../test/support/audio-fixtures.js';
import { decodeFile } from './decode-file.js';
import { decodePool, type PoolResult } from './pool.js';

let set: FixtureSet;
let paths: string[];

beforeAll(async () => {
  const wanted = [
    's16-16k-mono.wav',
    's16-16k-mono.flac',
    'speech-16k.mp3',
    'speech-16k.ogg',
    'speech-16k.opus',
    'speech-16k.m4a',
  ];
  set = await makeAudioFixtures(defaultFixtureSpecs().filter((s) => wanted.includes(s.name)));
  const bad = await makeBadInputs(set.dir);
  // Good and bad files interleaved: the pool must deliver every one and go on past the bad ones.
  const good = set.fixtures.map((f) => f.path);
  const broken = bad.filter((b) => !b.skip).map((b) => b.path);
  paths = good.flatMap((p, i) => [p, broken[i % broken.length]]).concat(broken.slice(good.length));
});
afterAll(() => set?.cleanup());

async function collect(iterable: AsyncIterable<PoolResult>): Promise<PoolResult[]> {
  const out: PoolResult[] = [];
  for await (const result of iterable) out.push(result);
  return out;
}

describe.skipIf(!hasFfmpeg)('decodePool', () => {
  it('delivers every file once with its input index; bad files give errors and the pool goes on', async () => {
    const results = await collect(decodePool(paths, { concurrency: 2, sampleRate: 16000 }));
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(paths.map((_, i) => i));
    for (const r of results) {
      expect(r.path).toBe(paths[r.index]);
      if (r.error) {
        expect(r.error).toBeInstanceOf(SerkitError);
        expect(r.error.input).toBe(r.path);
      }
    }
    const good = results.filter((r) => r.audio);
    expect(good.map((r) => r.path).sort()).toEqual(set.fixtures.map((f) => f.path).sort());
    for (const r of good) {
      const alone = await decodeFile(r.path, { sampleRate: 16000 });
      expect(sampleMismatch(r.audio!.samples, alone.samples), r.path).toBeNull();
    }
  });

  it('takes paths lazily from an async iterable and never runs more than `concurrency` at once', async () => {
    let pulled = 0;
    async function* lazily() {
      for (const p of paths) {
        pulled++;
        yield p;
      }
    }
    const pool = decodePool(lazily(), { concurrency: 2 });
    const first = await pool.next();
    expect(first.done).toBe(false);
    // One result delivered, one still running; nothing else has been pulled.
    expect(pulled).toBeLessThanOrEqual(3);
    await pool.return(undefined);
  });

  it('applies the timeout to each file and keeps going', async () => {
    const m4a = set.fixtures.find((f) => f.name.endsWith('.m4a'))!.path;
    const wav = set.fixtures.find((f) => f.name.endsWith('.wav'))!.path;
    const results = await collect(decodePool([m4a, wav], { timeoutMs: 1, concurrency: 1 }));
    expect(results.find((r) => r.path === m4a)?.error?.code).toBe('TIMEOUT');
  });

  it('abort kills running decodes, reports them ABORTED and takes no more paths', async () => {
    const controller = new AbortController();
    const m4a = set.fixtures.find((f) => f.name.endsWith('.m4a'))!.path;
    const many = Array.from({ length: 20 }, () => m4a);
    const results: PoolResult[] = [];
    for await (const r of decodePool(many, { concurrency: 2, decoder: 'ffmpeg', signal: controller.signal })) {
      results.push(r);
      controller.abort();
    }
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results.slice(1).every((r) => r.error?.code === 'ABORTED')).toBe(true);
  });

  it('rejects a bad concurrency', async () => {
    await expect(decodePool([join(set.dir, 'x.wav')], { concurrency: 0 }).next()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      input: 'concurrency',
    });
  });
});
