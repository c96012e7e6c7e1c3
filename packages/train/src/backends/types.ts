/** What `--backend` accepts. `auto` picks the fastest one that loads (see `selectBackend`). */
export type BackendChoice = 'auto' | 'gpu' | 'node' | 'native' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'gpu', 'node', 'native', 'wasm', 'cpu'];

/** A concrete backend (everything but `auto`). */
export type BackendName = Exclude<BackendChoice, 'auto'>;

/** One line of `serkit doctor`: can this backend run here, and if not, why. */
export interface BackendInfo {
  readonly name: BackendName;
  readonly available: boolean;
  /** Why it is unavailable, or what it is when available (e.g. 'libtensorflow 2.9.1 via tfjs-node'). */
  readonly reason: string;
}

/** The backend a run uses, with the reasons the faster ones were passed over. */
export interface SelectedBackend {
  readonly name: BackendName;
  /** The tfjs backend name registered with the engine ('tensorflow', 'wasm', 'cpu', …). */
  readonly tfjsBackend: string;
  /** Backends tried before this one and why each was skipped (empty when chosen explicitly). */
  readonly skipped: readonly BackendInfo[];
}
