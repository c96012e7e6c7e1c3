// `npm run bench [name…]`: runs every scripts/bench/*.bench.mjs (or the named ones) and rewrites
// their sections of BENCHMARKS.md, leaving the other sections as they were.
// A bench module exports `title` (string) and `run()` resolving to a markdown section body.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', '..', 'BENCHMARKS.md');
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace(/\.bench\.mjs$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

const machine = () => {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const py = spawnSync('/usr/bin/python3', ['--version'], { encoding: 'utf8' });
  return `${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${py.status === 0 ? `, ${py.stdout.trim()}` : ''}`;
};

const fresh = new Map();

for (const name of names) {
  const mod = await import(pathToFileURL(join(here, `${name}.bench.mjs`)).href);
  console.error(`bench ${name}: ${mod.title}`);
  const body = await mod.run();
  const stamp = `_Command: \`npm run bench ${name}\` — ${new Date().toISOString().slice(0, 10)} — ${machine()}_`;
  fresh.set(name, `## ${mod.title}\n\n${stamp}\n\n${body.trim()}\n\n`);
  console.log(body);
}

// Read the other sections only now: a bench can run for many minutes, and another run may have
// rewritten them meanwhile.
const sections = new Map();
if (existsSync(target)) {
  const text = readFileSync(target, 'utf8');
  for (const m of text.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1], m[2]);
}
for (const [name, body] of fresh) sections.set(name, body);

let out =
  '# Benchmarks\n\nWritten by `npm run bench` (scripts/bench/run.mjs); every section says the command and machine that made it.\n\n';
for (const [name, body] of [...sections].sort(([a], [b]) => a.localeCompare(b))) {
  out += `<!-- bench:${name} -->\n${body}<!-- /bench:${name} -->\n\n`;
}
writeFileSync(`${target}.tmp`, out);
renameSync(`${target}.tmp`, target);
