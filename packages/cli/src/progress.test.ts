import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('createProgress', () => {
  it('draws on a terminal and clears the line when stopped', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress('features', 4, true, stream);
    progress.update(4);
    progress.stop();
    expect(writes[0]).toContain('features');
    expect(writes[0]).toContain('4/4 100%');
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('is silent when piped or disabled (--json)', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { stream, writes } = fakeStream(isTTY);
      const progress = createProgress('features', 4, enabled, stream);
      progress.update(2);
      progress.stop();
      expect(writes).toEqual([]);
    }
  });
});
