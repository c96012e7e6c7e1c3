import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerkitError } from '@serkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BadInput,
  hasFfmpeg,
  makeBadInputs,
  makeHostileNames,
  sampleMismatch,
} from '../../../test/support/audio-fixtures.js';
import { serkitError } from '../../../test/support/serkit-error.js';
import { decodeFile } from './decode-file.js';

let dir: string;
let bad: BadInput[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serkit-bad-'));
  bad = await makeBadInputs(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!hasFfmpeg)('bad input', () => {
  for (const decoder of ['auto', 'ffmpeg'] as const) {
    it(`each bad file gives a SerkitError naming the file and the reason (decoder ${decoder})`, async () => {
      for (const input of bad) {
        if (decoder === 'ffmpeg' && input.ffmpegAccepts) continue;
        if (input.skip) {
          console.warn(`skipped "${input.kind}": ${input.skip}`);
          continue;
        }
        const error = await serkitError(decodeFile(input.path, { decoder, timeoutMs: 20_000 }));
        expect(error.input, input.kind).toBe(input.path);
        expect(input.codes, `${input.kind}: ${error.code} ${error.reason}`).toContain(error.code);
        expect(error.reason.length, input.kind).toBeGreaterThan(5);
        expect(error.message).toContain(input.path);
      }
    });
  }

  it('damaged files do not break the shared decoders for the files after them', async () => {
    // Cuts and seeded byte damage to each format with a shared decoder; after every
    // damaged file the intact one must still decode to the same samples. Without resetting a
    // decoder after an error, libFLAC ended up refusing every later file ("Too many input buffers").
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const { readFile, writeFile } = await import('node:fs/promises');
    const { execFile } = await import('node:child_process');
    const source = join(dir, '.bad-source.wav');
    for (const [ext, codec] of [
      ['flac', 'flac'],
      ['mp3', 'libmp3lame'],
      ['ogg', 'libvorbis'],
    ]) {
      const good = join(dir, `.intact.${ext}`);
      await new Promise((resolve, reject) =>
        execFile('ffmpeg', ['-loglevel', 'error', '-y', '-i', source, '-c:a', codec, good], (e) =>
          e ? reject(e) : resolve(0),
        ),
      );
      const intact = new Uint8Array(await readFile(good));
      const reference = await decodeFile(good, { decoder: 'inprocess' });
      const damagedPath = join(dir, `.damaged.${ext}`);
      const variants: Uint8Array[] = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9].map((share) =>
        intact.subarray(0, Math.floor(share * intact.length)),
      );
      for (let k = 0; k < 12; k++) {
        const damaged = intact.slice();
        const span = k % 2 === 0 ? damaged.length : Math.min(damaged.length, 200); // anywhere, or in the header
        for (let j = 0; j < 1 + random() * 20; j++) damaged[Math.floor(random() * span)] = random() * 256;
        variants.push(damaged);
      }
      for (const [k, damaged] of variants.entries()) {
        await writeFile(damagedPath, damaged);
        await decodeFile(damagedPath, { decoder: 'inprocess' }).catch((e: unknown) => {
          expect(e, `${ext} case ${k}`).toBeInstanceOf(SerkitError);
        });
        const again = await decodeFile(good, { decoder: 'inprocess' });
        expect(sampleMismatch(again.samples, reference.samples), `${ext} after case ${k}`).toBeNull();
      }
    }
  });

  it('says what is wrong in words a user understands', async () => {
    const reasonOf = async (kind: string) =>
      (await serkitError(decodeFile(bad.find((b) => b.kind === kind)!.path))).reason;
    expect(await reasonOf('missing file')).toMatch(/no such file/);
    expect(await reasonOf('directory')).toMatch(/directory/);
    expect(await reasonOf('zero bytes')).toMatch(/empty/);
    expect(await reasonOf('truncated WAV data')).toMatch(/truncated/);
    expect(await reasonOf('truncated MP3')).toMatch(/truncated/);
    expect(await reasonOf('text file named .wav')).toMatch(/invalid data/);
    expect(await reasonOf('video without audio')).toMatch(/no audio stream/);
    expect(await reasonOf('symlink loop')).toMatch(/symbolic links/);
  });

  it('without ffmpeg: NO_FFMPEG for what needs it, in-process formats still decode', async () => {
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
    try {
      const needsFfmpeg = bad.find((b) => b.kind === 'video without audio')!;
      const error = await serkitError(decodeFile(needsFfmpeg.path));
      expect(error.code).toBe('NO_FFMPEG');
      expect(error.input).toBe(needsFfmpeg.path);
      expect(error.reason).toMatch(/apt install ffmpeg/);
      expect(error.reason).toMatch(/FFMPEG_PATH/);
      const forced = await serkitError(decodeFile(join(dir, '.bad-source.wav'), { decoder: 'ffmpeg' }));
      expect(forced.code).toBe('NO_FFMPEG');
      const wav = await decodeFile(join(dir, '.bad-source.wav'));
      expect(wav.source.decoder).toBe('inprocess');
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
  });

  it('rejects bad options with INVALID_ARGUMENT naming the option', async () => {
    const wav = join(dir, '.bad-source.wav');
    for (const [options, name] of [
      [{ sampleRate: 0 }, 'sampleRate'],
      [{ sampleRate: 16000.5 }, 'sampleRate'],
      [{ maxSeconds: -1 }, 'maxSeconds'],
      [{ timeoutMs: Number.NaN }, 'timeoutMs'],
      [{ decoder: 'sox' }, 'decoder'],
    ] as const) {
      const error = await serkitError(decodeFile(wav, options as never));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.input).toBe(name);
    }
  });

  it('times out and aborts ffmpeg with TIMEOUT / ABORTED', async () => {
    const wav = join(dir, '.bad-source.wav');
    const timeout = await serkitError(decodeFile(wav, { decoder: 'ffmpeg', timeoutMs: 1 }));
    expect(timeout.code).toBe('TIMEOUT');
    expect(timeout.input).toBe(wav);
    const controller = new AbortController();
    const pending = decodeFile(wav, { decoder: 'ffmpeg', signal: controller.signal });
    controller.abort();
    const aborted = await serkitError(pending);
    expect(aborted.code).toBe('ABORTED');
  });
});

describe.skipIf(!hasFfmpeg)('hostile file names (no shell anywhere)', () => {
  it('decodes files named -x, a b, $(…), with newlines, unicode, file: and -- through both decoders', async () => {
    const wav = join(dir, '.bad-source.wav');
    const reference = await decodeFile(wav);
    for (const path of await makeHostileNames(dir, wav, '.wav')) {
      for (const decoder of ['inprocess', 'ffmpeg'] as const) {
        const out = await decodeFile(path, { decoder });
        expect(sampleMismatch(out.samples, reference.samples), `${JSON.stringify(path)} ${decoder}`).toBeNull();
      }
    }
    // A relative name with a leading '-' must not reach ffmpeg as an option.
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const out = await decodeFile('-x.wav', { decoder: 'ffmpeg' });
      expect(sampleMismatch(out.samples, reference.samples)).toBeNull();
    } finally {
      process.chdir(cwd);
    }
  });
});
