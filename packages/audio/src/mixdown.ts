import { mixToMono } from '@serkit/core';

/** Mono by averaging channels (the core's mix-down); one channel passes through untouched. */
export function planarToMono(channels: Float32Array[]): Float32Array {
  return channels.length === 1 ? channels[0] : mixToMono(channels);
}

/**
 * Mono from interleaved frames (`channels` samples per frame) with the core's arithmetic (sum in
 * channel order as doubles, then divide), so the ffmpeg path equals the in-process path exactly.
 */
export function interleavedToMono(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float32Array(frames);
  for (let i = 0, at = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[at++];
    out[i] = sum / channels;
  }
  return out;
}

/** Collects mono blocks up to an optional cap of samples. */
export class MonoCollector {
  private readonly blocks: Float32Array[] = [];
  private count = 0;

  constructor(private readonly cap = Number.POSITIVE_INFINITY) {}

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.cap;
  }

  add(block: Float32Array): void {
    const take = Math.min(block.length, this.cap - this.count);
    if (take <= 0) return;
    this.blocks.push(take === block.length ? block : block.subarray(0, take));
    this.count += take;
  }

  samples(): Float32Array {
    if (this.blocks.length === 1) return this.blocks[0];
    const out = new Float32Array(this.count);
    let at = 0;
    for (const block of this.blocks) {
      out.set(block, at);
      at += block.length;
    }
    return out;
  }
}
