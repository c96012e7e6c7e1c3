/** CRC-8 (polynomial x^8 + x^2 + x + 1) as FLAC frame headers use it. */
function crc8(bytes: Uint8Array, end: number, start: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i];
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** Whether a valid FLAC frame header (sync code, reserved bits, CRC-8) starts at `at`. */
export function isFlacFrameHeader(bytes: Uint8Array, at: number): boolean {
  if (at + 5 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xfe) !== 0xf8) return false;
  const blockSizeCode = bytes[at + 2] >> 4;
  const rateCode = bytes[at + 2] & 0x0f;
  if (blockSizeCode === 0 || rateCode === 15 || (bytes[at + 3] & 0x01) !== 0 || bytes[at + 3] >> 4 > 10) return false;
  // The frame/sample number, UTF-8 coded: 1 to 7 bytes.
  const lead = bytes[at + 4];
  let numberLength = 1;
  if (lead >= 0x80) {
    numberLength = 0;
    for (let mask = 0x80; lead & mask; mask >>= 1) numberLength++;
    if (numberLength < 2 || numberLength > 7) return false;
  }
  let end = at + 4 + numberLength;
  if (blockSizeCode === 6) end += 1;
  if (blockSizeCode === 7) end += 2;
  if (rateCode === 12) end += 1;
  if (rateCode === 13 || rateCode === 14) end += 2;
  return end < bytes.length && crc8(bytes, end, at) === bytes[end];
}

/**
 * Splits bytes holding one or more whole FLAC frames at each valid frame header. codec-parser
 * (2.5) hands over a stream's last two frames as one when the last is very short (e.g. a silent
 * final block coded as a CONSTANT subframe, common at the end of speech clips); libFLAC would then
 * decode only the first of them and the clip would lose its last block.
 */
export function splitFlacFrames(data: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 6; i + 5 < data.length; i++) {
    if (data[i] === 0xff && isFlacFrameHeader(data, i)) {
      parts.push(data.subarray(start, i));
      start = i;
    }
  }
  parts.push(data.subarray(start));
  return parts;
}
