import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import {
  CONTRACT_VERSION,
  type DatasetItem,
  type DatasetPlugin,
  type DatasetProblem,
  type DatasetScan,
  type DatasetScanOptions,
  filterItems,
  SerkitError,
} from '@serkit/core';
import { parseCsv } from './csv.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
export const PACKAGE_NAME = pkg.name;

const AUDIO = new Set(['.wav', '.flac', '.mp3', '.ogg', '.opus', '.m4a']);
const MANIFEST = 'manifest.csv';

/** A generic dataset: one folder per label, or a CSV manifest `path,label,speaker`. */
export const folders: DatasetPlugin = {
  kind: 'dataset',
  contractVersion: CONTRACT_VERSION,
  id: 'folders',
  version: pkg.version,
  description: 'one folder per label (DIR/<label>/[<speaker>/]file), or a CSV manifest path,label,speaker',
  labels: [],
  speakerName: 'speaker',
  async scan(dir: string, options: DatasetScanOptions = {}): Promise<DatasetScan> {
    const info = await stat(dir).catch(() => undefined);
    if (info === undefined) throw new SerkitError('NOT_FOUND', 'does not exist', { input: dir });
    const manifest = info.isFile() ? dir : join(dir, MANIFEST);
    const fromManifest = info.isFile() || (await stat(manifest).catch(() => undefined))?.isFile() === true;
    const scan = fromManifest ? await scanManifest(manifest) : await scanFolders(dir);
    const items = filterItems(scan.items, options.filter, folders);
    return { items, problems: [...scan.problems, ...smallClasses(items)] };
  },
};

async function scanManifest(manifest: string): Promise<DatasetScan> {
  const base = dirname(manifest);
  const rows = parseCsv(await readFile(manifest, 'utf8'));
  const problems: DatasetProblem[] = [];
  const items: DatasetItem[] = [];
  const header = rows.shift();
  if (header === undefined || header.fields.join(',') !== 'path,label,speaker') {
    throw new SerkitError('MALFORMED_FILE', 'the first line must be the header path,label,speaker', {
      input: manifest,
    });
  }
  for (const { line, fields } of rows) {
    const [path, label, speaker] = fields;
    if (fields.length !== 3 || !path || !label) {
      problems.push({ kind: 'malformed-row', path: manifest, message: `line ${line}: expected path,label,speaker` });
      continue;
    }
    const absolute = resolve(base, path);
    if ((await stat(absolute).catch(() => undefined))?.isFile() !== true) {
      problems.push({ kind: 'missing-file', path: absolute, message: `line ${line}: file not found` });
      continue;
    }
    items.push({ path: absolute, label, speaker: speaker || 'unknown', extra: {} });
  }
  return { items, problems };
}

async function scanFolders(dir: string): Promise<DatasetScan> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const items: DatasetItem[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !AUDIO.has(extname(entry.name).toLowerCase())) continue;
    const path = join(entry.parentPath, entry.name);
    const parts = relative(dir, path).split(sep);
    if (parts.length < 2) continue; // files directly in DIR have no label folder
    items.push({ path, label: parts[0], speaker: parts.length > 2 ? parts[parts.length - 2] : 'unknown', extra: {} });
  }
  items.sort((a, b) => (a.path < b.path ? -1 : 1));
  const problems: DatasetProblem[] =
    items.length === 0 ? [{ kind: 'empty', path: dir, message: 'no audio files in label folders' }] : [];
  return { items, problems };
}

function smallClasses(items: readonly DatasetItem[]): DatasetProblem[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n === 1)
    .map(([label]) => ({ kind: 'small-class', message: `label '${label}' has a single file` }));
}
