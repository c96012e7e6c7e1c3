/** Header facts read straight from the bytes, for probing and for spotting truncated files. */

export interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it. */
  totalSamples: number;
  /** Largest block (samples per frame) in the stream. */
  maxBlockSize: number;
  /** Where the first audio frame starts (after all metadata blocks); -1 when that is beyond `head`. */
  audioStart: number;
}

/** Offset of the first FLAC frame: past 'fLaC' and every metadata block. */
function flacAudioStart(head: Uint8Array): number {
  let at = 4;
  while (at + 4 <= head.length) {
    const isLast = (head[at] & 0x80) !== 0;
    at += 4 + ((head[at + 1] << 16) | (head[at + 2] << 8) | head[at + 3]);
    if (isLast) return at <= head.length ? at : -1;
  }
  return -1;
}

/** FLAC's STREAMINFO block (always the first metadata block after `fLaC`). */
export function flacStreamInfo(head: Uint8Array): FlacStreamInfo | null {
  if (head.length < 42 || (head[4] & 0x7f) !== 0) return null;
  const s = 8; // 'fLaC' + block header
  const sampleRate = (head[s + 10] << 12) | (head[s + 11] << 4) | (head[s + 12] >> 4);
  const channels = ((head[s + 12] >> 1) & 0x07) + 1;
  const bitsPerSample = (((head[s + 12] & 1) << 4) | (head[s + 13] >> 4)) + 1;
  const totalSamples =
    (head[s + 13] & 0x0f) * 2 ** 32 +
    ((head[s + 14] << 24) >>> 0) +
    (head[s + 15] << 16) +
    (head[s + 16] << 8) +
    head[s + 17];
  const maxBlockSize = (head[s + 2] << 8) | head[s + 3];
  return { sampleRate, channels, bitsPerSample, totalSamples, maxBlockSize, audioStart: flacAudioStart(head) };
}

const MPEG_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

export interface MpegStreamInfo {
  sampleRate: number;
  channels: number;
  samplesPerFrame: number;
  /** Frame count from a Xing/Info header, when there is one. */
  xingFrames?: number;
  /** Stream size in bytes from a Xing/Info header, when there is one. */
  xingBytes?: number;
}

/** The first MPEG audio frame at `at` (after any ID3v2 tag), and its Xing/Info frame count. */
export function mpegStreamInfo(head: Uint8Array, at: number): MpegStreamInfo | null {
  if (at + 4 > head.length) return null;
  const version = (head[at + 1] >> 3) & 3; // 3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5
  const layer = 4 - ((head[at + 1] >> 1) & 3);
  const sampleRate = MPEG_RATES[version]?.[(head[at + 2] >> 2) & 3];
  if (sampleRate === undefined || layer > 3) return null;
  const mono = head[at + 3] >> 6 === 3;
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || version === 3 ? 1152 : 576;
  const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const x = at + 4 + sideInfo;
  let xingFrames: number | undefined;
  let xingBytes: number | undefined;
  const tag = String.fromCharCode(...head.subarray(x, x + 4));
  const u32 = (at: number) => ((head[at] << 24) >>> 0) + (head[at + 1] << 16) + (head[at + 2] << 8) + head[at + 3];
  if ((tag === 'Xing' || tag === 'Info') && x + 16 <= head.length) {
    const flags = head[x + 7];
    let field = x + 8;
    if (flags & 1) {
      xingFrames = u32(field);
      field += 4;
    }
    if (flags & 2) xingBytes = u32(field);
  }
  return { sampleRate, channels: mono ? 1 : 2, samplesPerFrame, xingFrames, xingBytes };
}

/** Offset of the last complete-looking Ogg page header in `tail`, or -1. */
function lastOggPage(tail: Uint8Array): number {
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] === 0x4f && tail[i + 1] === 0x67 && tail[i + 2] === 0x67 && tail[i + 3] === 0x53 && tail[i + 4] === 0) {
      const segments = tail[i + 26];
      let body = 0;
      for (let k = 0; k < segments && i + 27 + k < tail.length; k++) body += tail[i + 27 + k];
      if (i + 27 + segments + body <= tail.length) return i;
    }
  }
  return -1;
}

/** Whether the Ogg stream ends with its end-of-stream page, and that page's granule position. */
export function oggEnd(tail: Uint8Array): { complete: boolean; granule: number } {
  const at = lastOggPage(tail);
  if (at < 0) return { complete: false, granule: 0 };
  const view = new DataView(tail.buffer, tail.byteOffset + at, 27);
  const granule = Number(view.getBigInt64(6, true));
  return { complete: (tail[at + 5] & 0x04) !== 0, granule };
}

/** Channels and rate from an Ogg Vorbis or Opus identification header (first page). */
export function oggIdHeader(head: Uint8Array): { channels: number; sampleRate: number; preSkip: number } | null {
  if (head.length < 28) return null;
  const p = 27 + head[26];
  if (p + 19 > head.length) return null;
  const view = new DataView(head.buffer, head.byteOffset);
  if (head[p] === 1) return { channels: head[p + 11], sampleRate: view.getUint32(p + 12, true), preSkip: 0 };
  // OpusHead: version(1) channels(1) pre-skip(2) input rate(4); Opus always decodes at 48 kHz.
  return { channels: head[p + 9], sampleRate: 48000, preSkip: view.getUint16(p + 10, true) };
}
