import type { DatasetItem } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { parseSplit } from './parse-split.js';
import { planPartitions } from './plan-partitions.js';

// 24 actors x 5 files, as RAVDESS names them ('01'…'24').
const items: DatasetItem[] = Array.from({ length: 24 * 5 }, (_, i) => {
  const speaker = String(Math.floor(i / 5) + 1).padStart(2, '0');
  return { path: `/d/Actor_${speaker}/${i}.wav`, label: ['a', 'b', 'c'][i % 3], speaker, extra: {} };
});
const augment = ['noise', 'pitch', 'stretch'] as const;
const key = (e: { item: DatasetItem; variant: string }) => `${e.item.path}#${e.variant}`;

describe('parseSplit', () => {
  it('parses the three protocols and refuses others', () => {
    expect(parseSplit('seed')).toEqual({ kind: 'seed' });
    expect(parseSplit('actors:1, 2')).toEqual({ kind: 'actors', testSpeakers: ['1', '2'] });
    expect(parseSplit('kfold-actor')).toEqual({ kind: 'kfold-actor', folds: 6 });
    expect(() => parseSplit('actors:')).toThrow(/--split/);
    expect(() => parseSplit('random')).toThrow(/not a split/);
  });
});

describe('planPartitions', () => {
  it('seed: augments x4 first, then splits 80/20 (leaky), repeatably', () => {
    const [p] = planPartitions(items, { kind: 'seed' }, { seed: 3, augment });
    expect(p.info.leaky).toBe(true);
    expect(p.info.description).toMatch(/LEAKY/);
    const total = p.train.length + p.validation.length + p.test.length;
    expect(total).toBe(items.length * 4);
    expect(p.test.length).toBe(96);
    const testSources = new Set(p.test.map((e) => e.item.path));
    // The leak: some test files have augmented copies in training.
    expect(p.train.some((e) => testSources.has(e.item.path))).toBe(true);
    const again = planPartitions(items, { kind: 'seed' }, { seed: 3, augment })[0];
    expect(again.test.map(key)).toEqual(p.test.map(key));
    expect(planPartitions(items, { kind: 'seed' }, { seed: 4, augment })[0].test.map(key)).not.toEqual(p.test.map(key));
  });

  it('validationSpeakers 0: every non-test speaker trains and nothing is held out', () => {
    const [p] = planPartitions(items, { kind: 'actors', testSpeakers: ['1'] }, { seed: 3, validationSpeakers: 0 });
    expect(p.validation).toEqual([]);
    expect(p.train).toHaveLength(23 * 5);
    expect(p.info.validationSpeakers).toEqual([]);
    expect(p.info.description).toMatch(/no validation speakers/);
  });

  it('actors: holds out the listed actors, augments only training, validates on other training actors', () => {
    const [p] = planPartitions(items, parseSplit('actors:1,2'), { seed: 1, augment });
    expect(new Set(p.test.map((e) => e.item.speaker))).toEqual(new Set(['01', '02']));
    expect(p.test.every((e) => e.variant === 'original')).toBe(true);
    expect(p.info).toMatchObject({ leaky: false, testSpeakers: ['01', '02'] });
    const val = new Set(p.validation.map((e) => e.item.speaker));
    expect(val.size).toBe(2);
    for (const e of p.train) {
      expect(['01', '02']).not.toContain(e.item.speaker);
      expect(val.has(e.item.speaker)).toBe(false);
    }
    expect(p.train.length).toBe((24 - 4) * 5 * 4);
  });

  it('kfold-actor: 6 folds of 4 consecutive actors, each tested once', () => {
    const folds = planPartitions(items, { kind: 'kfold-actor', folds: 6 }, { seed: 1, augment });
    expect(folds.map((f) => f.info.testSpeakers)).toEqual([
      ['01', '02', '03', '04'],
      ['05', '06', '07', '08'],
      ['09', '10', '11', '12'],
      ['13', '14', '15', '16'],
      ['17', '18', '19', '20'],
      ['21', '22', '23', '24'],
    ]);
    for (const f of folds) {
      const test = new Set(f.info.testSpeakers);
      expect(f.train.concat(f.validation).some((e) => test.has(e.item.speaker))).toBe(false);
    }
  });

  it('names speakers that do not exist and refuses an empty dataset', () => {
    expect(() => planPartitions(items, parseSplit('actors:99'), { seed: 1 })).toThrow(/speaker\(s\) 99/);
    expect(() => planPartitions([], { kind: 'seed' }, { seed: 1 })).toThrow(/no items/);
  });
});
