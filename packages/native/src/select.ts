import { type Dsp, SerkitError, tsDsp } from '@serkit/core';
import { loadAddonOnce } from './addon.js';
import { createNativeDsp } from './native-dsp.js';

export interface DspInfo {
  /** The path getDsp() returns. */
  active: 'ts' | 'native';
  /** Why, in one line (for `serkit doctor`). */
  reason: string;
  /** The addon file, when the native path is active or was looked for. */
  addonPath?: string;
}

type Choice = { dsp: Dsp; info: DspInfo } | { error: SerkitError; info: DspInfo };

let nativeDsp: Dsp | undefined;

function choose(): Choice {
  const forced = process.env.SERKIT_DSP ?? '';
  if (forced !== '' && forced !== 'ts' && forced !== 'native') {
    const error = new SerkitError('INVALID_ARGUMENT', `must be 'ts' or 'native' (or unset), got '${forced}'`, {
      input: 'SERKIT_DSP',
    });
    return { error, info: { active: 'ts', reason: error.message } };
  }
  if (forced === 'ts') return { dsp: tsDsp, info: { active: 'ts', reason: 'forced by SERKIT_DSP=ts' } };
  const load = loadAddonOnce();
  if (load.addon !== null) {
    nativeDsp ??= createNativeDsp(load.addon);
    const why = forced === 'native' ? 'forced by SERKIT_DSP=native; ' : '';
    return { dsp: nativeDsp, info: { active: 'native', reason: `${why}${load.reason}`, addonPath: load.path } };
  }
  if (forced === 'native') {
    const error = new SerkitError('UNSUPPORTED', `SERKIT_DSP=native but ${load.reason}`, { input: 'SERKIT_DSP' });
    return { error, info: { active: 'ts', reason: error.message, addonPath: load.path } };
  }
  return { dsp: tsDsp, info: { active: 'ts', reason: `TypeScript DSP: ${load.reason}`, addonPath: load.path } };
}

/**
 * The DSP to use: the native addon when it loads, else the TypeScript path of @serkit/core.
 * SERKIT_DSP=ts|native forces one; forcing native when the addon is unavailable throws
 * SerkitError('UNSUPPORTED') saying why. Read at each call, so tests may switch it.
 */
export function getDsp(): Dsp {
  const choice = choose();
  if ('error' in choice) throw choice.error;
  return choice.dsp;
}

/** Which DSP path getDsp() gives and why, without throwing (for `serkit doctor`). */
export function dspInfo(): DspInfo {
  return choose().info;
}
