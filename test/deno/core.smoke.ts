// Deno smoke test of the BUILT core (packages/core/dist): proves the core runs on web-standard APIs
// only, fft.js included. Run: deno test --allow-read --allow-env test/deno/core.smoke.ts
// (after `npm run build`). test/deno/deno.test.ts runs it from vitest.
import {
  melFrequencies,
  melSpectrogram,
  mfcc,
  powerToDb,
  readWav,
  relativeError,
  tsDsp,
  writeWav,
} from '../../packages/core/dist/index.js';

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const sampleRate = 22050;
const tone = Float32Array.from({ length: sampleRate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));

Deno.test('MFCC of a 440 Hz tone: shape, finiteness, layering', () => {
  const m = tsDsp.mfcc({ y: tone }, { sampleRate, nMfcc: 13 });
  assert(m.rows === 13 && m.cols === 1 + Math.floor(tone.length / 512), `shape ${m.rows}x${m.cols}`);
  assert(m.data.every(Number.isFinite), 'non-finite MFCC');
  // From the log-mel matrix (librosa's S=) it must be the same numbers.
  const logMel = powerToDb(melSpectrogram({ y: tone }, { sampleRate }));
  const layered = mfcc({ logMel }, { nMfcc: 13 });
  assert(relativeError(layered.data, m.data) < 1e-6, 'mfcc(y) != mfcc(logMel)');
  // The loudest mel band of the middle frame is the one whose centre is nearest 440 Hz.
  const mel = melSpectrogram({ y: tone }, { sampleRate, nMels: 40 });
  const t = Math.floor(mel.cols / 2);
  let best = 0;
  for (let b = 1; b < mel.rows; b++) if (mel.data[b * mel.cols + t]! > mel.data[best * mel.cols + t]!) best = b;
  const centres = melFrequencies(mel.rows + 2, 0, sampleRate / 2).subarray(1, mel.rows + 1);
  let nearest = 0;
  for (let b = 1; b < centres.length; b++)
    if (Math.abs(centres[b]! - 440) < Math.abs(centres[nearest]! - 440)) nearest = b;
  assert(best === nearest, `loudest band ${best}, expected ${nearest}`);
});

Deno.test('MFCC matches the librosa reference when the fixtures are present', async () => {
  const dir =
    Deno.env.get('SERKIT_LIBROSA_REFERENCE') ?? new URL('../../../shared/reference/librosa/', import.meta.url).pathname;
  let chirp: Uint8Array;
  let expected: Uint8Array;
  try {
    chirp = await Deno.readFile(`${dir}/input-chirp.f32`);
    expected = await Deno.readFile(`${dir}/mfcc-librosa-default-chirp.f32`);
  } catch {
    console.log(`librosa fixtures not found at ${dir}: reference comparison skipped`);
    return;
  }
  const y = new Float32Array(chirp.slice().buffer);
  const m = mfcc({ y }, { sampleRate: 16000, nMfcc: 13 });
  const error = relativeError(m.data, new Float32Array(expected.slice().buffer));
  assert(error <= 1e-4, `relative error ${error}`);
});

Deno.test('WAV round trip (16-bit, float32, stereo)', () => {
  const left = tone.subarray(0, 1000);
  const right = Float32Array.from(left, (v) => -v);
  for (const format of ['pcm16', 'float32'] as const) {
    const back = readWav(writeWav({ sampleRate, channels: [left, right] }, { format }));
    assert(back.sampleRate === sampleRate && back.channels.length === 2, 'header');
    const step = format === 'pcm16' ? 1 / 32768 : 0;
    for (let i = 0; i < left.length; i++) {
      assert(Math.abs(back.channels[0]![i]! - left[i]!) <= step, `left ${i}`);
      assert(Math.abs(back.channels[1]![i]! - right[i]!) <= step, `right ${i}`);
    }
    const mono = readWav(writeWav({ sampleRate, channels: [left, right] }, { format }), { mono: true });
    assert(
      mono.channels[0]!.every((v) => Math.abs(v) <= step),
      'mono mix of opposite channels',
    );
  }
});

Deno.test('augmentations run and are seeded', () => {
  const a = tsDsp.addNoise(tone, { seed: 3, snrDb: 20 });
  const b = tsDsp.addNoise(tone, { seed: 3, snrDb: 20 });
  assert(
    a.every((v: number, i: number) => v === b[i]),
    'same seed, different noise',
  );
  assert(tsDsp.timeStretch(tone, 1.25).length === Math.round(tone.length / 1.25), 'stretch length');
  assert(tsDsp.pitchShift(tone, sampleRate, 2).length === tone.length, 'pitch length');
  assert(
    tsDsp.resample(tone, sampleRate, 16000).length === Math.ceil((tone.length * 16000) / sampleRate),
    'resample length',
  );
});
