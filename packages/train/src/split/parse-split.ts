import { SerkitError } from '@serkit/core';
import type { SplitProtocol } from './types.js';

/** The paper's cross-validation: 6 folds of 4 actors (1-4, 5-8, …, 21-24). */
export const KFOLD_ACTOR_FOLDS = 6;

/** Parses `--split seed | actors:<list> | kfold-actor` (list: comma-separated ids, e.g. `actors:1,2,23`). */
export function parseSplit(value: string): SplitProtocol {
  if (value === 'seed') return { kind: 'seed' };
  if (value === 'kfold-actor') return { kind: 'kfold-actor', folds: KFOLD_ACTOR_FOLDS };
  const list = /^actors:(.+)$/.exec(value)?.[1];
  if (list !== undefined) {
    const testSpeakers = list.split(',').map((s) => s.trim());
    if (testSpeakers.every((s) => s.length > 0)) return { kind: 'actors', testSpeakers };
  }
  throw new SerkitError(
    'INVALID_ARGUMENT',
    `'${value}' is not a split (use seed, actors:<comma-separated actor ids>, or kfold-actor)`,
    { input: '--split' },
  );
}

/** Speaker ids match as strings or as numbers, so `actors:1` selects RAVDESS actor '01'. */
export function sameSpeaker(a: string, b: string): boolean {
  if (a === b) return true;
  const na = Number(a);
  const nb = Number(b);
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && na === nb;
}
