import { type ClassificationReport, confusionChart, escapeXml, lineChart } from '@serkit/core';
import type { EpochRecord } from '../training/types.js';
import type { PartitionResult, RunReport } from './types.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function reportTable(report: ClassificationReport): string {
  const row = (name: string, p: string, r: string, f: string, s: number, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><th>${escapeXml(name)}</th><td>${p}</td><td>${r}</td><td>${f}</td><td>${s}</td></tr>`;
  const total = report.macro.support;
  return `<table class="report"><thead><tr><th></th><th>precision</th><th>recall</th><th>f1-score</th><th>support</th></tr></thead><tbody>${report.perClass
    .map((c) => row(c.label, f3(c.precision), f3(c.recall), f3(c.f1), c.support))
    .join(
      '',
    )}${row('accuracy', '', '', f3(report.accuracy), total, 'sum')}${row('macro avg', f3(report.macro.precision), f3(report.macro.recall), f3(report.macro.f1), total, 'sum')}${row('weighted avg', f3(report.weighted.precision), f3(report.weighted.recall), f3(report.weighted.f1), total, 'sum')}${row('UAR (unweighted average recall)', '', f3(report.uar), '', total, 'sum')}</tbody></table>`;
}

/** The paper's two training plots: accuracy and loss per epoch, training and validation. */
export function trainingCurves(
  history: readonly EpochRecord[],
  bestEpoch?: number,
): { accuracy: string; loss: string } {
  const marker = bestEpoch ? { x: bestEpoch, label: `best (${bestEpoch})` } : undefined;
  const epochs = history.map((h) => h.epoch);
  return {
    accuracy: lineChart({
      title: 'Model accuracy',
      xLabel: 'epoch',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      marker,
      series: [
        { name: 'train', xs: epochs, ys: history.map((h) => h.accuracy) },
        { name: 'validation', xs: epochs, ys: history.map((h) => h.valAccuracy), dashed: true },
      ],
    }),
    loss: lineChart({
      title: 'Model loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      marker,
      series: [
        { name: 'train', xs: epochs, ys: history.map((h) => h.loss) },
        { name: 'validation', xs: epochs, ys: history.map((h) => h.valLoss), dashed: true },
      ],
    }),
  };
}

function partitionSection(p: PartitionResult, heading: string): string {
  const curves = p.history && p.history.length > 0 ? trainingCurves(p.history, p.bestEpoch) : undefined;
  return `<section class="partition"><h2>${escapeXml(heading)}</h2>
<p class="split">${escapeXml(p.split.description)}</p>
<div class="row"><div>${reportTable(p.report)}</div>
<figure class="chart confusion">${confusionChart({ title: 'Confusion matrix', labels: p.report.labels, counts: p.report.confusion.counts, normalised: p.report.confusion.normalised })}</figure></div>
${curves ? `<div class="row"><figure class="chart curve">${curves.accuracy}</figure><figure class="chart curve">${curves.loss}</figure></div>${p.bestEpoch ? `<p>Weights of epoch ${p.bestEpoch} restored (lowest validation loss)${p.stoppedEarly ? '; stopped early' : ''}.</p>` : ''}` : ''}
</section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;text-align:right;border-bottom:1px solid #eee}
th:first-child{text-align:left}tr.sum th,tr.sum td{background:#f7f7f7}
.facts th{text-align:left;font-weight:normal;color:#555}.facts td{text-align:left}
.headline{font-size:1.4rem;margin:.5rem 0}.row{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
figure{margin:0}.leaky{background:#fff3cd;border:1px solid #e0b400;padding:.6rem 1rem;border-radius:4px}
.licence{color:#555;font-size:.9rem}.problems li{font-family:monospace;font-size:.85rem}`;

/** One self-contained HTML page (inline CSS and SVG; no scripts, no network) with all results. */
export function reportHtml(run: RunReport): string {
  const { overall } = run;
  const facts = Object.entries(run.facts)
    .map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(String(v))}</td></tr>`)
    .join('');
  const headline = run.foldSummary
    ? `accuracy ${pct(run.foldSummary.accuracy.mean)} ± ${pct(run.foldSummary.accuracy.std)}, UAR ${pct(run.foldSummary.uar.mean)} ± ${pct(run.foldSummary.uar.std)} (mean ± std over ${run.foldSummary.accuracy.n} folds)`
    : `accuracy ${pct(overall.report.accuracy)}, UAR ${pct(overall.report.uar)}, macro F1 ${pct(overall.report.macro.f1)} on ${overall.report.macro.support} test examples`;
  const leaky = overall.split.leaky
    ? `<p class="leaky"><strong>Leaky evaluation.</strong> ${escapeXml(overall.split.description)}</p>`
    : '';
  const foldTable = run.folds
    ? `<h2>Folds</h2><table class="folds"><thead><tr><th>fold</th><th>test speakers</th><th>accuracy</th><th>UAR</th><th>macro F1</th><th>best epoch</th></tr></thead><tbody>${run.folds
        .map(
          (f) =>
            `<tr><th>${escapeXml(f.name)}</th><td>${escapeXml((f.split.testSpeakers ?? []).join(', '))}</td><td>${pct(f.report.accuracy)}</td><td>${pct(f.report.uar)}</td><td>${pct(f.report.macro.f1)}</td><td>${f.bestEpoch ?? ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const problems =
    run.problems.length > 0
      ? `<h2>Files left out (${run.problems.length})</h2><ul class="problems">${run.problems
          .map((p) => `<li>${escapeXml(p.path)}: ${escapeXml(p.code)} — ${escapeXml(p.reason)}</li>`)
          .join('')}</ul>`
      : '';
  const sections = [
    partitionSection(overall, run.folds ? 'All folds pooled' : 'Test results'),
    ...(run.folds ?? []).map((f) => partitionSection(f, `Fold ${f.name}`)),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(run.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeXml(run.title)}</h1>
<p class="headline">${headline}</p>
${leaky}
<table class="facts">${facts}</table>
${run.licence ? `<p class="licence">${escapeXml(run.licence)}</p>` : ''}
${foldTable}
${sections}
${problems}
</body></html>
`;
}
