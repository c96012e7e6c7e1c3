import type { LearningRateSchedule } from './types.js';

/** PyTorch OneCycleLR's defaults (the prototype's): warm up over 20 % of the steps from peak / 25. */
const WARMUP_FRACTION = 0.2;
const START_DIVISOR = 25;
/** The last step runs at the start rate / 1e4. */
const FINAL_DIVISOR = 1e4;

const cosineBetween = (from: number, to: number, progress: number): number =>
  to + ((from - to) * (1 + Math.cos(Math.PI * progress))) / 2;

/**
 * The learning rate of optimisation step `step` (0-based) of `totalSteps`, for a peak (base) rate
 * `base`: constant; 'cosine' anneals from base to 0; 'one-cycle' rises from base / 25 to base over
 * the first 20 % of the steps and anneals to base / 25e4 (both halves cosine, as PyTorch's).
 * A function of the step alone, so a resumed run continues on the same curve.
 */
export function learningRateAt(schedule: LearningRateSchedule, base: number, step: number, totalSteps: number): number {
  if (schedule === 'constant' || totalSteps <= 1) return base;
  const last = totalSteps - 1;
  const s = Math.min(Math.max(step, 0), last);
  if (schedule === 'cosine') return cosineBetween(base, 0, s / last);
  const start = base / START_DIVISOR;
  const peakStep = WARMUP_FRACTION * last;
  if (s <= peakStep) return cosineBetween(start, base, peakStep === 0 ? 1 : s / peakStep);
  return cosineBetween(base, start / FINAL_DIVISOR, (s - peakStep) / (last - peakStep));
}
