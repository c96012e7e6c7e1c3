// report.html must render on its own: open it in headless Chromium (Debian's, driven by
// playwright-core) with the network cut, and check that its charts and tables have real size.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { classificationReport } from '@serkit/core';
import { type RunReport, writeReports } from '@serkit/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.SERKIT_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`skipping the report.html rendering test: no Chromium at ${CHROMIUM} (set SERKIT_CHROMIUM)`);

const labels = ['neutral', 'calm', 'happy', 'sad'];
const yTrue = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3];
const yPred = [0, 1, 1, 1, 2, 2, 2, 0, 3, 3, 1, 3];
const history = Array.from({ length: 12 }, (_, i) => ({
  epoch: i + 1,
  loss: 1.4 / (i + 1),
  accuracy: 1 - 0.7 / (i + 1),
  valLoss: 1.5 / (i + 1) + 0.01 * i,
  valAccuracy: 1 - 0.8 / (i + 1),
  seconds: 2,
}));
const run: RunReport = {
  kind: 'train',
  title: 'serkit train: lstm-seed on <ravdess> & friends',
  facts: { dataset: 'ravdess (12 files)', model: 'lstm-seed', seed: 42 },
  overall: {
    name: 'main',
    split: { protocol: 'seed', leaky: true, description: "the paper's protocol… LEAKY" },
    report: classificationReport(yTrue, yPred, labels),
    history,
    bestEpoch: 9,
    stoppedEarly: true,
  },
  problems: [{ path: '/data/bad "file".wav', code: 'DECODE_FAILED', reason: 'not audio' }],
  licence: 'CC BY-NC-SA 4.0',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serkit-report-'));
  await writeReports(dir, run);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('report.html in headless Chromium', () => {
  it('renders the headline, tables, confusion matrix and curves without any network', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(dir, 'report.html')).href);
      expect(await page.title()).toBe(run.title);
      expect(await page.locator('p.leaky').textContent()).toMatch(/Leaky evaluation/);
      // Per-class rows plus accuracy, macro, weighted and UAR rows.
      expect(await page.locator('table.report tbody tr').count()).toBe(labels.length + 4);
      expect(await page.locator('table.report').textContent()).toMatch(/macro avg/);
      const charts = await page.locator('figure.chart svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            width: box.width,
            height: box.height,
            cells: svg.querySelectorAll('rect.cell').length,
            paths: svg.querySelectorAll('path.series').length,
          };
        }),
      );
      expect(charts).toHaveLength(3);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(150);
      }
      expect(charts[0].cells).toBe(labels.length ** 2);
      expect(charts[1].paths).toBe(2);
      expect(charts[2].paths).toBe(2);
      expect(await page.locator('ul.problems li').textContent()).toContain('bad "file".wav');
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
