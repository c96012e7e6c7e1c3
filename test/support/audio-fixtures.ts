/**
 * Audio fixtures generated at test time with ffmpeg (and espeak-ng for speech, when installed) —
 * no audio is committed. Any test may import this: `makeAudioFixtures()` for good files in every
 * format, `makeBadInputs()` for the bad-input list of issues 4 and 10, `makeHostileNames()` for
 * names a shell would choke on. Everything lands in a fresh temp dir; call `cleanup()` in afterAll.
 *
 * Nothing here uses a shell: ffmpeg and espeak-ng are spawned with argument arrays.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
export const hasEspeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;
/** Root ignores file permissions, so an "unreadable file" fixture can only be tested as non-root. */
export const runningAsRoot = process.getuid?.() === 0;

export type Signal = 'tone' | 'noise' | 'speech';

/** A lossless master: signal, rate, channels, PCM encoding. Every encoded fixture is made from one. */
export interface MasterSpec {
  signal: Signal;
  sampleRate: number;
  channels: 1 | 2;
  /** ffmpeg's PCM codec for the master WAV. Default 'pcm_s16le'. */
  pcm?: 'pcm_u8' | 'pcm_s16le' | 'pcm_s24le' | 'pcm_f32le';
  seconds?: number;
}

export interface FixtureSpec {
  /** File name in the fixture dir (extension included; it never decides how a file is decoded). */
  name: string;
  master: MasterSpec;
  /** ffmpeg output arguments that encode the master; omit for the master WAV itself. */
  encode?: string[];
  /** Sample-exact against the master after decoding. */
  lossless: boolean;
  /** Wrap in a video container with a picture stream as well (an MP4 "video with an audio track"). */
  withVideo?: boolean;
}

export interface AudioFixture extends FixtureSpec {
  path: string;
  /** The master WAV this file was encoded from. */
  masterPath: string;
}

export interface FixtureSet {
  dir: string;
  fixtures: AudioFixture[];
  byName(name: string): AudioFixture;
  cleanup(): Promise<void>;
}

const DEFAULT_SECONDS = 1.5;

const sine = (hz: number, seconds: number, rate: number, volume: number) =>
  `sine=frequency=${hz}:sample_rate=${rate}:duration=${seconds},volume=${volume}`;
const pink = (seed: number, seconds: number, rate: number) =>
  `anoisesrc=color=pink:sample_rate=${rate}:duration=${seconds}:amplitude=0.4:seed=${seed}`;

/** Two tones mixed (mono), or one per channel (stereo: the channels differ, so mix-down is tested). */
const tone = (seconds: number, rate: number, channels = 1) =>
  `${sine(440, seconds, rate, 0.5)}[a];${sine(1250, seconds, rate, 0.25)}[b];[a][b]${channels === 2 ? 'join=inputs=2:channel_layout=stereo' : 'amix=inputs=2:normalize=0'}`;

const noise = (seconds: number, rate: number, channels = 1) =>
  channels === 2
    ? `${pink(7, seconds, rate)}[a];${pink(8, seconds, rate)}[b];[a][b]join=inputs=2:channel_layout=stereo`
    : pink(7, seconds, rate);

/** ffmpeg input for a signal; speech comes from an espeak-ng WAV (falls back to a tone without espeak-ng). */
async function signalInput(dir: string, spec: MasterSpec): Promise<string[]> {
  const seconds = spec.seconds ?? DEFAULT_SECONDS;
  const rate = spec.sampleRate;
  if (spec.signal === 'speech' && hasEspeak) {
    const speech = join(dir, `.speech-${seconds}.wav`);
    await run('espeak-ng', ['-w', speech, '-s', '170', 'The quick brown fox jumps over the lazy dog.']);
    return ['-i', speech, '-af', `apad,atrim=0:${seconds},aresample=${rate}`];
  }
  if (spec.signal === 'noise') return ['-f', 'lavfi', '-i', noise(seconds, rate, spec.channels)];
  return ['-f', 'lavfi', '-i', tone(seconds, rate, spec.channels)];
}

const masterName = (m: MasterSpec) =>
  `.master-${m.signal}-${m.sampleRate}-${m.channels}ch-${m.pcm ?? 'pcm_s16le'}-${m.seconds ?? DEFAULT_SECONDS}.wav`;

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

