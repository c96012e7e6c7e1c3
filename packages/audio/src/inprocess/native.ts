import { loadAddon } from '@serkit/native';
import type { AudioFile } from '../input-file.js';
import { id3v2Length } from '../sniff.js';
import type { InProcessFormat, SampleLevels } from '../types.js';
import { flacStreamInfo, mpegStreamInfo, oggEnd } from './headers.js';
import type { StreamFacts } from './session.js';
import { probeWavHeader } from './wav.js';

/** What the addon's decodeAudio returns (native/decode/register.cpp). */
interface AddonDecoded extends AddonFacts {
  samples: Float32Array;
  /** Largest |sample| (of the finite ones). */
  peak: number;
  /** Whether every sample is finite. */
  finite: boolean;
}
type DecodeAudio = (bytes: Uint8Array, maxSeconds?: number, opusRate?: number) => AddonDecoded;

/** What libsndfile says of a file it opened. */
interface AddonFacts {
  readonly sampleRate: number;
  readonly channels: number;
  readonly declaredFrames: number;
  readonly container: string;
  readonly encoding: string;
}

/** The addon's AudioStream (native/decode/register.cpp): a file decoded block by block, by path. */
export interface AddonAudioStream extends AddonFacts {
  /** Up to `maxFrames` mono frames; null at the end. Throws (code DECODE_FAILED) when decoding fails. */
  read(maxFrames: number): Float32Array | null;
  /** Releases the file; safe to call again. */
  close(): void;
  readonly closed: boolean;
}
export type AudioStreamClass = new (path: string, opusRate?: number) => AddonAudioStream;

/** Set to 0 (or false/off) to keep the WebAssembly decoders even when the addon can decode. */
export const NATIVE_DECODE_ENV = 'SERKIT_NATIVE_DECODE';

/** Files larger than this are read whole only by the streaming WebAssembly path (bounded memory). */
export const NATIVE_MAX_BYTES = 64 * 1024 * 1024;

/** Which in-process decoder runs WAV/FLAC/MP3/Ogg Vorbis/Opus, and why. */
export interface DecoderInfo {
  /** 'libsndfile': the native addon (C); 'wasm': the WebAssembly decoders (and the core's WAV reader). */
  readonly active: 'libsndfile' | 'wasm';
  /** libsndfile's version when the addon has it. */
  readonly version?: string;
  readonly reason: string;
}

interface Found {
  decode: DecodeAudio | null;
  /** Null in addons built before streaming decoding. */
  stream: AudioStreamClass | null;
  version?: string;
  reason: string;
}
let found: Found | undefined;

function findAddonDecoder(): Found {
  if (found !== undefined) return found;
  const addon = loadAddon();
  const decode = addon?.decodeAudio;
  const info = addon?.decodeInfo;
  if (addon === null) found = { decode: null, stream: null, reason: 'the native addon is not loaded' };
  else if (typeof decode !== 'function' || typeof info !== 'function') {
    found = {
      decode: null,
      stream: null,
      reason: 'the native addon was built without libsndfile (install libsndfile1-dev, rebuild)',
    };
  } else {
    const { version } = (info as () => { version: string })();
    const stream = typeof addon.AudioStream === 'function' ? (addon.AudioStream as AudioStreamClass) : null;
    found = { decode: decode as DecodeAudio, stream, version, reason: `${version} in the native addon` };
  }
  return found;
}

const disabledByEnv = (): boolean => /^(0|false|off|no)$/i.test(process.env[NATIVE_DECODE_ENV] ?? '');

/** The native decoder, or null (addon missing, built without libsndfile, or SERKIT_NATIVE_DECODE=0). */
function nativeDecoder(): DecodeAudio | null {
  if (disabledByEnv()) return null;
  return findAddonDecoder().decode;
}

/** The addon's streaming decoder, or null (as nativeDecoder, or an addon built before it). */
export function nativeStreamDecoder(): AudioStreamClass | null {
  if (disabledByEnv()) return null;
  return findAddonDecoder().stream;
}

/** Which decoder path in-process decoding takes now (for `serkit doctor`). */
export function decoderInfo(): DecoderInfo {
  if (disabledByEnv()) {
    return { active: 'wasm', reason: `WebAssembly decoders (${NATIVE_DECODE_ENV}=${process.env[NATIVE_DECODE_ENV]})` };
  }
  const { decode, version, reason } = findAddonDecoder();
  return decode === null
    ? { active: 'wasm', reason: `WebAssembly decoders: ${reason}` }
    : { active: 'libsndfile', version, reason };
}

const EXPECTED: Record<InProcessFormat, (container: string, encoding: string) => boolean> = {
  wav: (c, e) => c === 'wav' && e !== 'pcm_s8',
  flac: (c) => c === 'flac',
  mp3: (c, e) => c === 'mpeg' && /^mp[123]$/.test(e),
  'ogg-vorbis': (c, e) => c === 'ogg' && e === 'vorbis',
  'ogg-opus': (c, e) => c === 'ogg' && e === 'opus',
};

/** Frames a Xing header may promise beyond what decodes, as the WebAssembly MP3 path allows. */
const MPEG_FRAME_SLACK = 3;
/** The last bytes of a file that hold its Ogg end page. */
export const OGG_TAIL_BYTES = 64 * 1024;
/** Rates libopus decodes to natively. */
const OPUS_RATES = new Set([8000, 12000, 16000, 24000, 48000]);

/** Opus decodes straight to the target rate when libopus has it, else at 48 kHz, as on the WebAssembly path. */
export const opusRateFor = (targetRate: number | undefined): number =>
  targetRate !== undefined && OPUS_RATES.has(targetRate) ? targetRate : 48000;

