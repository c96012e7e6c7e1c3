import type { ClassifySummary } from './types.js';

/** Exit statuses of `serkit classify`: 0 every file classified, 1 some failed. (2 is a usage error, set by the CLI.) */
export function exitStatus(summary: ClassifySummary): 0 | 1 {
  return summary.failed === 0 ? 0 : 1;
}

/** The summary line, e.g. "5 classified, 2 failed (7 files, 0.4 s)". */
export function summaryLine(summary: ClassifySummary): string {
  const total = summary.ok + summary.failed;
  const files = `${total} file${total === 1 ? '' : 's'}`;
  return `${summary.ok} classified, ${summary.failed} failed (${files}, ${summary.seconds.toFixed(1)} s)`;
}
