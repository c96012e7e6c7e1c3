import { type Dsp, tsDsp } from '@serkit/core';
import type { NativeAddon } from './addon.js';
import { native } from './errors.js';

/**
 * A Dsp backed by the C++ addon. Same interface, defaults and errors (SerkitError) as the TS path.
 * Resampling methods other than 'fft' (windowed sinc) are
 * delegated to the TS path so callers still never need to know which path ran.
 */
export function createNativeDsp(addon: NativeAddon): Dsp {
  return {
    name: 'native',
    stft: (y, options) => native(() => addon.stft(y, options)),
    spectrogram: (y, options) => native(() => addon.spectrogram(y, options)),
    melFilterBank: (options) => native(() => addon.melFilterBank(options)),
    melSpectrogram: (input, options) =>
      native(() =>
        'y' in input ? addon.melSpectrogram(input.y, null, options) : addon.melSpectrogram(null, input.power, options),
      ),
    powerToDb: (S, options) => native(() => addon.powerToDb(S, options)),
    mfcc: (input, options) =>
      native(() => ('y' in input ? addon.mfcc(input.y, null, options) : addon.mfcc(null, input.logMel, options))),
    delta: (data, options) => native(() => addon.delta(data, options)),
    resample: (y, origSampleRate, targetSampleRate, options) =>
      options?.method === undefined || options.method === 'fft'
        ? native(() => addon.resample(y, origSampleRate, targetSampleRate))
        : tsDsp.resample(y, origSampleRate, targetSampleRate, options),
    addNoise: (y, options) => native(() => addon.addNoise(y, options)),
    timeStretch: (y, rate, options) => native(() => addon.timeStretch(y, rate, options)),
    pitchShift: (y, sampleRate, nSteps, options) =>
      options?.resample?.method === undefined || options.resample.method === 'fft'
        ? native(() => addon.pitchShift(y, sampleRate, nSteps, options))
        : tsDsp.pitchShift(y, sampleRate, nSteps, options),
  };
}
