// Helpers for the end-to-end CLI tests: they spawn the built CLI (`npm test` runs `tsc -b` first).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const serkitBin = join(repoRoot, 'packages/cli/bin/run.js');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where the CLI runs and what it reads on stdin (default: the repository root, no stdin). */
export interface RunIo {
  readonly cwd?: string;
  readonly input?: string;
}

/** Runs `serkit ...args` (no shell) and collects its output; fails fast when the CLI is not built. */
export function serkit(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
  io: RunIo = {},
): Promise<RunResult> {
  if (!existsSync(join(repoRoot, 'packages/cli/dist/commands'))) {
    throw new Error('packages/cli is not built: run `npx tsc -b` (npm test does) before the CLI tests');
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [serkitBin, ...args], {
      cwd: io.cwd ?? repoRoot,
      env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', ...env },
      stdio: [io.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    if (io.input !== undefined) child.stdin?.end(io.input);
  });
}

/** Parses stdout as JSON, showing the whole output when it is not. */
export function json<T = Record<string, unknown>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
