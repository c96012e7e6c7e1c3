import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SerkitError } from '@serkit/core';
import { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from '../io/write-file-atomic.js';
import { readChecksummedJson, writeChecksummedJson } from '../model/checksummed-json.js';
import { readVerified } from '../model/read-verified.js';
import { sha256Hex } from '../model/sha256.js';
import type { StoredWeights } from './weight-bytes.js';

const finite = z.number().refine(Number.isFinite, 'must be finite');
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const shapes = z.array(z.array(z.number().int().min(0)));
const epochRecord = z.strictObject({
  epoch: z.number().int().min(1),
  loss: finite,
  accuracy: finite,
  valLoss: finite,
  valAccuracy: finite,
  seconds: finite,
});

/** Everything needed to continue a run exactly where it stopped. */
export const checkpointStateSchema = z.strictObject({
  format: z.literal('serkit-checkpoint'),
  formatVersion: z.literal(1),
  /** Fingerprint of the run's configuration: a checkpoint only resumes the run that wrote it. */
  runKey: z.string(),
  /** Completed epochs. */
  epoch: z.number().int().min(0),
  /** Batches already done in epoch `epoch + 1` (non-zero only after an interruption). */
  batch: z.number().int().min(0),
  partial: z.strictObject({ lossSum: finite, accuracySum: finite, seen: z.number().int().min(0) }),
  history: z.array(epochRecord),
  best: z.strictObject({
    valLoss: z.number().nullable(),
    epoch: z.number().int().min(0),
    wait: z.number().int().min(0),
  }),
  weights: z.strictObject({ shapes, sha256: sha }),
  bestWeights: z.strictObject({ shapes, sha256: sha }).nullable(),
  optimizer: z.strictObject({ names: z.array(z.string()), shapes, sha256: sha }),
  manifestSha256: sha,
});
export type CheckpointState = z.infer<typeof checkpointStateSchema>;

export interface Checkpoint {
  readonly state: Omit<CheckpointState, 'weights' | 'bestWeights' | 'optimizer' | 'manifestSha256'>;
  readonly weights: StoredWeights;
  readonly bestWeights: StoredWeights | null;
  readonly optimizer: StoredWeights & { readonly names: string[] };
}

const POINTER = 'latest.json';
const pointerSchema = z.strictObject({ checkpoint: z.string().regex(/^ckpt-\d{6}-\d{6}$/), manifestSha256: sha });

/**
 * Writes a checkpoint as a new folder (`ckpt-<epoch>-<batch>`: weights.bin, best.bin,
 * optimizer.bin, state.json with their sha256) and only then points `latest.json` at it, atomically;
 * older checkpoint folders are removed afterwards. A kill at any moment leaves `latest.json`
 * naming a complete checkpoint.
 */
export async function saveCheckpoint(dir: string, checkpoint: Checkpoint): Promise<string> {
  const name = `ckpt-${String(checkpoint.state.epoch).padStart(6, '0')}-${String(checkpoint.state.batch).padStart(6, '0')}`;
  const folder = join(dir, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await writeFileAtomic(join(folder, 'weights.bin'), checkpoint.weights.bytes);
  await writeFileAtomic(join(folder, 'optimizer.bin'), checkpoint.optimizer.bytes);
  if (checkpoint.bestWeights) await writeFileAtomic(join(folder, 'best.bin'), checkpoint.bestWeights.bytes);
  await writeChecksummedJson(join(folder, 'state.json'), {
    ...checkpoint.state,
    weights: { shapes: checkpoint.weights.shapes, sha256: sha256Hex(checkpoint.weights.bytes) },
    bestWeights: checkpoint.bestWeights
      ? { shapes: checkpoint.bestWeights.shapes, sha256: sha256Hex(checkpoint.bestWeights.bytes) }
      : null,
    optimizer: {
      names: checkpoint.optimizer.names,
      shapes: checkpoint.optimizer.shapes,
      sha256: sha256Hex(checkpoint.optimizer.bytes),
    },
  });
  await writeChecksummedJson(join(dir, POINTER), { checkpoint: name });
  await removeCheckpointsExcept(dir, name);
  await removeStaleTempFiles(dir);
  return folder;
}

async function removeCheckpointsExcept(dir: string, keep: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('ckpt-') && entry !== keep) await rm(join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * Loads the checkpoint `latest.json` names, verifying every file against its checksum: a damaged
 * checkpoint is a CORRUPT_FILE error naming the file, never loaded. Returns undefined when `dir`
 * holds no checkpoint yet.
 */
export async function loadCheckpoint(dir: string, runKey: string): Promise<Checkpoint | undefined> {
  let pointer: z.infer<typeof pointerSchema>;
  try {
    pointer = await readChecksummedJson(join(dir, POINTER), pointerSchema);
  } catch (error) {
    if (error instanceof SerkitError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
  const folder = join(dir, pointer.checkpoint);
  const state = await readChecksummedJson(join(folder, 'state.json'), checkpointStateSchema);
  if (state.runKey !== runKey) {
    throw new SerkitError(
      'MODEL_INCOMPATIBLE',
      'the checkpoint was written by a run with other settings, data or model; resume with the same options, or use a new --out',
      { input: folder },
    );
  }
  const weights = {
    shapes: state.weights.shapes,
    bytes: await readVerified(join(folder, 'weights.bin'), state.weights.sha256),
  };
  const bestWeights = state.bestWeights
    ? {
        shapes: state.bestWeights.shapes,
        bytes: await readVerified(join(folder, 'best.bin'), state.bestWeights.sha256),
      }
    : null;
  const optimizer = {
    names: state.optimizer.names,
    shapes: state.optimizer.shapes,
    bytes: await readVerified(join(folder, 'optimizer.bin'), state.optimizer.sha256),
  };
  const { weights: _w, bestWeights: _b, optimizer: _o, manifestSha256: _m, ...rest } = state;
  return { state: rest, weights, bestWeights, optimizer };
}

/** Removes a run's checkpoints (after it finished and its model is saved). */
export async function clearCheckpoints(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
