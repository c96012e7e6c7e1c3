import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultFixtureSpecs,
  type FixtureSet,
  hasFfmpeg,
  makeAudioFixtures,
  makeBadInputs,
} from '../../../test/support/audio-fixtures.js';
import { decodeFile } from './decode-file.js';
import { probeFile } from './probe-file.js';

let set: FixtureSet;
const wanted = [
  's24-22k-stereo.wav',
  's16-48k-stereo.flac',
  'tone-44k-stereo.mp3',
  'speech-16k.ogg',
  'speech-16k.opus',
  'speech-16k.m4a',
  'speech-16k-video.mp4',
];

beforeAll(async () => {
  set = await makeAudioFixtures(defaultFixtureSpecs().filter((s) => wanted.includes(s.name)));
});
afterAll(() => set?.cleanup());

describe.skipIf(!hasFfmpeg)('probeFile', () => {
  it('agrees with a full decode on channels, rate, codec and duration', async () => {
    for (const f of set.fixtures) {
      const probed = await probeFile(f.path);
      const decoded = await decodeFile(f.path);
      const inProcess = !/\.(m4a|mp4)$/.test(f.name);
      expect(probed.method, f.name).toBe(inProcess ? 'header' : 'ffprobe');
      expect(probed, f.name).toMatchObject({
        channels: decoded.source.channels,
        sampleRate: decoded.source.sampleRate,
        codec: decoded.source.codec,
      });
      // MP3/AAC headers count whole frames (encoder delay and padding included): allow two frames.
      expect(Math.abs(probed.duration - decoded.duration), f.name).toBeLessThan(0.06);
    }
  });

  it('rejects bad files with the same errors as decodeFile', async () => {
    for (const bad of await makeBadInputs(set.dir)) {
      if (bad.skip || bad.inSamples) continue;
      const error = await probeFile(bad.path).then(
        () => null,
        (e: { code: string; input: string }) => e,
      );
      expect(error, bad.kind).not.toBeNull();
      expect(bad.codes, `${bad.kind}: ${error?.code}`).toContain(error?.code);
      expect(error?.input).toBe(bad.path);
    }
  });
});