async function makeMaster(dir: string, spec: MasterSpec, made: Map<string, Promise<string>>): Promise<string> {
  const path = join(dir, masterName(spec));
  let pending = made.get(path);
  if (!pending) {
    pending = (async () => {
      const input = await signalInput(dir, spec);
      await ffmpeg([...input, '-ac', String(spec.channels), '-c:a', spec.pcm ?? 'pcm_s16le', '-bitexact', path]);
      return path;
    })();
    made.set(path, pending);
  }
  return pending;
}

/** The formats of issue 4's acceptance list, short clips, from a few masters. */
export function defaultFixtureSpecs(): FixtureSpec[] {
  const m16: MasterSpec = { signal: 'speech', sampleRate: 16000, channels: 1 };
  const m44s: MasterSpec = { signal: 'tone', sampleRate: 44100, channels: 2 };
  const m48s: MasterSpec = { signal: 'noise', sampleRate: 48000, channels: 2 };
  return [
    {
      name: 'u8-8k-mono.wav',
      master: { signal: 'tone', sampleRate: 8000, channels: 1, pcm: 'pcm_u8' },
      lossless: true,
    },
    { name: 's16-16k-mono.wav', master: m16, lossless: true },
    { name: 's16-44k-stereo.wav', master: m44s, lossless: true },
    {
      name: 's24-22k-stereo.wav',
      master: { signal: 'noise', sampleRate: 22050, channels: 2, pcm: 'pcm_s24le' },
      lossless: true,
    },
    {
      name: 'f32-48k-mono.wav',
      master: { signal: 'tone', sampleRate: 48000, channels: 1, pcm: 'pcm_f32le' },
      lossless: true,
    },
    { name: 's16-16k-mono.flac', master: m16, encode: ['-c:a', 'flac'], lossless: true },
    {
      name: 's24-22k-stereo.flac',
      master: { signal: 'noise', sampleRate: 22050, channels: 2, pcm: 'pcm_s24le' },
      encode: ['-c:a', 'flac'],
      lossless: true,
    },
    { name: 's16-48k-stereo.flac', master: m48s, encode: ['-c:a', 'flac'], lossless: true },
    // Speech then silence: FLAC's last frames are tiny CONSTANT frames, which codec-parser mishandles.
    {
      name: 'speech-silent-tail.flac',
      master: { signal: 'speech', sampleRate: 16000, channels: 1, seconds: 3.5 },
      encode: ['-c:a', 'flac'],
      lossless: true,
    },
    { name: 'speech-16k.mp3', master: m16, encode: ['-c:a', 'libmp3lame', '-b:a', '128k'], lossless: false },
    { name: 'tone-44k-stereo.mp3', master: m44s, encode: ['-c:a', 'libmp3lame', '-b:a', '192k'], lossless: false },
    { name: 'speech-16k.ogg', master: m16, encode: ['-c:a', 'libvorbis', '-q:a', '6'], lossless: false },
    { name: 'tone-44k-stereo.ogg', master: m44s, encode: ['-c:a', 'libvorbis', '-q:a', '6'], lossless: false },
    { name: 'speech-16k.opus', master: m16, encode: ['-c:a', 'libopus', '-b:a', '64k'], lossless: false },
    {
      name: 'tone-48k-stereo.opus',
      master: { signal: 'tone', sampleRate: 48000, channels: 2 },
      encode: ['-c:a', 'libopus', '-b:a', '128k'],
      lossless: false,
    },
    { name: 'speech-16k.m4a', master: m16, encode: ['-c:a', 'aac', '-b:a', '96k'], lossless: false },
    { name: 'tone-44k-stereo.webm', master: m44s, encode: ['-c:a', 'libopus', '-b:a', '128k'], lossless: false },
    {
      name: 'speech-16k-video.mp4',
      master: m16,
      encode: ['-c:a', 'aac', '-b:a', '96k'],
      lossless: false,
      withVideo: true,
    },
  ];
}

async function makeFixture(
  dir: string,
  spec: FixtureSpec,
  masters: Map<string, Promise<string>>,
): Promise<AudioFixture> {
  const masterPath = await makeMaster(dir, spec.master, masters);
  const path = join(dir, spec.name);
  if (!spec.encode) {
    await copyFile(masterPath, path);
  } else if (spec.withVideo) {
    const seconds = spec.master.seconds ?? DEFAULT_SECONDS;
    const video = ['-f', 'lavfi', '-i', `testsrc=size=64x48:rate=10:duration=${seconds}`];
    await ffmpeg([
      '-i',
      masterPath,
      ...video,
      '-map',
      '1:v',
      '-map',
      '0:a',
      '-c:v',
      'mpeg4',
      ...spec.encode,
      '-shortest',
      path,
    ]);
  } else {
    await ffmpeg(['-i', masterPath, ...spec.encode, path]);
  }
  return { ...spec, path, masterPath };
}

