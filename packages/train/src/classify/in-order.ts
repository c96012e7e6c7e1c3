import type { ClassifyResult } from './types.js';

/**
 * Re-orders results by `index` (their position among the inputs), holding only those that finished
 * ahead of an earlier one: with a bounded pipeline that is a handful, never the whole run.
 */
export async function* inOrder(results: AsyncIterable<ClassifyResult>): AsyncGenerator<ClassifyResult> {
  const held = new Map<number, ClassifyResult>();
  let next = 0;
  for await (const result of results) {
    held.set(result.index, result);
    for (let r = held.get(next); r !== undefined; r = held.get(next)) {
      held.delete(next++);
      yield r;
    }
  }
  // Only reachable with gaps in the indices (a caller's own stream): flush the rest in order.
  for (const index of [...held.keys()].sort((a, b) => a - b)) yield held.get(index) as ClassifyResult;
}
