import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import {
  CONTRACT_VERSION,
  type DatasetItem,
  type DatasetPlugin,
  type DatasetProblem,
  type DatasetScan,
  type DatasetScanOptions,
  filterItems,
} from '@serkit/core';
import {
  ACTOR_COUNT,
  ACTORS_WITHOUT_SONG,
  CHANNELS,
  codeOf,
  EMOTION_LABELS,
  expectedStems,
  MODALITIES,
  parseRavdessStem,
} from './names.js';
import { walkFiles } from './walk.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
/** The npm package this plugin ships in (the registry records it as the plugin's source). */
export const PACKAGE_NAME = pkg.name;

/** Audio extensions the corpus ships in (.wav) or that conversions of it use (.flac). */
const AUDIO_EXTENSIONS = new Set(['.wav', '.flac']);
const ACTOR_FOLDER = /^Actor_(\d\d)$/;

/**
 * RAVDESS (Livingstone & Russo 2018): labels decoded from the file names. Items carry the emotion as
 * label, the actor as speaker, and modality, channel, intensity, statement, repetition and gender as
 * extra labels. Filter with e.g. `{ channel: 'speech' }`.
 */
export const ravdess: DatasetPlugin = {
  kind: 'dataset',
  contractVersion: CONTRACT_VERSION,
  id: 'ravdess',
  version: pkg.version,
  description: 'RAVDESS speech/song (.wav or .flac), labels decoded from the 7 fields of the file names',
  labels: EMOTION_LABELS,
  labelName: 'emotion',
  speakerName: 'actor',
  extraLabels: ['modality', 'channel', 'intensity', 'statement', 'repetition', 'gender'],
  scan: scanRavdess,
};

async function scanRavdess(dir: string, options: DatasetScanOptions = {}): Promise<DatasetScan> {
  const { files, unreadable } = await walkFiles(dir, options.signal);
  const problems: DatasetProblem[] = unreadable.map((u) => ({ kind: 'unreadable', path: u.path, message: u.reason }));
  const byStem = new Map<string, DatasetItem>();
  for (const path of files) {
    const extension = extname(path).toLowerCase();
    if (!AUDIO_EXTENSIONS.has(extension)) continue;
    const stem = basename(path).slice(0, -extension.length);
    const parsed = parseRavdessStem(stem);
    if (!parsed.ok) {
      problems.push({ kind: 'malformed-name', path, message: parsed.reason });
      continue;
    }
    const { name } = parsed;
    const folder = ACTOR_FOLDER.exec(basename(dirname(path)));
    if (folder !== null && folder[1] !== name.actor) {
      problems.push({
        kind: 'actor-mismatch',
        path,
        message: `file of actor ${name.actor} lies in Actor_${folder[1]}`,
      });
    }
    const duplicate = byStem.get(stem);
    if (duplicate !== undefined) {
      problems.push({ kind: 'duplicate', path, message: `same recording as ${duplicate.path}; the first one is used` });
      continue;
    }
    byStem.set(stem, {
      path,
      label: name.emotion,
      speaker: name.actor,
      extra: {
        modality: name.modality,
        channel: name.channel,
        intensity: name.intensity,
        statement: name.statement,
        repetition: name.repetition,
        gender: name.gender,
      },
    });
  }
  const items = filterItems([...byStem.values()], options.filter, ravdess);
  problems.push(...completenessProblems(items, dir));
  if (items.length === 0) {
    problems.push({ kind: 'empty', path: dir, message: 'no RAVDESS .wav or .flac files found' });
  }
  return { items, problems };
}

/**
 * Missing files and actors, judged per modality and channel present: every actor should be there
 * (song: all but actor 18, who recorded none) with all 60 speech / 44 song recordings.
 */
function completenessProblems(items: readonly DatasetItem[], dir: string): DatasetProblem[] {
  const groups = new Map<string, Set<string>>();
  for (const item of items) {
    const stem = basename(item.path).replace(/\.[^.]+$/, '');
    const key = `${codeOf(MODALITIES, item.extra.modality)}-${codeOf(CHANNELS, item.extra.channel)}`;
    if (!groups.has(key)) groups.set(key, new Set());
    groups.get(key)!.add(stem);
  }
  const problems: DatasetProblem[] = [];
  for (const [key, stems] of groups) {
    const [modality, channel] = key.split('-');
    const label = `${MODALITIES[modality]} ${CHANNELS[channel]}`;
    const actors = new Set([...stems].map((stem) => stem.slice(-2)));
    const expectedActors = Array.from({ length: ACTOR_COUNT }, (_, i) => String(i + 1).padStart(2, '0')).filter(
      (actor) => channel !== '02' || !ACTORS_WITHOUT_SONG.includes(actor),
    );
    const missingActors = expectedActors.filter((actor) => !actors.has(actor));
    if (missingActors.length > 0) {
      problems.push({
        kind: 'missing-speaker',
        path: dir,
        message: `${label}: ${missingActors.length} of ${expectedActors.length} actors have no files (${missingActors.join(', ')})`,
      });
    }
    for (const actor of [...actors].sort()) {
      const expected = expectedStems(modality, channel, actor);
      const missing = expected.filter((stem) => !stems.has(stem));
      if (missing.length > 0) {
        problems.push({
          kind: 'missing-file',
          path: dir,
          message: `${label}, actor ${actor}: ${missing.length} of ${expected.length} recordings missing (${missing.join(', ')})`,
        });
      }
    }
  }
  return problems;
}
