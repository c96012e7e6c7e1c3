import { fileError } from '../errors.js';
import { oggEnd } from './headers.js';
import type { SessionFile } from './session.js';

/** Throws MALFORMED_FILE unless the Ogg stream ends with its end-of-stream page (else it was cut short). */
export function checkOggComplete(file: SessionFile, decodedSamples: number, codec: string): void {
  if (decodedSamples === 0) throw fileError('DECODE_FAILED', file.path, `no ${codec} audio could be decoded`);
  if (!oggEnd(file.tail).complete) {
    throw fileError('MALFORMED_FILE', file.path, `truncated: the Ogg ${codec} stream has no end-of-stream page`);
  }
}
