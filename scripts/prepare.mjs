// Runs on `npm install` in the repository: compiles the TypeScript packages, then tries to build the
// optional native addon. A missing compiler or cmake never fails the install: the TS DSP is used.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

const tsc = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], root);
if (tsc.status !== 0) {
  process.stderr.write(tsc.stdout + tsc.stderr);
  process.exit(tsc.status ?? 1);
}

if (process.env.SERKIT_SKIP_ADDON === '1') {
  console.log('serkit: native addon skipped (SERKIT_SKIP_ADDON=1); the TypeScript DSP will be used.');
} else if (run('cmake', ['--version'], root).status !== 0) {
  console.log('serkit: native addon not built (cmake not found); the TypeScript DSP will be used.');
} else {
  const addon = run('npm', ['run', '--silent', 'build:addon', '-w', '@serkit/native'], root);
  if (addon.status === 0) {
    console.log('serkit: native addon built (build/Release/serkit_native.node).');
  } else {
    const why = `${addon.stderr}${addon.stdout}`.trim().split('\n').filter(Boolean).pop() ?? 'unknown error';
    console.log(`serkit: native addon not built (${why.slice(0, 200)}); the TypeScript DSP will be used.`);
  }
}
