import type { InProcessFormat } from './types.js';

/** How many bytes from the start of a file `sniffFormat` wants to see (room for an ID3v2 tag). */
export const SNIFF_BYTES = 64 * 1024;

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** An MPEG audio frame header (layer I-III, MPEG 1/2/2.5) starts at `at`. ADTS AAC (layer 0) is not one. */
function isMpegFrameHeader(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length) return false;
  const b1 = bytes[at + 1];
  const b2 = bytes[at + 2];
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  return (
    bytes[at] === 0xff &&
    (b1 & 0xe0) === 0xe0 &&
    version !== 1 &&
    layer !== 0 &&
    bitrateIndex !== 0 &&
    bitrateIndex !== 15 &&
    rateIndex !== 3
  );
}

/** Bytes taken by an ID3v2 tag at the start, or 0. */
export function id3v2Length(bytes: Uint8Array): number {
  if (!ascii(bytes, 0, 'ID3') || bytes.length < 10) return 0;
  const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
  const hasFooter = (bytes[5] & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}

/** The codec of an Ogg stream, from the first packet of its first page. */
function sniffOgg(bytes: Uint8Array): InProcessFormat | null {
  if (bytes.length < 28) return null;
  const packet = 27 + bytes[26];
  if (ascii(bytes, packet, '\x01vorbis')) return 'ogg-vorbis';
  if (ascii(bytes, packet, 'OpusHead')) return 'ogg-opus';
  return null;
}

/**
 * The in-process format of a file from its first bytes (`SNIFF_BYTES` of them), or null when it
 * is none of them (then ffmpeg decides). Extensions are never consulted: a text file named `.wav`
 * is not WAV, an MP3 named `.wav` is MP3.
 */
export function sniffFormat(head: Uint8Array): InProcessFormat | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 0, 'fLaC')) return 'flac';
  if (ascii(head, 0, 'OggS')) return sniffOgg(head);
  const start = id3v2Length(head);
  if (isMpegFrameHeader(head, start)) return 'mp3';
  return null;
}
