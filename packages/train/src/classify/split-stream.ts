/**
 * Splits a byte/text stream into records on `separator` ('\n' or '\0'), decoding UTF-8 across chunk
 * boundaries. With '\n' a trailing '\r' is dropped (lists written on Windows); empty records are
 * skipped. Only the current partial record is held in memory, so a list of any length streams.
 */
export async function* splitStream(
  chunks: AsyncIterable<string | Uint8Array>,
  separator: '\n' | '\0',
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let at = pending.indexOf(separator);
    while (at >= 0) {
      const record = clean(pending.slice(0, at), separator);
      if (record !== '') yield record;
      pending = pending.slice(at + 1);
      at = pending.indexOf(separator);
    }
  }
  pending += decoder.decode();
  const last = clean(pending, separator);
  if (last !== '') yield last;
}

function clean(record: string, separator: '\n' | '\0'): string {
  return separator === '\n' && record.endsWith('\r') ? record.slice(0, -1) : record;
}
