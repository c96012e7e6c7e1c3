import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const deno = join(root, 'node_modules', '@deno', 'linux-x64-glibc', 'deno');
const builtCore = join(root, 'packages', 'core', 'dist', 'index.js');

describe('core under Deno', () => {
  it('passes the Deno smoke suite (test/deno/core.smoke.ts) on the built core', (ctx) => {
    if (!existsSync(deno)) {
      ctx.skip(`Deno binary not found at ${deno} (npm package @deno/linux-x64-glibc): skipped`);
      return;
    }
    if (!existsSync(builtCore)) {
      ctx.skip(`${builtCore} is missing: run \`npm run build\` first (npm test does)`);
      return;
    }
    const result = spawnSync(deno, ['test', '--allow-read', '--allow-env', join('test', 'deno', 'core.smoke.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      timeout: 120_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/ok \| 4 passed \| 0 failed/);
  });
});
