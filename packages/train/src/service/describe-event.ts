import type { RunEvent } from './events.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Seconds as '1h02m', '3m05s' or '12s'. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
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
        line: `dataset: ${event.items} files, ${event.labels.length} classes (${event.labels.join(', ')})${event.problems.length ? `, ${event.problems.length} problems` : ''}`,
        transient: false,
      };
    case 'features':
      return { line: `features ${event.done}/${event.total} files`, transient: true };
    case 'features-done':
      return {
        line: `features: ${event.examples} examples (${event.cacheHits} from cache)${event.problems ? `, ${event.problems} files left out` : ''}`,
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
        line: `${event.partition}: test accuracy ${pct(event.accuracy)}, UAR ${pct(event.uar)}`,
        transient: false,
      };
  }
}
