import type { ClassificationReport } from './report.js';

/**
 * The report as sklearn prints it (`classification_report(..., digits=digits)`), plus a UAR line.
 * Default `digits` 2, as sklearn.
 */
export function formatClassificationReport(report: ClassificationReport, digits = 2): string {
  const names = [...report.labels, 'weighted avg'];
  const width = Math.max(...names.map((n) => n.length), digits);
  const col = (s: string) => s.padStart(Math.max(9, digits + 2));
  const num = (x: number) => col(x.toFixed(digits));
  const header = `${''.padStart(width)} ${col('precision')} ${col('recall')} ${col('f1-score')} ${col('support')}`;
  const lines = [header, ''];
  for (const c of report.perClass) {
    lines.push(
      `${c.label.padStart(width)} ${num(c.precision)} ${num(c.recall)} ${num(c.f1)} ${col(String(c.support))}`,
    );
  }
  lines.push('');
  const total = col(String(report.macro.support));
  lines.push(`${'accuracy'.padStart(width)} ${col('')} ${col('')} ${num(report.accuracy)} ${total}`);
  for (const [name, s] of [
    ['macro avg', report.macro],
    ['weighted avg', report.weighted],
  ] as const) {
    lines.push(`${name.padStart(width)} ${num(s.precision)} ${num(s.recall)} ${num(s.f1)} ${total}`);
  }
  lines.push(`${'UAR'.padStart(width)} ${col('')} ${num(report.uar)}`);
  return `${lines.join('\n')}\n`;
}