/**
 * Generates `specs` (default: every format of issue 4) into a new temp dir, two ffmpeg processes
 * at a time (the machine has two cores).
 */
export async function makeAudioFixtures(specs: FixtureSpec[] = defaultFixtureSpecs()): Promise<FixtureSet> {
  const dir = await mkdtemp(join(tmpdir(), 'serkit-audio-'));
  const masters = new Map<string, Promise<string>>();
  const fixtures: AudioFixture[] = [];
  for (let i = 0; i < specs.length; i += 2) {
    fixtures.push(...(await Promise.all(specs.slice(i, i + 2).map((s) => makeFixture(dir, s, masters)))));
  }
  return {
    dir,
    fixtures,
    byName(name) {
      const found = fixtures.find((f) => f.name === name);
      if (!found) throw new Error(`no fixture named ${name}`);
      return found;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface BadInput {
  /** What is wrong, for test names. */
  kind: string;
  path: string;
  /** The SerkitError codes a decoder may fairly answer with. */
  codes: string[];
  /** Only meaningful when ffmpeg exists (the file needs ffmpeg to be judged). */
  needsFfmpeg?: boolean;
  /**
   * ffmpeg decodes what is there without complaint (a WAV whose data chunk is cut short), so only
   * the in-process path can report it.
   */
  ffmpegAccepts?: boolean;
  /** The header is sound; only the samples are bad, so a header-only probe cannot see it. */
  inSamples?: boolean;
  /** Why the case cannot be tested here (e.g. running as root), or undefined. */
  skip?: string;
}

/** A valid 32-bit float WAV whose samples include NaN and +Infinity (which float WAVs can hold). */
async function withNaN(dir: string): Promise<Uint8Array> {
  const path = join(dir, '.float.wav');
  await ffmpeg(['-f', 'lavfi', '-i', tone(0.5, 16000), '-c:a', 'pcm_f32le', '-bitexact', path]);
  const bytes = new Uint8Array(await readFile(path));
  const data = Buffer.from(bytes).indexOf('data') + 8;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setFloat32(data + 4 * 1000, Number.NaN, true);
  view.setFloat32(data + 4 * 2000, Number.POSITIVE_INFINITY, true);
  return bytes;
}

/** Issue 4's bad inputs (plus a few of issue 10's), each made fresh in `dir`. */
export async function makeBadInputs(dir: string): Promise<BadInput[]> {
  const at = (name: string) => join(dir, name);
  const wav = at('.bad-source.wav');
  const mp3 = at('.bad-source.mp3');
  await ffmpeg(['-f', 'lavfi', '-i', tone(2, 16000), '-c:a', 'pcm_s16le', '-bitexact', wav]);
  await ffmpeg(['-i', wav, '-c:a', 'libmp3lame', '-b:a', '64k', mp3]);
  const flac = at('.bad-source.flac');
  await ffmpeg(['-i', wav, '-c:a', 'flac', flac]);
  const wavBytes = await readFile(wav);
  const mp3Bytes = await readFile(mp3);
  const corruptFlac = new Uint8Array(await readFile(flac));
  const flacBytes = new Uint8Array(corruptFlac);
  for (let i = corruptFlac.length >> 1; i < (corruptFlac.length >> 1) + 64; i++) corruptFlac[i] ^= 0x5a;

  await mkdir(at('directory.wav'));
  await writeFile(at('empty.wav'), new Uint8Array(0));
  await writeFile(at('truncated-header.wav'), wavBytes.subarray(0, 30));
  await writeFile(at('truncated-data.wav'), wavBytes.subarray(0, wavBytes.length >> 1));
  await writeFile(at('truncated.mp3'), mp3Bytes.subarray(0, Math.floor(mp3Bytes.length * 0.4)));
  await writeFile(at('text.wav'), 'This is not audio. It is a text file with a .wav name.\n'.repeat(20));
  await writeFile(
    at('garbage.flac'),
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24),
  );
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=10:duration=1',
    '-c:v',
    'mpeg4',
    '-an',
    at('video-no-audio.mp4'),
  ]);
  await writeFile(at('nan-float.wav'), await withNaN(dir));
  await writeFile(at('corrupt-frames.flac'), corruptFlac);
  // Cut inside a frame: libFLAC keeps the partial frame buffered, which used to break the next file.
  await writeFile(at('truncated.flac'), flacBytes.slice(0, Math.floor(flacBytes.length * 0.7)));
  await writeFile(at('unreadable.wav'), wavBytes);
  await chmod(at('unreadable.wav'), 0o000);
  await run('mkfifo', [at('fifo.wav')]);
  await symlink('loop-b.wav', at('loop-a.wav'));
  await symlink('loop-a.wav', at('loop-b.wav'));

  return [
    { kind: 'missing file', path: at('missing.wav'), codes: ['NOT_FOUND'] },
    { kind: 'directory', path: at('directory.wav'), codes: ['INVALID_ARGUMENT'] },
    { kind: 'zero bytes', path: at('empty.wav'), codes: ['MALFORMED_FILE'] },
    { kind: 'truncated WAV header', path: at('truncated-header.wav'), codes: ['MALFORMED_FILE'] },
    { kind: 'truncated WAV data', path: at('truncated-data.wav'), codes: ['MALFORMED_FILE'], ffmpegAccepts: true },
    { kind: 'truncated MP3', path: at('truncated.mp3'), codes: ['MALFORMED_FILE'] },
    { kind: 'text file named .wav', path: at('text.wav'), codes: ['MALFORMED_FILE', 'NO_FFMPEG'], needsFfmpeg: true },
    {
      kind: 'random bytes named .flac',
      path: at('garbage.flac'),
      codes: ['MALFORMED_FILE', 'NO_FFMPEG'],
      needsFfmpeg: true,
    },
    { kind: 'video without audio', path: at('video-no-audio.mp4'), codes: ['UNSUPPORTED'], needsFfmpeg: true },
    { kind: 'truncated FLAC', path: at('truncated.flac'), codes: ['MALFORMED_FILE'], inSamples: true },
    {
      kind: 'FLAC with corrupt frames',
      path: at('corrupt-frames.flac'),
      codes: ['MALFORMED_FILE'],
      ffmpegAccepts: true,
      inSamples: true,
    },
    {
      kind: 'float WAV holding NaN and Infinity',
      path: at('nan-float.wav'),
      codes: ['INVALID_AUDIO'],
      inSamples: true,
    },
    { kind: 'symlink loop', path: at('loop-a.wav'), codes: ['INVALID_ARGUMENT'] },
    { kind: 'FIFO named .wav (would block a reader)', path: at('fifo.wav'), codes: ['INVALID_ARGUMENT'] },
    {
      kind: 'unreadable permissions',
      path: at('unreadable.wav'),
      codes: ['INVALID_ARGUMENT'],
      skip: runningAsRoot ? 'running as root, which reads files whatever their permissions' : undefined,
    },
  ];
}

