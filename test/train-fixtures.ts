// A tiny RAVDESS-shaped corpus for the training tests, generated at test time (no audio is
// committed): each emotion is a tone band plus noise, so the task is learnable in a few epochs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRng, writeWav } from '@serkit/core';
import { afterAll, beforeAll } from 'vitest';

/** RAVDESS emotion code -> centre frequency of its tone (Hz). */
const TONES: Readonly<Record<string, number>> = { '02': 300, '03': 1100, '05': 2600 };

export interface TinyCorpus {
  readonly dir: string;
  readonly files: number;
  readonly labels: readonly string[];
}

/**
 * `actors` x 3 emotions (calm, happy, angry) x `perEmotion` WAVs at 16 kHz named like RAVDESS
 * (`Actor_07/03-01-05-01-02-01-07.wav`): a jittered tone per emotion plus white noise.
 */
export async function makeTinyCorpus(
  options: { actors?: number; perEmotion?: number; seconds?: number; intensities?: boolean } = {},
): Promise<TinyCorpus> {
  const actors = options.actors ?? 6;
  const perEmotion = options.perEmotion ?? 2;
  const sampleRate = 16000;
  const length = Math.round((options.seconds ?? 0.3) * sampleRate);
  const dir = await mkdtemp(join(tmpdir(), 'serkit-tiny-corpus-'));
  const rng = createRng(1234);
  let files = 0;
  for (let a = 1; a <= actors; a++) {
    const actor = String(a).padStart(2, '0');
    await mkdir(join(dir, `Actor_${actor}`));
    for (const [emotion, tone] of Object.entries(TONES)) {
      for (let k = 0; k < perEmotion; k++) {
        const frequency = tone * (1 + 0.05 * (rng.random() - 0.5));
        // With `intensities`, odd-numbered takes are 'strong' (02 in the name) and brighter: an
        // octave overtone (log-mel is relative to the clip's peak, so loudness alone would not show).
        const strong = options.intensities === true && k % 2 === 1;
        const overtone = strong ? 0.5 : 0;
        const amplitude = 0.2 + 0.3 * rng.random();
        const samples = new Float32Array(length);
        for (let i = 0; i < length; i++) {
          const phase = (2 * Math.PI * frequency * i) / sampleRate;
          samples[i] = amplitude * (Math.sin(phase) + overtone * Math.sin(2 * phase)) + 0.02 * rng.normal();
        }
        const statement = String((k % 2) + 1).padStart(2, '0');
        const repetition = String(Math.floor(k / 2) + 1).padStart(2, '0');
        const name = `03-01-${emotion}-${strong ? '02' : '01'}-${statement}-${repetition}-${actor}.wav`;
        await writeFile(join(dir, `Actor_${actor}`, name), writeWav({ sampleRate, channels: [samples] }));
        files++;
      }
    }
  }
  return { dir, files, labels: ['calm', 'happy', 'angry'] };
}

/** Hyper-parameters that make lstm-initial tiny and fast for tests. */
export const TINY_LSTM = ['--hyper', 'lstm1=8', '--hyper', 'lstm2=8', '--hyper', 'dense=8', '--hyper', 'dropout=0'];

/** Crop length of the tiny TDNN's log-mel input (frames). */
export const TINY_FRAMES = 16;

/** A small TDNN on 16 log-mel bands of TINY_FRAMES frames: trains on the tiny corpus in seconds. */
export const TINY_TDNN = [
  '--features',
  'logmel',
  '--config',
  `frames=${TINY_FRAMES}`,
  '--config',
  'nMels=16',
  // The corpus's emotions are steady tones: per-utterance normalisation would flatten them.
  '--config',
  'normalise=none',
  '--model',
  'tdnn-logmel',
  '--hyper',
  'units=8',
  '--hyper',
  'layers=2',
  '--hyper',
  'dropout=0',
];

/**
 * For a test file: makes a tiny corpus before its tests (and names an output folder beside it,
 * `<corpus>-<suffix>`), removes both after them. Read `corpus` and `out` inside tests or hooks.
 */
export function useTinyCorpus(
  options: Parameters<typeof makeTinyCorpus>[0],
  suffix: string,
): { readonly corpus: TinyCorpus; readonly out: string } {
  const state = { corpus: undefined as unknown as TinyCorpus, out: '' };
  beforeAll(async () => {
    state.corpus = await makeTinyCorpus(options);
    state.out = join(state.corpus.dir, '..', `${basename(state.corpus.dir)}-${suffix}`);
  });
  afterAll(async () => {
    await rm(state.corpus.dir, { recursive: true, force: true });
    await rm(state.out, { recursive: true, force: true });
  });
  return state;
}
