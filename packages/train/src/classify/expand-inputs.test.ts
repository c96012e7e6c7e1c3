import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExpandedInput, expandInputs } from './expand-inputs.js';

let dir: string;
const HOSTILE = [
  'with space.wav',
  'quote\'s "double".mp3',
  'new\nline.flac',
  'ünïcødé 音.ogg',
  '-leading.wav',
  '$(touch pwned).wav',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serkit-expand-'));
  await mkdir(join(dir, 'tree', 'deep', 'deeper'), { recursive: true });
  for (const name of HOSTILE) await writeFile(join(dir, 'tree', name), 'x');
  await writeFile(join(dir, 'tree', 'deep', 'b.WAV'), 'x');
  await writeFile(join(dir, 'tree', 'deep', 'deeper', 'c.m4a'), 'x');
  await writeFile(join(dir, 'tree', 'notes.txt'), 'not audio');
  await writeFile(join(dir, 'tree', '._with space.wav'), 'a macOS resource fork');
  await mkdir(join(dir, 'tree', '.hidden'));
  await writeFile(join(dir, 'tree', '.hidden', 'x.wav'), 'x');
  await symlink(join(dir, 'tree'), join(dir, 'tree', 'deep', 'loop')); // a symlink loop
  await writeFile(join(dir, '[literal].wav'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(inputs: string[], stdin?: string, separator?: '\n' | '\0'): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  const options = stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]), stdinSeparator: separator };
  for await (const entry of expandInputs(inputs, options)) out.push(entry);
  return out;
}

const files = (entries: ExpandedInput[]) => entries.filter((e) => !('error' in e)).map((e) => e.file);
const errors = (entries: ExpandedInput[]) =>
  entries.flatMap((e) => ('error' in e ? [[e.file, e.error.code, e.error.reason] as const] : []));

describe('expandInputs', () => {
  it('walks a directory recursively, keeps audio extensions, skips hidden entries, survives a symlink loop and hostile names', async () => {
    const found = await collect([join(dir, 'tree')]);
    expect(errors(found)).toEqual([]);
    const names = files(found).map((f) => f.slice(join(dir, 'tree').length + 1));
    expect(names.sort()).toEqual(['deep/b.WAV', 'deep/deeper/c.m4a', ...HOSTILE].sort());
    expect(names).not.toContain('notes.txt');
  });

  it('keeps an explicitly named file whatever its extension and drops duplicates', async () => {
    const txt = join(dir, 'tree', 'notes.txt');
    const wav = join(dir, 'tree', 'with space.wav');
    expect(files(await collect([txt, wav, wav, join(dir, 'tree', 'deep', '..', 'with space.wav')]))).toEqual([
      txt,
      wav,
    ]);
  });

  it('expands globs, but a literal name with glob characters wins when it exists', async () => {
    expect(files(await collect([join(dir, 'tree', 'deep', '**', '*.m4a')]))).toEqual([
      expect.stringMatching(/deep\/deeper\/c\.m4a$/),
    ]);
    expect(files(await collect([join(dir, '[literal].wav')]))).toEqual([join(dir, '[literal].wav')]);
    const none = await collect([join(dir, 'tree', '*.opus')]);
    expect(errors(none)).toEqual([[join(dir, 'tree', '*.opus'), 'NOT_FOUND', 'no audio file matches this pattern']]);
  });

  it('reports a named directory without audio, once however often it is named', async () => {
    const empty = join(dir, 'empty.wav');
    await mkdir(empty);
    expect(errors(await collect([empty, empty]))).toEqual([
      [empty, 'INVALID_ARGUMENT', 'is a directory with no audio files in it'],
    ]);
    const tree = join(dir, 'tree', 'deep', 'deeper');
    expect(errors(await collect([tree, tree]))).toEqual([]);
  });

  it('reports missing inputs and goes on', async () => {
    const wav = join(dir, 'tree', '-leading.wav');
    const found = await collect([join(dir, 'missing.wav'), wav]);
    expect(errors(found)).toEqual([[join(dir, 'missing.wav'), 'NOT_FOUND', 'no such file or directory']]);
    expect(files(found)).toEqual([wav]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable directory', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o000);
    try {
      expect(errors(await collect([locked]))).toEqual([[locked, 'INVALID_ARGUMENT', 'permission denied']]);
    } finally {
      await chmod(locked, 0o755);
    }
  });

  it('reads a newline or NUL separated list from stdin for "-", names taken literally', async () => {
    const a = join(dir, 'tree', 'with space.wav');
    const b = join(dir, 'tree', 'new\nline.flac');
    expect(files(await collect(['-'], `${a}\r\n\n${join(dir, 'tree', 'deep', 'deeper')}\n`))).toEqual([
      a,
      join(dir, 'tree', 'deep', 'deeper', 'c.m4a'),
    ]);
    expect(files(await collect(['-'], `${a}\0${b}\0`, '\0'))).toEqual([a, b]);
    expect(errors(await collect(['-']))).toEqual([['-', 'INVALID_ARGUMENT', 'no list of files on stdin']]);
  });
});