/** Names a shell would misread, each a copy of `source` (keeping its extension). */
export async function makeHostileNames(dir: string, source: string, extension: string): Promise<string[]> {
  const names = [
    '-x',
    'a b',
    "'$(rm -rf x)'",
    'semi;colon|pipe&amp',
    'new\nline',
    'ünïcödé 音声 🎵',
    'file:colon',
    '--',
  ];
  const paths: string[] = [];
  for (const name of names) {
    const path = join(dir, `${name}${extension}`);
    await copyFile(source, path);
    paths.push(path);
  }
  return paths;
}

/**
 * Where two sample arrays differ, in words, or null when they are identical (same length, same
 * values bit for bit). Much faster than a deep-equality matcher on long typed arrays.
 */
export function sampleMismatch(actual: Float32Array, expected: Float32Array): string | null {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) return `sample ${i} is ${actual[i]}, expected ${expected[i]}`;
  }
  return null;
}

/** Best normalised cross-correlation of a and b over lags up to `maxLag` (encoders may shift a few samples). */
export function bestCorrelation(a: Float32Array, b: Float32Array, maxLag = 256): number {
  const n = Math.min(a.length, b.length) - maxLag;
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = maxLag; i < n; i++) {
      const x = a[i];
      const y = b[i + lag];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    best = Math.max(best, ab / Math.sqrt(aa * bb));
  }
  return best;
}
