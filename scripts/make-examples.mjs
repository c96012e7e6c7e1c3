#!/usr/bin/env node
// Regenerates examples/audio/: a few short clips of synthetic speech made by the project itself
// (espeak-ng renders the two RAVDESS sentences; ffmpeg encodes them), one per format the README's
// first command shows off. They are ours — no corpus audio — and tiny (16 kHz mono, ~2 s).
//
//   node scripts/make-examples.mjs [outDir]     (default examples/audio; needs espeak-ng + ffmpeg)
//
// Deterministic: espeak-ng is, and ffmpeg runs with bit-exact flags and no metadata, so
// re-running rewrites identical files (MP3/AAC encoders included).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'examples', 'audio'));

/** One clip: a sentence, an espeak-ng voice with pitch/speed, and the container it is stored in. */
const CLIPS = [
  { name: 'kids-calm.wav', text: 'Kids are talking by the door.', voice: 'en-us', pitch: 40, speed: 140, codec: [] },
  {
    name: 'dogs-excited.mp3',
    text: 'Dogs are sitting by the door!',
    voice: 'en-us+f3',
    pitch: 80,
    speed: 190,
    codec: ['-c:a', 'libmp3lame', '-b:a', '48k'],
  },
  {
    name: 'kids-flat.flac',
    text: 'Kids are talking by the door.',
    voice: 'en-gb',
    pitch: 20,
    speed: 120,
    codec: ['-c:a', 'flac'],
  },
  {
    name: 'dogs-low.ogg',
    text: 'Dogs are sitting by the door.',
    voice: 'en-gb+m3',
    pitch: 25,
    speed: 150,
    codec: ['-c:a', 'libvorbis', '-q:a', '2'],
  },
  {
    name: 'kids-high.m4a',
    text: 'Kids are talking by the door?',
    voice: 'en-us+f2',
    pitch: 90,
    speed: 170,
    codec: ['-c:a', 'aac', '-b:a', '40k'],
  },
];

/** Runs a tool with an argument array (never a shell); throws with its stderr on failure. */
function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${cmd}: ${result.error.message} (is it installed?)`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stderr}`);
}

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'serkit-examples-'));
try {
  for (const clip of CLIPS) {
    const speech = join(work, `${clip.name}.espeak.wav`);
    run('espeak-ng', ['-v', clip.voice, '-p', String(clip.pitch), '-s', String(clip.speed), '-w', speech, clip.text]);
    // Encode to a temp name in the target directory, then rename: a half-written clip never shows.
    const target = join(outDir, clip.name);
    const temp = join(outDir, `.${clip.name}.tmp${clip.name.slice(clip.name.lastIndexOf('.'))}`);
    run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-i', speech],
      ...['-ac', '1', '-ar', '16000', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'],
      ...clip.codec,
      temp,
    ]);
    renameSync(temp, target);
    console.log(`wrote ${target}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
