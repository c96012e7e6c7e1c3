import { powerToDb } from './db.js';
import { delta } from './delta.js';
import { melFilterBank, melSpectrogram } from './mel.js';
import { mfcc } from './mfcc.js';
import { addNoise } from './noise.js';
import { pitchShift } from './pitch.js';
import { resample } from './resample.js';
import { spectrogram, stft } from './stft.js';
import { timeStretch } from './stretch.js';
import type { Dsp } from './types.js';

/** The pure-TypeScript DSP path (web-standard APIs only): runs in Node, Deno and browsers. */
export const tsDsp: Dsp = {
  name: 'ts',
  stft,
  spectrogram,
  melFilterBank,
  melSpectrogram,
  powerToDb,
  mfcc,
  delta,
  resample,
  addNoise,
  timeStretch,
  pitchShift,
};
