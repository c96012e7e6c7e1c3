import { explainTfjsNodeLoadError } from './explain-load-error.js';

export type BackendLoad = { ok: true; tfjsBackend: string; detail: string } | { ok: false; reason: string };

/**
 * Loads `@tensorflow/tfjs-node-gpu` (`gpu`) or `@tensorflow/tfjs-node` (`node`), optional peer
 * dependencies that register the 'tensorflow' backend (libtensorflow) on import. The specifier is
 * held in a variable so neither TypeScript nor a bundler requires the package to exist.
 */
export async function loadTfjsNode(kind: 'gpu' | 'node'): Promise<BackendLoad> {
  const packageName = kind === 'gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  try {
    const mod = (await import(packageName)) as { version?: Record<string, string> };
    const libtensorflow = mod.version?.['tfjs-node'] ?? mod.version?.['tfjs-node-gpu'] ?? 'unknown version';
    return { ok: true, tfjsBackend: 'tensorflow', detail: `libtensorflow via ${packageName} ${libtensorflow}` };
  } catch (error) {
    return { ok: false, reason: explainTfjsNodeLoadError(packageName, error) };
  }
}
