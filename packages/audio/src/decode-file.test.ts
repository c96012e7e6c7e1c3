import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AudioFixture,
  bestCorrelation,
  type FixtureSet,
  hasFfmpeg,
  makeAudioFixtures,
  sampleMismatch,
} from '../../../test/support/audio-fixtures.js';
import { decodeFile } from './decode-file.js';
import { sniffFormat } from './sniff.js';
import type { DecodedAudio } from './types.js';

let set: FixtureSet;
const masters = new Map<string, DecodedAudio>();
const memo = new Map<string, Promise<DecodedAudio>>();
/** Each (file, decoder, rate) is decoded once for the whole suite: ffmpeg starts are slow on a busy machine. */
const decoded = (path: string, decoder: 'inprocess' | 'ffmpeg', sampleRate?: number): Promise<DecodedAudio> => {
  const key = `${path}|${decoder}|${sampleRate}`;
  if (!memo.has(key)) memo.set(key, decodeFile(path, { decoder, sampleRate }));
  return memo.get(key)!;
};

beforeAll(async () => {
  set = await makeAudioFixtures();
  for (const f of set.fixtures) {
    if (!masters.has(f.masterPath)) masters.set(f.masterPath, await decodeFile(f.masterPath, { decoder: 'inprocess' }));
  }
});
afterAll(() => set?.cleanup());

const inProcessCapable = (f: AudioFixture) => !/\.(m4a|webm|mp4)$/.test(f.name);

