/** A progress bar on stderr; every method is a no-op when it is disabled. */
export interface Progress {
  /** Sets the count of finished units (and the total, when it changes). */
  update(done: number, total?: number): void;
  /** Clears the bar. */
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };
const WIDTH = 28;
const REDRAW_MS = 100;

/**
 * A progress bar for long work: drawn on stderr only when stderr is a terminal and the output is
 * not JSON, so pipes, logs and machines see nothing.
 */
export function createProgress(
  label: string,
  total: number,
  enabled: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  let last = 0;
  let shown = false;
  const draw = (done: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    stream.write(`\r${label} ${bar} ${done}/${total} ${Math.round(fraction * 100)}%\u001b[K`);
    shown = true;
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      const now = Date.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      draw(done);
    },
    stop() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
