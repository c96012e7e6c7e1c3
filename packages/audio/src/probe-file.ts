import { decodeFile } from './decode-file.js';
import { asFileError, fileError } from './errors.js';
import { ffprobe } from './ffmpeg/probe.js';
import { flacStreamInfo, mpegStreamInfo, oggEnd, oggIdHeader } from './inprocess/headers.js';
import { probeWavHeader } from './inprocess/wav.js';
import { type AudioFile, openAudioFile } from './input-file.js';
import { id3v2Length, SNIFF_BYTES, sniffFormat } from './sniff.js';
import type { InProcessFormat } from './types.js';

export interface ProbeResult {
  /** In-process format name or ffprobe's container name. */
  format: string;
  codec: string;
  channels: number;
  sampleRate: number;
  /** Seconds. */
  duration: number;
  /** How it was found: from the header bytes, by ffprobe, or by decoding the file. */
  method: 'header' | 'ffprobe' | 'decode';
}

export interface ProbeOptions {
  /** Default 60000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const TAIL_BYTES = 64 * 1024;
/** Less than this share of the bytes a header promises means the file was cut short. */
const TRUNCATED_SHARE = 0.98;

/** Header-only facts for the in-process formats, or null when the header does not say the duration. */
async function probeHeader(file: AudioFile, format: InProcessFormat, head: Uint8Array): Promise<ProbeResult | null> {
  const result = (codec: string, channels: number, sampleRate: number, duration: number): ProbeResult => ({
    format,
    codec,
    channels,
    sampleRate,
    duration,
    method: 'header',
  });
  switch (format) {
    case 'wav': {
      const wav = probeWavHeader(file.path, head, file.size);
      return wav && result(wav.codec, wav.channels, wav.sampleRate, wav.duration);
    }
    case 'flac': {
      const info = flacStreamInfo(head);
      return info && info.totalSamples > 0
        ? result('flac', info.channels, info.sampleRate, info.totalSamples / info.sampleRate)
        : null;
    }
    case 'mp3': {
      // A Xing/Info frame count is exact up to encoder delay and padding (< 2 frames); without one, decode.
      const start = id3v2Length(head);
      const info = mpegStreamInfo(head, start);
      if (info?.xingBytes && file.size - start < info.xingBytes * TRUNCATED_SHARE) {
        throw fileError(
          'MALFORMED_FILE',
          file.path,
          `truncated: the header promises ${info.xingBytes} bytes of MP3, the file holds ${file.size - start}`,
        );
      }
      return info?.xingFrames
        ? result('mp3', info.channels, info.sampleRate, (info.xingFrames * info.samplesPerFrame) / info.sampleRate)
        : null;
    }
    case 'ogg-vorbis':
    case 'ogg-opus': {
      const id = oggIdHeader(head);
      const end = oggEnd(await file.read(Math.max(0, file.size - TAIL_BYTES), TAIL_BYTES));
      if (!id || !end.complete) return null;
      const samples = end.granule - id.preSkip;
      return result(format === 'ogg-opus' ? 'opus' : 'vorbis', id.channels, id.sampleRate, samples / id.sampleRate);
    }
  }
}

/**
 * Duration, channels, sample rate and codec of an audio file, for reports and for rejecting what
 * cannot work before decoding. The in-process formats are read from their headers (no decoding);
 * the rest asks ffprobe; without ffprobe, or when a header does not tell, the file is decoded.
 * Errors as for decodeFile: a SerkitError naming the file and the reason.
 */
export async function probeFile(path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const file = await openAudioFile(path);
  let head: Uint8Array;
  let format: InProcessFormat | null;
  try {
    head = await file.read(0, SNIFF_BYTES);
    format = sniffFormat(head);
    const fromHeader = format && (await probeHeader(file, format, head));
    if (fromHeader) return fromHeader;
    if (!format) {
      const probed = await ffprobe(path, file.absolutePath, options);
      if (probed && Number.isFinite(probed.duration)) return { ...probed, method: 'ffprobe' };
    }
  } catch (error) {
    throw asFileError(error, path);
  } finally {
    await file.close();
  }
  const decoded = await decodeFile(path, options);
  const { format: name, codec, channels, sampleRate } = decoded.source;
  return { format: name, codec, channels, sampleRate, duration: decoded.duration, method: 'decode' };
}
