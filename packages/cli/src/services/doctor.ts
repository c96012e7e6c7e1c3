import { optionalFunction } from './optional-export.js';

/** One line of the doctor's report. */
export interface Check {
  readonly name: string;
  /** 'ok': works; 'missing': unavailable (serkit works without it, maybe slower); 'error': serkit cannot work; 'unknown': could not be determined. */
  readonly status: 'ok' | 'missing' | 'error' | 'unknown';
  readonly detail: string;
}

export interface DoctorReport {
  readonly checks: Check[];
  /** Raw answers of the sibling packages, for --json. */
  readonly node: { readonly version: string; readonly required: string };
  readonly ffmpeg: unknown;
  readonly decoder: unknown;
  readonly dsp: unknown;
  readonly backends: unknown;
}

export const REQUIRED_NODE = '20.17';

function nodeCheck(version: string): Check {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const [reqMajor, reqMinor] = REQUIRED_NODE.split('.').map(Number);
  const ok = major > reqMajor || (major === reqMajor && minor >= reqMinor);
  return {
    name: 'node',
    status: ok ? 'ok' : 'error',
    detail: ok ? version : `${version}; serkit needs >= ${REQUIRED_NODE}`,
  };
}

interface FfmpegInfoLike {
  readonly path?: string;
  readonly version?: string;
  readonly source?: string | null;
  readonly error?: string;
}

async function ffmpegCheck(): Promise<{ check: Check; raw: unknown }> {
  const found = await optionalFunction<() => FfmpegInfoLike | Promise<FfmpegInfoLike>>('@serkit/audio', 'ffmpegInfo');
  if (!found.ok) return { check: { name: 'ffmpeg', status: 'unknown', detail: found.reason }, raw: null };
  const info = await found.fn();
  const check: Check =
    info.path !== undefined
      ? {
          name: 'ffmpeg',
          status: 'ok',
          detail: `${info.version ?? 'unknown version'} at ${info.path}${info.source ? ` (${info.source})` : ''}`,
        }
      : {
          name: 'ffmpeg',
          status: 'missing',
          detail: `${info.error ?? 'not found'}; WAV/FLAC/MP3/Ogg still decode in-process`,
        };
  return { check, raw: info };
}

/** What @serkit/audio's decoderInfo() answers. */
interface DecoderInfoLike {
  readonly active?: 'libsndfile' | 'wasm';
  readonly reason?: string;
}

async function decoderCheck(): Promise<{ check: Check; raw: unknown }> {
  const found = await optionalFunction<() => DecoderInfoLike>('@serkit/audio', 'decoderInfo');
  if (!found.ok) return { check: { name: 'decoder', status: 'unknown', detail: found.reason }, raw: null };
  const info = found.fn();
  const native = info.active === 'libsndfile';
  return {
    check: {
      name: 'decoder',
      status: native ? 'ok' : 'missing',
      detail: native
        ? `native (${info.reason ?? 'libsndfile'}) for WAV/FLAC/MP3/Ogg`
        : (info.reason ?? 'WebAssembly decoders'),
    },
    raw: info,
  };
}

/** What @serkit/native's dspInfo() answers. */
interface DspInfoLike {
  readonly active?: 'ts' | 'native';
  readonly reason?: string;
  readonly addonPath?: string;
}

async function dspCheck(): Promise<{ check: Check; raw: unknown }> {
  const found = await optionalFunction<() => DspInfoLike>('@serkit/native', 'dspInfo');
  if (!found.ok) return { check: { name: 'dsp', status: 'unknown', detail: found.reason }, raw: null };
  const info = found.fn();
  const native = info.active === 'native';
  const why = info.reason === undefined ? '' : `: ${info.reason}`;
  return {
    check: {
      name: 'dsp',
      status: native ? 'ok' : 'missing',
      detail: `${native ? 'native C++ addon' : 'TypeScript fallback'}${why}`,
    },
    raw: info,
  };
}

interface BackendInfoLike {
  readonly name: string;
  readonly available: boolean;
  readonly reason: string;
}

async function backendChecks(): Promise<{ checks: Check[]; raw: unknown }> {
  const found = await optionalFunction<() => Promise<BackendInfoLike[]>>('@serkit/train', 'backendInfo');
  if (!found.ok) return { checks: [{ name: 'tfjs backends', status: 'unknown', detail: found.reason }], raw: null };
  const infos = await found.fn();
  return {
    checks: infos.map((b) => ({ name: `tfjs ${b.name}`, status: b.available ? 'ok' : 'missing', detail: b.reason })),
    raw: infos,
  };
}

/** Node version, ffmpeg, the decoder path, native DSP or TS fallback, and which tfjs backends load here (and why not). */
export async function runDoctor(): Promise<DoctorReport> {
  const [ffmpeg, decoder, dsp, backends] = await Promise.all([
    ffmpegCheck(),
    decoderCheck(),
    dspCheck(),
    backendChecks(),
  ]);
  return {
    checks: [nodeCheck(process.version), ffmpeg.check, dsp.check, decoder.check, ...backends.checks],
    node: { version: process.version, required: `>=${REQUIRED_NODE}` },
    ffmpeg: ffmpeg.raw,
    decoder: decoder.raw,
    dsp: dsp.raw,
    backends: backends.raw,
  };
}
