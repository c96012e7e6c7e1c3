// Decode throughput of @serkit/audio (built dist): 3.5 s clips per format, in process — libsndfile in
// the native addon when it has it, and the WebAssembly decoders (and the core's WAV reader), forced
// with SERKIT_NATIVE_DECODE=0 — and through ffmpeg (one process per clip), plus the decode pool.
// Clips are generated here with ffmpeg (espeak-ng speech when installed, else a chirp).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFile, decodePool, decoderInfo, NATIVE_DECODE_ENV } from '@serkit/audio';

export const title = 'Audio decoding: clips/s per format, in process vs ffmpeg';

const SECONDS = 3.5;
const DISTINCT_CLIPS = 8;
/** In-process formats run for at least this long (and at least MIN_CLIPS clips) per measurement. */
const IN_PROCESS_MS = 2000;
const MIN_CLIPS = 50;
/** ffmpeg costs ~100 ms a clip here: a fixed, smaller count. */
const FFMPEG_CLIPS = 12;

const FORMATS = [
  { name: 'WAV 16-bit', ext: 'wav', args: ['-c:a', 'pcm_s16le'] },
  { name: 'FLAC', ext: 'flac', args: ['-c:a', 'flac'] },
  { name: 'MP3 128k', ext: 'mp3', args: ['-c:a', 'libmp3lame', '-b:a', '128k'] },
  { name: 'Ogg Vorbis q4', ext: 'ogg', args: ['-c:a', 'libvorbis', '-q:a', '4'] },
  { name: 'Opus 48k', ext: 'opus', args: ['-c:a', 'libopus', '-b:a', '48k'] },
  { name: 'M4A/AAC 96k', ext: 'm4a', args: ['-c:a', 'aac', '-b:a', '96k'], ffmpegOnly: true },
];

const hasEspeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

