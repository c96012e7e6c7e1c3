import type { DatasetProblem } from '@serkit/core';
import type { FeatureProblem } from '../features/compute-features.js';
import type { RunEvent } from './events.js';

/** Problems listed by name before the rest is summarised as a count (all are in metrics.json). */
const LISTED_PROBLEMS = 20;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Seconds as '1h02m', '3m05s' or '12s'. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function describeDatasetProblem(problem: DatasetProblem): string {
  return problem.path === undefined ? problem.message : `${problem.path}: ${problem.message}`;
}

/** `path: reason (CODE)` for each file the features step left out, as the CLI prints after a run. */
export function describeLeftOut(problems: readonly FeatureProblem[]): string[] {
  if (problems.length === 0) return [];
  const noun = problems.length === 1 ? 'file' : 'files';
  return [
    `${problems.length} ${noun} left out:`,
    ...listProblems(problems.map((p) => `${p.path}: ${p.reason} (${p.code})`)),
  ];
}

/** Longer problem lines (a list of 59 missing recordings) are cut: the full text is in metrics.json. */
const LINE_LIMIT = 200;

function listProblems(lines: readonly string[]): string[] {
  const cut = (line: string) => (line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT - 1)}…` : line);
  const shown = lines.slice(0, LISTED_PROBLEMS).map((line) => `  ${cut(line)}`);
  const rest = lines.length - shown.length;
  return rest > 0 ? [...shown, `  … and ${rest} more (all are listed in metrics.json)`] : shown;
}

/**
 * One human line for a run event (the CLI prints it on stderr). Batch events describe the live
 * progress line (redrawn in place); the others are permanent lines.
 */
export function describeEvent(event: RunEvent): { line: string; transient: boolean } | undefined {
  switch (event.type) {
    case 'backend': {
      const skipped = event.backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      return { line: `backend: ${event.backend.name}${skipped ? ` (skipped ${skipped})` : ''}`, transient: false };
    }
    case 'scan':
      return {
        line: [
          `dataset: ${event.items} files, ${event.labels.length} classes (${event.labels.join(', ')})${event.problems.length ? `, ${event.problems.length} problems:` : ''}`,
          ...listProblems(event.problems.map(describeDatasetProblem)),
        ].join('\n'),
        transient: false,
      };
    case 'features':
      return { line: `features ${event.done}/${event.total} files`, transient: true };
    case 'features-done':
      return {
        line: `features: ${event.examples} examples (${event.cacheHits} from cache)${event.problems ? `, ${event.problems} ${event.problems === 1 ? 'file' : 'files'} left out` : ''}`,
        transient: false,
      };
    case 'partition':
      return {
        line: `${event.count > 1 ? `[${event.name} ${event.index + 1}/${event.count}] ` : ''}train ${event.train}, validation ${event.validation}, test ${event.test} examples`,
        transient: false,
      };
    case 'resume':
      return { line: `resuming from checkpoint: epoch ${event.epoch + 1}, batch ${event.batch}`, transient: false };
    case 'batch':
      return {
        line: `epoch ${event.epoch} ${event.batch}/${event.batches}  loss ${event.loss.toFixed(4)}  acc ${pct(event.accuracy)}  ETA ≤ ${formatDuration(event.etaSeconds)}`,
        transient: true,
      };
    case 'epoch':
      return {
        line: `epoch ${event.epoch}/${event.epochs}  loss ${event.loss.toFixed(4)}  acc ${pct(event.accuracy)}  val_loss ${event.valLoss.toFixed(4)}  val_acc ${pct(event.valAccuracy)}  ${formatDuration(event.seconds)}${event.improved ? '  *' : ''}`,
        transient: false,
      };
    case 'early-stop':
      return { line: `early stop after epoch ${event.epoch}; restoring epoch ${event.bestEpoch}`, transient: false };
    case 'interrupted':
      return {
        line: `interrupted in epoch ${event.epoch}: checkpoint saved (${event.checkpoint}); run again with --resume`,
        transient: false,
      };
    case 'tested':
      return {
        line:
          `${event.partition}: test accuracy ${pct(event.accuracy)}, UAR ${pct(event.uar)}` +
          (event.second ? `; ${event.second.name} accuracy ${pct(event.second.accuracy)}` : ''),
        transient: false,
      };
  }
}
