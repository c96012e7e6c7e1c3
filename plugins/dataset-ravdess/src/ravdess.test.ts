import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerkitError } from '@serkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedStems, parseRavdessStem } from './names.js';
import { ravdess } from './ravdess.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const speechDir = process.env.SERKIT_RAVDESS_DIR ?? join(repoRoot, '../shared/data/ravdess-speech-16k');
const originalDir = process.env.SERKIT_RAVDESS_ORIGINAL_DIR ?? join(repoRoot, '../shared/data/ravdess-original-sample');

describe('parseRavdessStem', () => {
  it('decodes all seven fields and the gender', () => {
    const parsed = parseRavdessStem('03-01-05-02-01-01-07');
    expect(parsed).toEqual({
      ok: true,
      name: {
        modality: 'audio-only',
        channel: 'speech',
        emotion: 'angry',
        intensity: 'strong',
        statement: 'kids',
        repetition: '1',
        actor: '07',
        gender: 'male',
        stem: '03-01-05-02-01-01-07',
      },
    });
    const song = parseRavdessStem('03-02-06-01-02-02-12');
    expect(song.ok && [song.name.channel, song.name.emotion, song.name.statement, song.name.gender]).toEqual([
      'song',
      'fearful',
      'dogs',
      'female',
    ]);
  });

  it.each([
    ['03-01-05-02-01-01', 'seven two-digit fields'],
    ['03-01-09-01-01-01-01', 'emotion code 09'],
    ['03-03-01-01-01-01-01', 'vocal channel code 03'],
    ['03-01-01-02-01-01-01', 'neutral has no strong intensity'],
    ['03-01-02-01-01-01-25', 'actor 25'],
    ['03-01-02-01-01-01-00', 'actor 00'],
    ['03-02-07-01-01-01-01', 'not sung'],
    ['04-01-02-01-01-01-01', 'modality code 04'],
  ])('rejects %s (%s)', (stem, reason) => {
    const parsed = parseRavdessStem(stem);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it('expects 60 speech and 44 song recordings per actor', () => {
    expect(new Set(expectedStems('03', '01', '01')).size).toBe(60);
    expect(new Set(expectedStems('03', '02', '01')).size).toBe(44);
    expect(expectedStems('03', '01', '01').every((stem) => parseRavdessStem(stem).ok)).toBe(true);
    expect(expectedStems('03', '02', '02').every((stem) => parseRavdessStem(stem).ok)).toBe(true);
  });
});

describe('ravdess.scan on generated files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'serkit-ravdess-'));
    // Actor 01: complete speech (as .wav), 3 song files; actor 02: speech as .flac minus two files.
    await mkdir(join(root, 'Actor_01'));
    await mkdir(join(root, 'Actor_02'));
    for (const stem of expectedStems('03', '01', '01')) await writeFile(join(root, 'Actor_01', `${stem}.wav`), '');
    for (const stem of expectedStems('03', '02', '01').slice(0, 3))
      await writeFile(join(root, 'Actor_01', `${stem}.WAV`), '');
    for (const stem of expectedStems('03', '01', '02').slice(2))
      await writeFile(join(root, 'Actor_02', `${stem}.flac`), '');
    await writeFile(join(root, 'Actor_02', '03-01-05-01-01-01-02.wav'), ''); // duplicate of the .flac
    await writeFile(join(root, 'Actor_02', '03-01-03-01-01-01-01.flac'), ''); // actor 01 in Actor_02 (duplicate too)
    await writeFile(join(root, 'Actor_02', 'not-ravdess.wav'), '');
    await writeFile(join(root, 'Actor_02', '03-01-09-01-01-01-02.wav'), '');
    await writeFile(join(root, 'Actor_02', 'notes.txt'), 'ignored');
    await symlink(root, join(root, 'Actor_02', 'loop')); // a link loop must not hang the scan
    await mkdir(join(root, 'Actor_02', '03-01-01-01-01-01-02.flac')); // a directory named like a missing file
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds every valid file once, with labels decoded from the name', async () => {
    const { items } = await ravdess.scan(root);
    expect(items).toHaveLength(60 + 3 + 58);
    const angry = items.find((item) => item.path.endsWith(join('Actor_01', '03-01-05-02-01-01-01.wav')));
    expect(angry).toMatchObject({
      label: 'angry',
      speaker: '01',
      extra: {
        channel: 'speech',
        intensity: 'strong',
        statement: 'kids',
        repetition: '1',
        gender: 'male',
        modality: 'audio-only',
      },
    });
    expect(items.filter((item) => item.extra.gender === 'female')).toHaveLength(58);
  });

  it('reports malformed names, duplicates, misplaced files, missing files and actors', async () => {
    const { problems } = await ravdess.scan(root);
    const kinds = (kind: string) => problems.filter((p) => p.kind === kind);
    expect(
      kinds('malformed-name')
        .map((p) => p.path?.split('/').pop())
        .sort(),
    ).toEqual(['03-01-09-01-01-01-02.wav', 'not-ravdess.wav']);
    expect(kinds('duplicate')).toHaveLength(2);
    expect(kinds('actor-mismatch')).toHaveLength(1);
    const missing = kinds('missing-file').map((p) => p.message);
    expect(missing).toHaveLength(2);
    expect(missing.find((m) => m.includes('speech, actor 02'))).toContain(
      '2 of 60 recordings missing (03-01-01-01-01-01-02, 03-01-01-01-01-02-02)',
    );
    expect(missing.find((m) => m.includes('song, actor 01'))).toContain('41 of 44');
    const speakers = kinds('missing-speaker').map((p) => p.message);
    expect(speakers.find((m) => m.startsWith('audio-only speech'))).toContain('22 of 24 actors');
    // Song: actor 18 recorded no song, so 22 of 23 are missing, not 23 of 24.
    expect(speakers.find((m) => m.startsWith('audio-only song'))).toContain('22 of 23 actors');
  });

  it('filters by channel, emotion alias and actor', async () => {
    expect((await ravdess.scan(root, { filter: { channel: 'song' } })).items).toHaveLength(3);
    const femaleAngry = await ravdess.scan(root, { filter: { emotion: 'angry', gender: 'female' } });
    expect(femaleAngry.items).toHaveLength(8);
    await expect(ravdess.scan(root, { filter: { channel: 'speach' } })).rejects.toThrow(/values present: song, speech/);
  });

  it('throws NOT_FOUND for a missing directory and reports an empty one', async () => {
    await expect(ravdess.scan(join(root, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ravdess.scan(join(root, 'Actor_02', 'notes.txt'))).rejects.toBeInstanceOf(SerkitError);
    const empty = await mkdtemp(join(tmpdir(), 'serkit-ravdess-empty-'));
    try {
      const scan = await ravdess.scan(empty);
      expect(scan.items).toHaveLength(0);
      expect(scan.problems.map((p) => p.kind)).toEqual(['empty']);
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});

describe('ravdess.scan on the real corpus', () => {
  it.skipIf(!existsSync(speechDir))(
    `finds the 1440 speech files with the published counts (${speechDir})`,
    async () => {
      const { items, problems } = await ravdess.scan(speechDir);
      expect(problems).toEqual([]);
      expect(items).toHaveLength(1440);
      const perEmotion = new Map<string, number>();
      for (const item of items) perEmotion.set(item.label, (perEmotion.get(item.label) ?? 0) + 1);
      expect(Object.fromEntries(perEmotion)).toEqual({
        neutral: 96,
        calm: 192,
        happy: 192,
        sad: 192,
        angry: 192,
        fearful: 192,
        disgust: 192,
        surprised: 192,
      });
      expect(new Set(items.map((item) => item.speaker)).size).toBe(24);
      expect(items.filter((item) => item.extra.gender === 'male')).toHaveLength(720);
    },
  );

  it.skipIf(!existsSync(originalDir))(`reads the original-format sample (${originalDir})`, async () => {
    const { items, problems } = await ravdess.scan(originalDir);
    expect(items).toHaveLength(60);
    expect(items.every((item) => item.path.endsWith('.wav') && item.speaker === '01')).toBe(true);
    expect(problems.map((p) => p.kind)).toEqual(['missing-speaker']);
  });
});
