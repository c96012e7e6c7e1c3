import { spawn } from 'node:child_process';
import { SerkitError } from '@serkit/core';
import { fileError } from '../errors.js';
import { ffmpegFailure } from './stderr-reason.js';

export interface RunOptions {
  /** The file being decoded, as the caller named it (for errors). */
  path: string;
  /** Kill the child after this many ms. Default: no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What ffmpeg said on stderr, kept for errors and stream info (bounded: a hostile file cannot flood memory). */
export interface StderrLog {
  text: string;
}

const MAX_STDERR = 64 * 1024;

/**
 * Runs ffmpeg (or ffprobe) with an argument array — never a shell — and yields its stdout as it
 * arrives. Reading is pulled by the consumer, so a slow consumer pauses ffmpeg through the pipe
 * (bounded memory). Timeout and abort kill the child; so does the consumer stopping early.
 * Throws a SerkitError naming the file: TIMEOUT, ABORTED, NO_FFMPEG (spawn failed) or what stderr says.
 */
export async function* runFfmpeg(
  binary: string,
  args: string[],
  options: RunOptions,
  stderrLog: StderrLog = { text: '' },
): AsyncGenerator<Buffer> {
  const { path, timeoutMs, signal } = options;
  if (signal?.aborted) throw fileError('ABORTED', path, 'decoding was aborted');
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stopped: SerkitError | undefined;
  const stop = (error: SerkitError) => {
    stopped ??= error;
    child.kill('SIGKILL');
  };
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderrLog.text.length < MAX_STDERR) stderrLog.text += text.slice(0, MAX_STDERR - stderrLog.text.length);
  });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop(fileError('TIMEOUT', path, `decoding took longer than ${timeoutMs} ms`)), timeoutMs);
  const onAbort = () => stop(fileError('ABORTED', path, 'decoding was aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of child.stdout) {
      if (stopped) break;
      yield chunk as Buffer;
    }
    const exitCode = await closed;
    if (stopped) throw stopped;
    if (spawnError) {
      throw new SerkitError('NO_FFMPEG', `cannot run ${binary}: ${spawnError.message}`, {
        input: path,
        cause: spawnError,
      });
    }
    if (exitCode !== 0) {
      const { code, reason } = ffmpegFailure(errorLines(stderrLog.text), exitCode);
      throw fileError(code, path, reason);
    }
  } finally {
    if (timer) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed; // reaped: no zombie, no open pipe left behind
  }
}

/** The error lines of a `-loglevel level+…` log (each line starts with `[error]`, `[fatal]`, …). */
export function errorLines(log: string): string {
  return log
    .split('\n')
    .filter((line) => /^\[(error|fatal|panic)\]/.test(line))
    .map((line) => line.replace(/^\[\w+\]\s*/, ''))
    .join('\n');
}
