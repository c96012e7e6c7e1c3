import { SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { loadNative } from './load-native.js';
import { type BackendLoad, loadTfjsNode } from './load-tfjs-node.js';
import { loadWasm } from './load-wasm.js';
import {
  BACKEND_CHOICES,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type SelectedBackend,
} from './types.js';

/** Fastest first: `auto` takes the first that loads. */
const AUTO_ORDER: readonly BackendName[] = ['gpu', 'node', 'native', 'wasm', 'cpu'];

const loaders: Record<BackendName, () => Promise<BackendLoad>> = {
  gpu: () => loadTfjsNode('gpu'),
  node: () => loadTfjsNode('node'),
  native: () => loadNative(tf),
  wasm: loadWasm,
  cpu: async () => ({ ok: true, tfjsBackend: 'cpu', detail: 'plain JavaScript (@tensorflow/tfjs-backend-cpu)' }),
};

// A loader registers a backend with the global engine: run each once per process.
const loaded = new Map<BackendName, Promise<BackendLoad>>();
function load(name: BackendName): Promise<BackendLoad> {
  let result = loaded.get(name);
  if (result === undefined) {
    result = loaders[name]();
    loaded.set(name, result);
  }
  return result;
}

/** Checks a `--backend` value. */
export function parseBackendChoice(value: string): BackendChoice {
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new SerkitError('INVALID_ARGUMENT', `unknown backend '${value}' (one of ${BACKEND_CHOICES.join(', ')})`, {
    input: '--backend',
  });
}

/** A backend `auto` passes over for a given job, and why (reported among the skipped ones). */
export interface AutoExclusion {
  readonly name: BackendName;
  readonly reason: string;
}

/**
 * Makes `choice` the active tfjs backend. `auto` tries tfjs-node-gpu, tfjs-node, the native addon
 * kernels, wasm, then cpu (less `exclude`, which suit the job badly), and reports why each faster
 * one was skipped; an explicit choice that cannot load is an UNSUPPORTED error carrying the reason.
 */
export async function selectBackend(
  choice: BackendChoice = 'auto',
  exclude: readonly AutoExclusion[] = [],
): Promise<SelectedBackend> {
  // serkit reports the backend itself; PROD silences tfjs's "install tfjs-node" console banner.
  tf.env().set('PROD', true);
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: BackendInfo[] = [];
  for (const name of candidates) {
    const excluded = choice === 'auto' ? exclude.find((e) => e.name === name) : undefined;
    if (excluded !== undefined) {
      skipped.push({ name, available: false, reason: excluded.reason });
      continue;
    }
    const result = await load(name);
    if (result.ok && (await tf.setBackend(result.tfjsBackend))) {
      await tf.ready();
      return { name, tfjsBackend: result.tfjsBackend, skipped };
    }
    const reason = result.ok ? `tfjs could not initialise the '${result.tfjsBackend}' backend` : result.reason;
    if (choice !== 'auto')
      throw new SerkitError('UNSUPPORTED', `backend '${name}' is unavailable: ${reason}`, { input: '--backend' });
    skipped.push({ name, available: false, reason });
  }
  // Unreachable: cpu always loads.
  throw new SerkitError('INTERNAL', 'no tfjs backend could be initialised', { input: '--backend' });
}

/** For `serkit doctor`: every backend, whether it loads here, and why not. */
export async function backendInfo(): Promise<BackendInfo[]> {
  const infos: BackendInfo[] = [];
  for (const name of AUTO_ORDER) {
    const result = await load(name);
    infos.push(
      result.ok ? { name, available: true, reason: result.detail } : { name, available: false, reason: result.reason },
    );
  }
  return infos;
}
