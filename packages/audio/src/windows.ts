/**
 * Cuts a stream of mono blocks into windows of `window` samples every `hop` samples. Holds at
 * most one window plus one block, however long the stream. The last window may be shorter: it is
 * kept when it holds samples no earlier window covered.
 */
export class Windower {
  private buffer = new Float32Array(0);
  /** Stream position (in samples) of buffer[0]. */
  private offset = 0;
  /** End (exclusive) of the last window emitted. */
  private covered = 0;
  /** Samples still to discard from incoming blocks (a hop longer than the window skips them). */
  private skip = 0;

  constructor(
    readonly window: number,
    readonly hop: number,
  ) {}

  /** Adds a block; returns the windows it completes, as [start sample, samples] pairs. */
  push(block: Float32Array): [number, Float32Array][] {
    const skipped = Math.min(this.skip, block.length);
    this.skip -= skipped;
    const fresh = block.subarray(skipped);
    const joined = new Float32Array(this.buffer.length + fresh.length);
    joined.set(this.buffer);
    joined.set(fresh, this.buffer.length);
    this.buffer = joined;
    const out: [number, Float32Array][] = [];
    while (this.buffer.length >= this.window) {
      out.push([this.offset, this.buffer.slice(0, this.window)]);
      this.covered = this.offset + this.window;
      const dropped = Math.min(this.hop, this.buffer.length);
      this.buffer = this.buffer.slice(dropped);
      this.skip += this.hop - dropped;
      this.offset += this.hop;
    }
    return out;
  }

  /** The final, shorter window, if it holds samples not yet covered. */
  flush(): [number, Float32Array] | null {
    if (this.buffer.length === 0 || this.offset + this.buffer.length <= this.covered) return null;
    return [this.offset, this.buffer.slice()];
  }
}
