import { SerkitError } from '@serkit/core';

export type ConfigValue = string | number | boolean | null;

/**
 * Parses repeated `KEY=VALUE` flags (e.g. `--config nMfcc=20 --config fmax=8000`) into plain JSON
 * values: numbers, `true`/`false`, `null`, otherwise the string. The plugin validates keys and ranges.
 */
export function parseConfigPairs(pairs: readonly string[], flag: string): Record<string, ConfigValue> {
  const config: Record<string, ConfigValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new SerkitError('INVALID_ARGUMENT', 'expected KEY=VALUE, e.g. nMfcc=20', { input: `${flag} ${pair}` });
    config[pair.slice(0, at).trim()] = parseValue(pair.slice(at + 1).trim());
  }
  return config;
}

function parseValue(text: string): ConfigValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}
