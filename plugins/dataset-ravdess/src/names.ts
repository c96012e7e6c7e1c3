/**
 * RAVDESS file names: seven two-digit fields, `modality-channel-emotion-intensity-statement-repetition-actor`,
 * e.g. `03-01-05-02-01-01-07.flac` = audio-only, speech, angry, strong intensity, statement 01 ("Kids
 * are talking by the door"), first repetition, actor 7 (odd: male).
 * Codes from Livingstone & Russo (2018), PLoS ONE 13(5): e0196391.
 */

export const MODALITIES: Readonly<Record<string, string>> = {
  '01': 'audio-video',
  '02': 'video-only',
  '03': 'audio-only',
};
export const CHANNELS: Readonly<Record<string, string>> = { '01': 'speech', '02': 'song' };
export const EMOTIONS: Readonly<Record<string, string>> = {
  '01': 'neutral',
  '02': 'calm',
  '03': 'happy',
  '04': 'sad',
  '05': 'angry',
  '06': 'fearful',
  '07': 'disgust',
  '08': 'surprised',
};
export const INTENSITIES: Readonly<Record<string, string>> = { '01': 'normal', '02': 'strong' };
export const STATEMENTS: Readonly<Record<string, string>> = { '01': 'kids', '02': 'dogs' };
export const REPETITIONS: Readonly<Record<string, string>> = { '01': '1', '02': '2' };

/** The 8 emotion labels in RAVDESS code order. */
export const EMOTION_LABELS: readonly string[] = Object.values(EMOTIONS);

/** Emotions sung in the song part (no disgust, no surprised). */
export const SONG_EMOTIONS: readonly string[] = ['01', '02', '03', '04', '05', '06'];

export const ACTOR_COUNT = 24;

/** Actors without song recordings in the published corpus. */
export const ACTORS_WITHOUT_SONG: readonly string[] = ['18'];

/** The decoded fields of one RAVDESS name. */
export interface RavdessName {
  readonly modality: string;
  readonly channel: string;
  readonly emotion: string;
  readonly intensity: string;
  readonly statement: string;
  readonly repetition: string;
  /** Two digits, '01'…'24'. */
  readonly actor: string;
  /** Odd actors are male, even actors female. */
  readonly gender: 'male' | 'female';
  /** The seven codes joined by '-' (the name without extension). */
  readonly stem: string;
}

export type ParseResult =
  | { readonly ok: true; readonly name: RavdessName }
  | { readonly ok: false; readonly reason: string };

const NAME_PATTERN = /^(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)$/;

/** Decodes a file's base name without extension (`03-01-05-02-01-01-07`). */
export function parseRavdessStem(stem: string): ParseResult {
  const match = NAME_PATTERN.exec(stem);
  if (match === null) {
    return { ok: false, reason: 'expected seven two-digit fields like 03-01-05-02-01-01-07' };
  }
  const [, m, c, e, i, s, r, a] = match;
  const fields: readonly [string, string, Readonly<Record<string, string>>][] = [
    ['modality', m, MODALITIES],
    ['vocal channel', c, CHANNELS],
    ['emotion', e, EMOTIONS],
    ['intensity', i, INTENSITIES],
    ['statement', s, STATEMENTS],
    ['repetition', r, REPETITIONS],
  ];
  for (const [field, code, table] of fields) {
    if (table[code] === undefined) {
      return { ok: false, reason: `${field} code ${code} is not one of ${Object.keys(table).join(', ')}` };
    }
  }
  const actor = Number(a);
  if (actor < 1 || actor > ACTOR_COUNT) return { ok: false, reason: `actor ${a} is not in 01-${ACTOR_COUNT}` };
  if (e === '01' && i === '02') return { ok: false, reason: 'neutral has no strong intensity in RAVDESS' };
  if (c === '02' && !SONG_EMOTIONS.includes(e)) {
    return { ok: false, reason: `emotion ${EMOTIONS[e]} is not sung in RAVDESS (song has no disgust or surprised)` };
  }
  return {
    ok: true,
    name: {
      modality: MODALITIES[m],
      channel: CHANNELS[c],
      emotion: EMOTIONS[e],
      intensity: INTENSITIES[i],
      statement: STATEMENTS[s],
      repetition: REPETITIONS[r],
      actor: a,
      gender: actor % 2 === 1 ? 'male' : 'female',
      stem,
    },
  };
}

/**
 * The stems one actor recorded for one modality and channel: speech 60 (neutral 1 intensity x 2
 * statements x 2 repetitions = 4, the 7 others 8 each), song 44 (6 emotions).
 */
export function expectedStems(modalityCode: string, channelCode: string, actor: string): string[] {
  const emotions = channelCode === '02' ? SONG_EMOTIONS : Object.keys(EMOTIONS);
  const stems: string[] = [];
  for (const e of emotions) {
    for (const i of e === '01' ? ['01'] : ['01', '02']) {
      for (const s of ['01', '02']) {
        for (const r of ['01', '02']) stems.push([modalityCode, channelCode, e, i, s, r, actor].join('-'));
      }
    }
  }
  return stems;
}

/** Code of a decoded value (inverse lookup), e.g. codeOf(CHANNELS, 'song') = '02'. */
export function codeOf(table: Readonly<Record<string, string>>, value: string): string {
  return Object.keys(table).find((code) => table[code] === value) ?? '';
}