function ffmpeg(args) {
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** DISTINCT_CLIPS masters at `rate` Hz mono: espeak-ng sentences, or chirps without it. */
function makeMasters(dir, rate) {
  const masters = [];
  for (let i = 0; i < DISTINCT_CLIPS; i++) {
    const master = join(dir, `master-${rate}-${i}.wav`);
    if (hasEspeak) {
      const speech = join(dir, `speech-${i}.wav`);
      execFileSync('espeak-ng', [
        '-w',
        speech,
        '-s',
        String(150 + 10 * i),
        `Kids are talking by the door, number ${i}.`,
      ]);
      ffmpeg(['-i', speech, '-af', `apad,atrim=0:${SECONDS}`, '-ar', String(rate), '-ac', '1', master]);
    } else {
      ffmpeg(['-f', 'lavfi', '-i', `aevalsrc=0.4*sin(2*PI*(150+${20 * i}*t)*t):s=${rate}:d=${SECONDS}`, master]);
    }
    masters.push(master);
  }
  return masters;
}

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** `measure` with the WebAssembly decoders forced (SERKIT_NATIVE_DECODE=0). */
async function measureWasm(paths, options) {
  const before = process.env[NATIVE_DECODE_ENV];
  process.env[NATIVE_DECODE_ENV] = '0';
  try {
    return await measure(paths, options);
  } finally {
    if (before === undefined) delete process.env[NATIVE_DECODE_ENV];
    else process.env[NATIVE_DECODE_ENV] = before;
  }
}

/** clips/s (wall and this process's CPU time) decoding `paths` round-robin. */
async function measure(paths, options, { minMs = IN_PROCESS_MS, minClips = MIN_CLIPS, maxClips = Infinity } = {}) {
  await decodeFile(paths[0], options); // warm-up: WebAssembly compile, first instance
  const t0 = performance.now();
  const c0 = cpuMs();
  let n = 0;
  while (n < maxClips && (n < minClips || performance.now() - t0 < minMs)) {
    await decodeFile(paths[n % paths.length], options);
    n++;
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = (cpuMs() - c0) / 1000;
  return { wall: n / wall, cpu: n / cpu, n };
}

async function measurePool(paths, options, count) {
  const list = Array.from({ length: count }, (_, i) => paths[i % paths.length]);
  const t0 = performance.now();
  let n = 0;
  for await (const result of decodePool(list, options)) {
    if (result.error) throw result.error;
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'serkit-decode-bench-'));
  const load = loadavg()[0];
  const info = decoderInfo();
  const native = info.active === 'libsndfile';
  try {
    const masters16 = makeMasters(dir, 16000);
    const masters48 = makeMasters(dir, 48000);
    const rows = [];
    const byFormat = {};
    for (const format of FORMATS) {
      const paths = masters16.map((master, i) => {
        const path = join(dir, `clip-${i}.${format.ext}`);
        ffmpeg(['-i', master, ...format.args, path]);
        return path;
      });
      byFormat[format.ext] = paths;
      const inProcess =
        format.ffmpegOnly || !native ? null : await measure(paths, { decoder: 'inprocess', sampleRate: 16000 });
      const wasm = format.ffmpegOnly ? null : await measureWasm(paths, { decoder: 'inprocess', sampleRate: 16000 });
      const viaFfmpeg = await measure(
        paths,
        { decoder: 'ffmpeg', sampleRate: 16000 },
        { minMs: 0, minClips: FFMPEG_CLIPS, maxClips: FFMPEG_CLIPS },
      );
      rows.push([`${format.name}, 16 kHz mono`, inProcess, wasm, viaFfmpeg]);
    }
    // RAVDESS originals are 48 kHz WAV: decode + resample to 16 kHz (the core's FFT resampler).
    const wav48 = masters48;
    const resampled = native ? await measure(wav48, { decoder: 'inprocess', sampleRate: 16000 }) : null;
    const resampledWasm = await measureWasm(wav48, { decoder: 'inprocess', sampleRate: 16000 });
    const resampledFfmpeg = await measure(
      wav48,
      { decoder: 'ffmpeg', sampleRate: 16000 },
      { minMs: 0, minClips: FFMPEG_CLIPS, maxClips: FFMPEG_CLIPS },
    );
    rows.push(['WAV 16-bit, 48 kHz → 16 kHz (resampled)', resampled, resampledWasm, resampledFfmpeg]);

    const poolFlac = await measurePool(byFormat.flac, { decoder: 'inprocess', concurrency: 2 }, 400);
    const poolFfmpeg = await measurePool(byFormat.flac, { decoder: 'ffmpeg', concurrency: 2 }, 32);
    const poolM4a = await measurePool(byFormat.m4a, { decoder: 'auto', concurrency: 2 }, 32);

    const fmt = (r) => (r ? `${r.wall.toFixed(0)} | ${r.cpu.toFixed(0)} | ${(1000 / r.cpu).toFixed(2)}` : '— | — | —');
    let out = `Clips: ${DISTINCT_CLIPS} distinct ${SECONDS} s ${hasEspeak ? 'espeak-ng speech' : 'chirp'} clips per format, cycled; `;
    out += 'decodeFile(path, { decoder, sampleRate: 16000 }) one after another, mono Float32 out. ';
    out += `In process: at least ${MIN_CLIPS} clips and ${IN_PROCESS_MS / 1000} s after a warm-up; ffmpeg: ${FFMPEG_CLIPS} clips (one process each). `;
    out += `CPU time is this process's (user + system). ${cpus().length} cores; `;
    out += `load average when it started: ${load.toFixed(1)} (the machine is shared: compare rows of one run). `;
    out += `Native decoder: ${native ? info.reason : `none (${info.reason})`}.\n\n`;
    out += '| format | libsndfile clips/s (wall) | libsndfile clips/s (CPU) | libsndfile CPU ms/clip ';
    out +=
      '| WebAssembly clips/s (wall) | WebAssembly clips/s (CPU) | WebAssembly CPU ms/clip | ffmpeg clips/s (wall) |\n';
    out += '|---|---:|---:|---:|---:|---:|---:|---:|\n';
    for (const [name, a, w, b] of rows) out += `| ${name} | ${fmt(a)} | ${fmt(w)} | ${b.wall.toFixed(1)} |\n`;
    out += '\nDecode pool (`decodePool`, concurrency 2):\n\n';
    out += '| workload | clips/s (wall) |\n|---|---:|\n';
    out += `| FLAC in process, 400 clips | ${poolFlac.toFixed(0)} |\n`;
    out += `| FLAC through ffmpeg, 32 clips (2 ffmpeg processes at a time) | ${poolFfmpeg.toFixed(1)} |\n`;
    out += `| M4A/AAC, decoder auto (→ ffmpeg), 32 clips | ${poolM4a.toFixed(1)} |\n`;
    out += '\nThe pool decodes in process with whichever decoder is active (libsndfile when built in). ';
    out += 'In-process decoding runs on the calling thread (concurrency overlaps only file I/O); ';
    out += 'ffmpeg children run in parallel, so the pool gains up to the core count there.\n';
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
