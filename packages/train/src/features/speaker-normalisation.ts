import type { FeatureMatrix } from '@serkit/core';
import type { Example } from '../split/types.js';
import { exampleKey } from './compute-features.js';
import { applyNormalisation, fitNormalisation } from './normalisation.js';

/**
 * Per-speaker standardisation: every feature dim of a speaker's clips is shifted and scaled by the
 * mean and std of all that speaker's frames (original recordings only, labels unused). It removes
 * a speaker's voice and recording level, but it needs several clips of the speaker — for a test
 * speaker, their unlabeled audio — so it is an evaluation option (`serkit classify`, which sees one
 * clip at a time, cannot apply it). Returns new matrices under the same keys.
 */
export function normaliseBySpeaker(
  examples: readonly Example[],
  features: ReadonlyMap<string, FeatureMatrix>,
): Map<string, FeatureMatrix> {
  const bySpeaker = new Map<string, Example[]>();
  for (const e of examples) {
    if (!features.has(exampleKey(e))) continue;
    const list = bySpeaker.get(e.item.speaker) ?? [];
    list.push(e);
    bySpeaker.set(e.item.speaker, list);
  }
  const out = new Map<string, FeatureMatrix>();
  for (const list of bySpeaker.values()) {
    const originals = list.filter((e) => e.variant === 'original');
    const norm = fitNormalisation((originals.length > 0 ? originals : list).map((e) => features.get(exampleKey(e))!));
    for (const e of list) out.set(exampleKey(e), applyNormalisation(features.get(exampleKey(e))!, norm));
  }
  return out;
}
