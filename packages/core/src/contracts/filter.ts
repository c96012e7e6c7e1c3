import { SerkitError } from '../errors.js';
import type { DatasetItem, DatasetPlugin } from './dataset.js';

export type DatasetFilter = Readonly<Record<string, string>>;

/**
 * Keeps the items matching every `key=value` of `filter` (values may list alternatives separated by
 * commas: `emotion=angry,sad`). Keys are 'label', 'speaker', the plugin's `labelName`/`speakerName`
 * aliases (e.g. 'emotion', 'actor') and its `extraLabels`. An unknown key, or a value no item has,
 * is an INVALID_ARGUMENT naming the filter and listing what exists, so a typo never silently
 * selects nothing.
 */
export function filterItems(
  items: readonly DatasetItem[],
  filter: DatasetFilter | undefined,
  plugin: Pick<DatasetPlugin, 'labelName' | 'speakerName' | 'extraLabels'>,
): DatasetItem[] {
  const entries = Object.entries(filter ?? {});
  if (entries.length === 0) return [...items];
  const getters = fieldGetters(plugin);
  const tests = entries.map(([key, value]) => {
    const get = getters.get(key);
    if (get === undefined) {
      throw new SerkitError('INVALID_ARGUMENT', `unknown filter key; known keys: ${[...getters.keys()].join(', ')}`, {
        input: `--filter ${key}`,
      });
    }
    const wanted = new Set(value.split(',').map((v) => v.trim()));
    const present = new Set(items.map(get));
    const absent = [...wanted].filter((v) => !present.has(v));
    if (absent.length > 0 && items.length > 0) {
      throw new SerkitError(
        'INVALID_ARGUMENT',
        `no item has ${key}=${absent.join(',')}; values present: ${[...present].sort().join(', ')}`,
        { input: `--filter ${key}=${value}` },
      );
    }
    return (item: DatasetItem) => wanted.has(get(item));
  });
  return items.filter((item) => tests.every((test) => test(item)));
}

/** Parses `key=value` strings (the CLI's repeated `--filter`) into a filter. */
export function parseFilter(pairs: readonly string[]): DatasetFilter {
  const filter: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new SerkitError('INVALID_ARGUMENT', 'expected key=value, e.g. channel=speech', {
        input: `--filter ${pair}`,
      });
    }
    filter[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return filter;
}

type Getter = (item: DatasetItem) => string;

function fieldGetters(plugin: Pick<DatasetPlugin, 'labelName' | 'speakerName' | 'extraLabels'>): Map<string, Getter> {
  const getters = new Map<string, Getter>([
    ['label', (item) => item.label],
    ['speaker', (item) => item.speaker],
  ]);
  if (plugin.labelName !== undefined) getters.set(plugin.labelName, (item) => item.label);
  if (plugin.speakerName !== undefined) getters.set(plugin.speakerName, (item) => item.speaker);
  for (const key of plugin.extraLabels ?? []) getters.set(key, (item) => item.extra[key] ?? '');
  return getters;
}
