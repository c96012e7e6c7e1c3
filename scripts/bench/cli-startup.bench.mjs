// `npm run bench cli-startup`: how fast `serkit --help` and `serkit list` answer (goal for --help:
// under 0.5 s). Wall time of whole processes: median and fastest of several runs after a warm-up
// (the fastest is the best estimate on a shared, busy machine).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const title = 'CLI start-up (serkit --help, serkit list)';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages/cli/bin/run.js');
const RUNS = 7;

function measure(args) {
  spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' }); // warm the file-system cache
  const walls = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0) throw new Error(`serkit ${args.join(' ')} exited ${run.status}`);
  }
  walls.sort((a, b) => a - b);
  return { median: walls[Math.floor(RUNS / 2)], min: walls[0] };
}

export async function run() {
  const rows = [];
  for (const args of [['--help'], ['list']]) {
    const { median, min } = measure(args);
    rows.push(`| \`serkit ${args.join(' ')}\` | ${median.toFixed(0)} ms | ${min.toFixed(0)} ms |`);
  }
  return [
    `Each command run ${RUNS} times after a warm-up (\`node packages/cli/bin/run.js\`, built dist).`,
    '',
    '| command | median wall | fastest |',
    '|---|---|---|',
    ...rows,
    '',
    '`--help` loads no command dependencies beyond oclif: command modules import @serkit/* and TensorFlow.js inside `run()`.',
  ].join('\n');
}