/**
 * An MP3 shorter than its Xing header's byte count: cut short. Left to the WebAssembly path, which
 * reports it — libmpg123 inside libsndfile would print a warning about it on stderr.
 */
function mpegLooksCut(head: Uint8Array, size: number): boolean {
  const start = id3v2Length(head);
  const bytes = mpegStreamInfo(head, start)?.xingBytes;
  return bytes !== undefined && size - start < bytes * 0.99;
}

/** What the checks before native decoding learnt (WAV: the core reader's codec and frame count). */
export interface NativeAccepted {
  wavCodec?: string;
  wavFrames: number;
}

/**
 * Whether libsndfile may take `file` (sniffed as `format`) before it opens it, or null when the
 * WebAssembly path must: a WAV header the core's reader refuses (or whose data is not all there),
 * an MP3 cut short.
 */
export function acceptNative(file: AudioFile, format: InProcessFormat, head: Uint8Array): NativeAccepted | null {
  if (format === 'wav') {
    try {
      const probe = probeWavHeader(file.path, head, file.size);
      return probe === null
        ? null
        : { wavCodec: probe.codec, wavFrames: Math.round(probe.duration * probe.sampleRate) };
    } catch {
      return null;
    }
  }
  return format === 'mp3' && mpegLooksCut(head, file.size) ? null : { wavFrames: 0 };
}

/**
 * The stream's facts as the WebAssembly path reports them, or null when libsndfile read the bytes
 * as another container or encoding than the sniffed one (or a FLAC deeper than 24 bits).
 */
export function nativeFacts(
  format: InProcessFormat,
  head: Uint8Array,
  out: AddonFacts,
  accepted: NativeAccepted,
): StreamFacts | null {
  if (!EXPECTED[format](out.container, out.encoding)) return null;
  switch (format) {
    case 'wav':
      return { codec: accepted.wavCodec!, channels: out.channels, sampleRate: out.sampleRate };
    case 'flac': {
      const info = flacStreamInfo(head);
      return info === null || info.bitsPerSample > 24
        ? null
        : { codec: 'flac', channels: out.channels, sampleRate: out.sampleRate };
    }
    case 'mp3': {
      const info = mpegStreamInfo(head, id3v2Length(head));
      return info === null ? null : { codec: 'mp3', channels: info.channels, sampleRate: info.sampleRate };
    }
    case 'ogg-vorbis':
      return { codec: 'vorbis', channels: out.channels, sampleRate: out.sampleRate };
    case 'ogg-opus':
      return { codec: 'opus', channels: out.channels, sampleRate: 48000 };
  }
}

/**
 * Whether `held` decoded frames are all the file holds, as the WebAssembly path judges it: a
 * header promising more (WAV data size, FLAC STREAMINFO, Xing frames) or an Ogg stream without
 * its end page (in `tail`, the file's last bytes) means the file was cut short.
 */
export function nativeComplete(
  format: InProcessFormat,
  head: Uint8Array,
  tail: Uint8Array,
  held: number,
  accepted: NativeAccepted,
): boolean {
  switch (format) {
    case 'wav':
      return held === accepted.wavFrames;
    case 'flac': {
      const total = flacStreamInfo(head)?.totalSamples ?? 0;
      return total === 0 || held >= total;
    }
    case 'mp3': {
      const info = mpegStreamInfo(head, id3v2Length(head));
      return info?.xingFrames === undefined || held >= (info.xingFrames - MPEG_FRAME_SLACK) * info.samplesPerFrame;
    }
    case 'ogg-vorbis':
    case 'ogg-opus':
      return oggEnd(tail).complete;
  }
}

export interface NativeDecoded {
  mono: Float32Array;
  sampleRate: number;
  facts: StreamFacts;
  /** What the decoder measured of `mono` on its way out (no second pass in JavaScript). */
  levels: SampleLevels;
}

/**
 * Decodes `file` (sniffed as `format`, first bytes in `head`) with libsndfile in the addon, or
 * returns null so the caller takes the WebAssembly path: no native decoder, a file too large to
 * read whole, or anything the WebAssembly path would treat differently — a failure, a header that
 * promises more audio than decoded (truncation), an Ogg stream without its end page, a container
 * other than the bytes' sniffed one. The WebAssembly path then gives the file's typed error, so
 * errors do not depend on which decoder is built in.
 */
export async function decodeNative(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  maxSeconds: number | undefined,
  targetRate: number | undefined,
): Promise<NativeDecoded | null> {
  const decode = nativeDecoder();
  if (decode === null || file.size > NATIVE_MAX_BYTES) return null;
  const accepted = acceptNative(file, format, head);
  if (accepted === null) return null;
  const bytes = head.length >= file.size ? head : await file.read(0, file.size);
  if (bytes.length !== file.size) return null;
  let out: AddonDecoded;
  try {
    out = decode(bytes, maxSeconds, format === 'ogg-opus' ? opusRateFor(targetRate) : undefined);
  } catch {
    return null;
  }
  const facts = nativeFacts(format, head, out, accepted);
  if (facts === null) return null;
  const capped = maxSeconds !== undefined && out.samples.length >= Math.floor(maxSeconds * out.sampleRate);
  const tail = bytes.subarray(Math.max(0, bytes.length - OGG_TAIL_BYTES));
  if (!capped && !nativeComplete(format, head, tail, out.samples.length, accepted)) return null;
  return { mono: out.samples, sampleRate: out.sampleRate, facts, levels: { peak: out.peak, finite: out.finite } };
}
