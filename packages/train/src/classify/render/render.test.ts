import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../types.js';
import { csvField, type OutputFormat, resultWriter } from './index.js';

const labels = ['calm', 'angry'];
const ok: ClassifyResult = {
  index: 0,
  file: 'a "quoted", name\n.wav',
  emotion: 'angry',
  confidence: 0.81234,
  runnerUp: 'calm',
  runnerUpConfidence: 0.18766,
  probs: { calm: 0.18766, angry: 0.81234 },
  duration: 2.5,
};
const bad: ClassifyResult = { index: 1, file: 'b.wav', error: 'the file is empty (0 bytes)', code: 'MALFORMED_FILE' };

function render(format: OutputFormat, results: ClassifyResult[], probs = false): string {
  let text = '';
  const writer = resultWriter(format, (t) => (text += t), { labels, probs });
  for (const r of results) writer.write(r);
  writer.end({ ok: 1, failed: 1, seconds: 0.1 });
  return text;
}

describe('result writers', () => {
  it('--json prints one array: {file, emotion, confidence, …} or {file, error}', () => {
    expect(JSON.parse(render('json', [ok, bad]))).toEqual([
      {
        file: ok.file,
        emotion: 'angry',
        confidence: 0.8123,
        runnerUp: 'calm',
        runnerUpConfidence: 0.1877,
        duration: 2.5,
      },
      { file: 'b.wav', error: 'the file is empty (0 bytes)', code: 'MALFORMED_FILE' },
    ]);
    expect(JSON.parse(render('json', []))).toEqual([]);
    expect(JSON.parse(render('json', [ok], true))[0].probs).toEqual({ calm: 0.1877, angry: 0.8123 });
  });

  it('--jsonl prints one object per line, names with newlines included', () => {
    const lines = render('jsonl', [ok, bad]).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).file)).toEqual([ok.file, 'b.wav']);
  });

  it('--csv quotes fields as RFC 4180 says and has a column per class with --probs', () => {
    const text = render('csv', [ok, bad], true);
    expect(text.split('\n')[0]).toBe(
      'file,start,end,emotion,confidence,runner_up,runner_up_confidence,duration,error,warning,prob_calm,prob_angry',
    );
    expect(text).toContain('"a ""quoted"", name\n.wav",,,angry,0.8123,calm,0.1877,2.5,,,0.1877,0.8123\n');
    expect(text).toContain('b.wav,,,,,,,,the file is empty (0 bytes),,,\n');
    expect(csvField('-x')).toBe('-x');
  });

  it('the table shows emotion, confidence and runner-up, a failure its reason, and escapes control characters', () => {
    const rows = render('table', [bad, ok]).trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^FILE\s+EMOTION\s+CONFIDENCE\s+RUNNER-UP$/);
    expect(rows[1]).toBe('a "quoted", name\\n.wav  angry    81.2%       calm (18.8%)');
    expect(rows[2]).toMatch(/^b\.wav\s+error: the file is empty \(0 bytes\)$/);
  });

  it('warnings: a `warnings` array in JSON, a warning column in CSV, a note under the row in the table', () => {
    const warned: ClassifyResult = { ...ok, file: 'c.wav', warnings: ['clipped: 12.0 % of samples at full scale'] };
    expect(JSON.parse(render('json', [warned, ok]))).toEqual([
      expect.objectContaining({ file: 'c.wav', warnings: ['clipped: 12.0 % of samples at full scale'] }),
      expect.not.objectContaining({ warnings: expect.anything() }),
    ]);
    expect(render('csv', [warned])).toContain(
      'c.wav,,,angry,0.8123,calm,0.1877,2.5,,clipped: 12.0 % of samples at full scale\n',
    );
    const rows = render('table', [warned]).trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe('c.wav  angry    81.2%       calm (18.8%)');
    expect(rows[2]).toBe('       warning: clipped: 12.0 % of samples at full scale');
  });
});

describe('result writers, model with a second head (intensity)', () => {
  const intensity = { name: 'intensity', labels: ['normal', 'strong'] };
  const withSecond: ClassifyResult = {
    ...ok,
    file: 'c.wav',
    second: { name: 'intensity', label: 'strong', confidence: 0.70004, probs: { normal: 0.29996, strong: 0.70004 } },
  };
  const renderSecond = (format: OutputFormat, results: ClassifyResult[]) => {
    let text = '';
    const writer = resultWriter(format, (t) => (text += t), { labels, second: intensity });
    for (const r of results) writer.write(r);
    writer.end({ ok: 1, failed: 1, seconds: 0.1 });
    return text;
  };

  it('--json adds the head as a field named after it, with its confidence', () => {
    const [row] = JSON.parse(renderSecond('json', [withSecond]));
    expect(row).toMatchObject({ emotion: 'angry', intensity: 'strong', intensityConfidence: 0.7 });
  });

  it('--csv adds two columns, empty on failed rows', () => {
    const lines = renderSecond('csv', [withSecond, bad]).trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(3, 9)).toEqual([
      'emotion',
      'confidence',
      'runner_up',
      'runner_up_confidence',
      'intensity',
      'intensity_confidence',
    ]);
    const cells = lines[1].split(',');
    expect(cells[header.indexOf('intensity')]).toBe('strong');
    expect(cells[header.indexOf('intensity_confidence')]).toBe('0.7');
    const failed = lines[2].split(',');
    expect(failed).toHaveLength(header.length);
    expect(failed[header.indexOf('error')]).toBe('the file is empty (0 bytes)');
  });

  it('the table adds an INTENSITY column', () => {
    const [head, row] = renderSecond('table', [withSecond]).split('\n');
    expect(head).toMatch(/RUNNER-UP\s+INTENSITY/);
    expect(row).toMatch(/calm \(18\.8%\)\s+strong \(70\.0%\)/);
  });
});