describe.skipIf(!hasFfmpeg)('decodeFile on generated fixtures', () => {
  it('recognises formats by their bytes', async () => {
    const { openAudioFile } = await import('./input-file.js');
    const expected: Record<string, string | null> = {
      wav: 'wav',
      flac: 'flac',
      mp3: 'mp3',
      ogg: 'ogg-vorbis',
      opus: 'ogg-opus',
      m4a: null,
      webm: null,
      mp4: null,
    };
    for (const f of set.fixtures) {
      const file = await openAudioFile(f.path);
      const head = await file.read(0, 65536);
      await file.close();
      expect(sniffFormat(head), f.name).toBe(expected[f.name.split('.').pop()!]);
    }
  });

  it('reports the source channels and rate for every fixture, whichever decoder ran', async () => {
    for (const f of set.fixtures) {
      const decoders = inProcessCapable(f) ? (['inprocess', 'ffmpeg'] as const) : (['ffmpeg'] as const);
      for (const decoder of decoders) {
        const out = await decoded(f.path, decoder);
        const expectedRate = /\.(opus|webm)$/.test(f.name) ? 48000 : f.master.sampleRate;
        expect(out.source, `${f.name} ${decoder}`).toMatchObject({
          channels: f.master.channels,
          sampleRate: expectedRate,
          decoder,
        });
        expect(out.sampleRate).toBe(expectedRate);
        expect(out.duration).toBeCloseTo(out.samples.length / out.sampleRate, 9);
      }
    }
  });

  it('decodes lossless formats sample-exactly, in process and through ffmpeg', async () => {
    for (const f of set.fixtures.filter((x) => x.lossless)) {
      const master = masters.get(f.masterPath)!;
      const inProcess = await decoded(f.path, 'inprocess');
      const viaFfmpeg = await decoded(f.path, 'ffmpeg');
      expect(inProcess.samples.length, f.name).toBe(master.samples.length);
      expect(sampleMismatch(inProcess.samples, master.samples), `${f.name} in process`).toBeNull();
      expect(sampleMismatch(viaFfmpeg.samples, master.samples), `${f.name} via ffmpeg`).toBeNull();
    }
  });

  it('decodes lossy formats with correlation > 0.99 to the source, and both paths agree', async () => {
    for (const f of set.fixtures.filter((x) => !x.lossless)) {
      const master = masters.get(f.masterPath)!;
      const rate = master.sampleRate;
      // Opus always decodes at 48 kHz: resample to the source's rate to compare (others are already there).
      const target = /\.(opus|webm)$/.test(f.name) && rate !== 48000 ? rate : undefined;
      const viaFfmpeg = await decoded(f.path, 'ffmpeg', target);
      expect(Math.abs(viaFfmpeg.samples.length - master.samples.length), f.name).toBeLessThan(0.05 * rate);
      expect(bestCorrelation(master.samples, viaFfmpeg.samples), `${f.name} via ffmpeg`).toBeGreaterThan(0.99);
      if (!inProcessCapable(f)) continue;
      const inProcess = await decoded(f.path, 'inprocess', target);
      expect(bestCorrelation(master.samples, inProcess.samples), `${f.name} in process`).toBeGreaterThan(0.99);
      expect(bestCorrelation(inProcess.samples, viaFfmpeg.samples, 8), `${f.name} paths agree`).toBeGreaterThan(0.99);
    }
  });

  it('caps at maxSeconds on both paths', async () => {
    for (const name of ['s16-44k-stereo.wav', 's16-16k-mono.flac', 'speech-16k.mp3', 'speech-16k.m4a']) {
      const f = set.byName(name);
      for (const decoder of inProcessCapable(f) ? (['inprocess', 'ffmpeg'] as const) : (['ffmpeg'] as const)) {
        const out = await decodeFile(f.path, { decoder, maxSeconds: 0.25 });
        expect(out.samples.length, `${name} ${decoder}`).toBe(Math.floor(0.25 * out.sampleRate));
      }
    }
  });

  it('resamples lossless files to the same samples as resampling the source', async () => {
    const { toRate } = await import('./to-rate.js');
    for (const name of ['s16-44k-stereo.wav', 's24-22k-stereo.flac', 'u8-8k-mono.wav']) {
      const f = set.byName(name);
      const master = masters.get(f.masterPath)!;
      const expected = toRate(master.samples, master.sampleRate, 16000);
      for (const decoder of ['inprocess', 'ffmpeg'] as const) {
        const out = await decodeFile(f.path, { decoder, sampleRate: 16000 });
        expect(out.sampleRate).toBe(16000);
        expect(sampleMismatch(out.samples, expected), `${name} ${decoder}`).toBeNull();
      }
    }
  });

  it('ignores the extension: an MP3 named .wav decodes as MP3 in process', async () => {
    const path = join(set.dir, 'really-an-mp3.wav');
    await copyFile(set.byName('speech-16k.mp3').path, path);
    const out = await decodeFile(path, { decoder: 'inprocess' });
    expect(out.source).toMatchObject({ format: 'mp3', codec: 'mp3', decoder: 'inprocess' });
  });

  it('hands a WAV encoding the core reader lacks (A-law) to ffmpeg in auto mode', async () => {
    const { execFile } = await import('node:child_process');
    const alaw = join(set.dir, 'alaw.wav');
    const master = set.byName('s16-16k-mono.wav').path;
    await new Promise((resolve, reject) =>
      execFile('ffmpeg', ['-loglevel', 'error', '-y', '-i', master, '-c:a', 'pcm_alaw', alaw], (e) =>
        e ? reject(e) : resolve(0),
      ),
    );
    await expect(decodeFile(alaw, { decoder: 'inprocess' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      input: alaw,
    });
    const out = await decodeFile(alaw);
    expect(out.source).toMatchObject({ decoder: 'ffmpeg', codec: 'pcm_alaw', format: 'wav' });
    expect(
      bestCorrelation(out.samples, masters.get(set.byName('s16-16k-mono.wav').masterPath)!.samples, 0),
    ).toBeGreaterThan(0.99);
  });

  it('decodes an MP4 video with an audio track through ffmpeg in auto mode', async () => {
    const out = await decodeFile(set.byName('speech-16k-video.mp4').path);
    expect(out.source).toMatchObject({ decoder: 'ffmpeg', codec: 'aac', channels: 1 });
    expect(out.duration).toBeGreaterThan(1.4);
  });
});
