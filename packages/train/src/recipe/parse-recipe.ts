import { SerkitError } from '@serkit/core';
import {
  type LearningRateSchedule,
  NO_RECIPE,
  PROTOTYPE_RECIPE,
  type SpecAugmentOptions,
  type TrainRecipe,
} from './types.js';

/** The recipe options of `serkit train`, as typed (undefined: take the preset's). */
export interface RecipeFlags {
  /** 'none' (the engine's original training) or 'prototype' (ACCURACY.md's PyTorch recipe). */
  readonly recipe?: string;
  /** 'BANDS,MAX_BANDS,FRAMES,MAX_FRAMES' (e.g. 2,8,2,24) or 'none'. */
  readonly specAugment?: string;
  readonly mixup?: string;
  readonly lrSchedule?: string;
  readonly weightDecay?: string;
  readonly randomCrop?: boolean;
}

const SCHEDULES: readonly LearningRateSchedule[] = ['constant', 'one-cycle', 'cosine'];

const bad = (input: string, reason: string) => new SerkitError('INVALID_ARGUMENT', reason, { input });

function number(value: string, input: string, low: number, high: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < low || n > high)
    throw bad(input, `must be a number in [${low}, ${high}], got '${value}'`);
  return n;
}

function parseSpecAugment(value: string): SpecAugmentOptions | null {
  if (value.trim() === 'none') return null;
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0))
    throw bad(
      '--spec-augment',
      `must be BANDS,MAX_BANDS,FRAMES,MAX_FRAMES (integers >= 0, e.g. 2,8,2,24) or none, got '${value}'`,
    );
  const [bandMasks, maxBands, frameMasks, maxFrames] = parts;
  return { bandMasks, maxBands, frameMasks, maxFrames };
}

/** The run's recipe: the preset of `--recipe`, then each option given explicitly on top. */
export function parseRecipe(flags: RecipeFlags): TrainRecipe {
  const preset = flags.recipe ?? 'none';
  if (preset !== 'none' && preset !== 'prototype') throw bad('--recipe', `must be none or prototype, got '${preset}'`);
  const base = preset === 'prototype' ? PROTOTYPE_RECIPE : NO_RECIPE;
  const schedule = flags.lrSchedule ?? base.schedule;
  if (!(SCHEDULES as readonly string[]).includes(schedule))
    throw bad('--lr-schedule', `must be one of ${SCHEDULES.join(', ')}, got '${schedule}'`);
  return {
    specAugment: flags.specAugment === undefined ? base.specAugment : parseSpecAugment(flags.specAugment),
    mixupAlpha: flags.mixup === undefined ? base.mixupAlpha : number(flags.mixup, '--mixup', 0, 10),
    schedule: schedule as LearningRateSchedule,
    weightDecay: flags.weightDecay === undefined ? base.weightDecay : number(flags.weightDecay, '--weight-decay', 0, 1),
    randomCrop: flags.randomCrop ?? base.randomCrop,
  };
}
