import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// 158 bytes fuzz_decode found: a WAV whose LIST chunk claims 7.6 MB. libsndfile 1.2.0 spins on it
// (over 100 s, endlessly as far as was waited); native/decode/riff_check.h now hands such files to
// the WebAssembly decoders before libsndfile sees them.
const LIST_OVERRUN =
  '52494646464b000057415645666d74201000000001000200803e000000fa0004000014004c4953541a007500494e464f49534654' +
  '0e0000004c2b7666' +
  'ff'.repeat(62) +
  'bfffffff35392e3237494e30300064617461004b0000005a5a5a5a5a1e021e02ff087403';

// Run in a child process: a decoder stuck in C cannot be interrupted from JavaScript.
const CHILD = `
const { decodeFile, decodeStream } = await import(process.argv[1]);
const path = process.argv[2];
const code = (e) => e?.code ?? String(e);
try { await decodeFile(path, { decoder: 'inprocess' }); console.log('whole: decoded'); } catch (e) { console.log('whole: ' + code(e)); }
try { for await (const w of decodeStream(path, { decoder: 'inprocess' })) void w; console.log('stream: decoded'); } catch (e) { console.log('stream: ' + code(e)); }
`;

describe('a WAV whose LIST chunk runs past the file', () => {
  it('gets a typed error on both paths, and quickly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'serkit-list-overrun-'));
    try {
      const path = join(dir, 'list-overrun.wav');
      await writeFile(path, Buffer.from(LIST_OVERRUN, 'hex'));
      expect(Buffer.from(LIST_OVERRUN, 'hex').length).toBe(158);
      const index = new URL('../dist/index.js', import.meta.url).href;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, index, path], {
        timeout: 60_000,
      });
      expect(stdout.trim().split('\n')).toEqual([
        expect.stringMatching(/^whole: (MALFORMED_FILE|UNSUPPORTED)$/),
        expect.stringMatching(/^stream: (MALFORMED_FILE|UNSUPPORTED)$/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
