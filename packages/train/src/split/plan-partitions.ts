import { createRng, type DatasetItem, SerkitError } from '@serkit/core';
import type { SplitInfo } from '../model/manifest-schema.js';
import { deriveSeed } from '../random/derive-seed.js';
import { sameSpeaker } from './parse-split.js';
import type { AugmentationName, Example, Partition, SplitProtocol, Variant } from './types.js';

export interface PlanOptions {
  /** Augmentations added to training items (each item also keeps its original). Default none. */
  readonly augment?: readonly AugmentationName[];
  /** Seed of every random choice below. */
  readonly seed: number;
  /** Test share of the `seed` protocol. Default 0.2 (the paper's 80/20). */
  readonly testFraction?: number;
  /** Share of the training part held out for early stopping when speakers cannot be. Default 0.1. */
  readonly validationFraction?: number;
  /** Training speakers held out (originals only) for early stopping. Default 2. */
  readonly validationSpeakers?: number;
}

const withVariants = (items: readonly DatasetItem[], variants: readonly Variant[]): Example[] =>
  items.flatMap((item) => variants.map((variant) => ({ item, variant })));
const originals = (items: readonly DatasetItem[]): Example[] => withVariants(items, ['original']);

/** Speakers in natural order ('2' before '10'). */
function speakersOf(items: readonly DatasetItem[]): string[] {
  return [...new Set(items.map((i) => i.speaker))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Splits `items` into train/validation/test partitions by `protocol`:
 * - `seed` (the paper's, leaky): every item in every variant first, then a seeded random split of
 *   those examples, so augmented copies of a test file's source land in training.
 * - `actors`: the listed speakers' originals are the test set; the others, augmented, train.
 * - `kfold-actor`: speakers in natural order cut into `folds` consecutive groups (RAVDESS: 1-4,
 *   5-8, …); each group is tested once.
 * Validation always comes from the training part: held-out training speakers when there are
 * enough, else a random share of the training examples.
 */
export function planPartitions(
  items: readonly DatasetItem[],
  protocol: SplitProtocol,
  options: PlanOptions,
): Partition[] {
  if (items.length === 0) throw new SerkitError('DATASET', 'the dataset has no items', { input: '--data' });
  const variants: Variant[] = ['original', ...(options.augment ?? [])];
  const augmented = variants.length > 1 ? `augmented x${variants.length} (${variants.join(', ')})` : 'not augmented';
  if (protocol.kind === 'seed') {
    const prng = createRng(deriveSeed(options.seed, 'split'));
    const testPct = Math.round((options.testFraction ?? 0.2) * 100);
    const trainPct = 100 - testPct;
    const all = prng.shuffle(withVariants(items, variants));
    const nTest = Math.max(1, Math.round(all.length * (options.testFraction ?? 0.2)));
    const rest = all.slice(nTest);
    const nVal = Math.max(1, Math.round(rest.length * (options.validationFraction ?? 0.1)));
    return [
      {
        name: 'main',
        test: all.slice(0, nTest),
        validation: rest.slice(0, nVal),
        train: rest.slice(nVal),
        info: {
          protocol: 'seed',
          leaky: true,
          description:
            variants.length > 1
              ? `the paper's protocol: every file ${augmented}, then a random ${trainPct}/${testPct} split of the examples (seed ${options.seed}). LEAKY: augmented copies of each test file's source recording are in training, and the same speakers are on both sides, so the score overstates accuracy on new speakers.`
              : `a random ${trainPct}/${testPct} split of the files (seed ${options.seed}), as the paper's protocol but without augmentation. LEAKY: the same speakers are on both sides, so the score overstates accuracy on new speakers.`,
        },
      },
    ];
  }
  const speakers = speakersOf(items);
  if (speakers.length < 2 || speakers.some((s) => s === '')) {
    throw new SerkitError('DATASET', 'speaker-based splits need at least two speakers and a speaker id on every item', {
      input: '--split',
    });
  }
  const byTestGroup = (testSpeakers: readonly string[], name: string, fold?: number): Partition => {
    const isTest = (item: DatasetItem) => testSpeakers.some((s) => sameSpeaker(s, item.speaker));
    const test = items.filter(isTest);
    const trainItems = items.filter((item) => !isTest(item));
    const testIds = speakersOf(test);
    if (trainItems.length === 0)
      throw new SerkitError('DATASET', 'no speakers are left for training', { input: '--split' });
    const trainSpeakers = speakersOf(trainItems);
    const prng = createRng(deriveSeed(options.seed, 'validation', name));
    const nValSpeakers = options.validationSpeakers ?? 2;
    let validation: Example[];
    let train: Example[];
    let validationSpeakers: string[] | undefined;
    if (trainSpeakers.length > nValSpeakers + 1) {
      validationSpeakers = prng
        .shuffle(trainSpeakers)
        .slice(0, nValSpeakers)
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      const held = new Set(validationSpeakers);
      validation = originals(trainItems.filter((i) => held.has(i.speaker)));
      train = withVariants(
        trainItems.filter((i) => !held.has(i.speaker)),
        variants,
      );
    } else {
      const shuffled = prng.shuffle([...trainItems]);
      const nVal = Math.max(1, Math.round(shuffled.length * (options.validationFraction ?? 0.1)));
      validation = originals(shuffled.slice(0, nVal));
      train = withVariants(shuffled.slice(nVal), variants);
    }
    const info: SplitInfo = {
      protocol: protocol.kind,
      leaky: false,
      description: `speaker-independent: test speakers ${testIds.join(', ')} (originals only); training speakers ${augmented}; ${validationSpeakers === undefined ? 'early stopping on a random share of the training files' : validationSpeakers.length === 0 ? 'no validation speakers: every training speaker trains' : `early stopping on held-out training speakers ${validationSpeakers.join(', ')}`}.`,
      testSpeakers: testIds,
      ...(validationSpeakers ? { validationSpeakers } : {}),
      ...(fold === undefined ? {} : { fold }),
    };
    return { name, train, validation, test: originals(test), info };
  };
  if (protocol.kind === 'actors') {
    const missing = protocol.testSpeakers.filter((s) => !speakers.some((t) => sameSpeaker(s, t)));
    if (missing.length > 0) {
      throw new SerkitError(
        'DATASET',
        `no items of speaker(s) ${missing.join(', ')} (speakers: ${speakers.join(', ')})`,
        {
          input: '--split',
        },
      );
    }
    return [byTestGroup(protocol.testSpeakers, 'main')];
  }
  if (speakers.length < protocol.folds) {
    throw new SerkitError(
      'DATASET',
      `kfold-actor needs at least ${protocol.folds} speakers, the dataset has ${speakers.length}`,
      {
        input: '--split',
      },
    );
  }
  return Array.from({ length: protocol.folds }, (_, k) => {
    const start = Math.round((k * speakers.length) / protocol.folds);
    const end = Math.round(((k + 1) * speakers.length) / protocol.folds);
    return byTestGroup(speakers.slice(start, end), `fold-${k + 1}`, k + 1);
  });
}
