import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import type { DatasetItem } from './dataset.js';
import { filterItems, parseFilter } from './filter.js';

const item = (label: string, speaker: string, channel: string): DatasetItem => ({
  path: `/d/${label}-${speaker}-${channel}.wav`,
  label,
  speaker,
  extra: { channel },
});
const items = [item('angry', '01', 'speech'), item('sad', '02', 'speech'), item('sad', '01', 'song')];
const plugin = { labelName: 'emotion', speakerName: 'actor', extraLabels: ['channel'] };

describe('filterItems', () => {
  it('keeps items matching every key, with aliases and comma alternatives', () => {
    expect(filterItems(items, { channel: 'speech' }, plugin).map((i) => i.label)).toEqual(['angry', 'sad']);
    expect(filterItems(items, { emotion: 'sad', actor: '01' }, plugin)).toEqual([items[2]]);
    expect(filterItems(items, { label: 'angry,sad', channel: 'speech' }, plugin)).toHaveLength(2);
    expect(filterItems(items, undefined, plugin)).toHaveLength(3);
  });

  it('rejects unknown keys and absent values, naming the filter', () => {
    expect(() => filterItems(items, { colour: 'red' }, plugin)).toThrow(
      /--filter colour: unknown filter key; known keys: label, speaker, emotion, actor, channel/,
    );
    try {
      filterItems(items, { channel: 'speach' }, plugin);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SerkitError);
      expect((error as SerkitError).input).toBe('--filter channel=speach');
      expect((error as SerkitError).reason).toContain('values present: song, speech');
    }
  });
});

describe('parseFilter', () => {
  it('parses key=value pairs and rejects the rest', () => {
    expect(parseFilter(['channel=speech', 'emotion = a=b'])).toEqual({ channel: 'speech', emotion: 'a=b' });
    expect(() => parseFilter(['channel'])).toThrow(/--filter channel: expected key=value/);
    expect(() => parseFilter(['=x'])).toThrow(SerkitError);
    expect(() => parseFilter(['x='])).toThrow(SerkitError);
  });
});
