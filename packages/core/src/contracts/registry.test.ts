import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import type { DatasetPlugin } from './dataset.js';
import { type AnyPlugin, PluginRegistry } from './registry.js';

const dataset: DatasetPlugin = {
  kind: 'dataset',
  contractVersion: 1,
  id: 'toy',
  version: '1.0.0',
  description: 'a toy dataset',
  labels: ['a', 'b'],
  async scan() {
    return { items: [], problems: [] };
  },
};

function errorOf(fn: () => unknown): SerkitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SerkitError) return error;
    throw error;
  }
  throw new Error('expected a SerkitError');
}

describe('PluginRegistry', () => {
  it('adds, finds and lists plugins with their source package', () => {
    const registry = new PluginRegistry();
    registry.add(dataset, 'toy-pkg');
    expect(registry.dataset('toy')).toBe(dataset);
    expect(registry.entry('dataset', 'toy').source).toBe('toy-pkg');
    expect(registry.list('dataset')).toHaveLength(1);
    expect(registry.list('model')).toHaveLength(0);
  });

  it('names the installed ids when an id is missing', () => {
    const registry = new PluginRegistry();
    registry.add(dataset, 'toy-pkg');
    const error = errorOf(() => registry.dataset('ravdess'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('installed: toy');
  });

  it('refuses another contract version with a clear error naming the package', () => {
    const registry = new PluginRegistry();
    const future = { ...dataset, contractVersion: 2 } as unknown as AnyPlugin;
    const error = errorOf(() => registry.add(future, 'future-pkg'));
    expect(error.code).toBe('CONTRACT_VERSION');
    expect(error.input).toBe('future-pkg');
    expect(error.reason).toMatch(/contract v2, but this serkit speaks v1/);
  });

  it('refuses malformed plugins and id clashes between packages', () => {
    const registry = new PluginRegistry();
    registry.add(dataset, 'toy-pkg');
    expect(errorOf(() => registry.add(null as unknown as AnyPlugin, 'x')).code).toBe('PLUGIN_LOAD');
    expect(errorOf(() => registry.add({ ...dataset, id: 'Bad Id' }, 'x')).reason).toMatch(/id must match/);
    expect(errorOf(() => registry.add({ ...dataset, scan: undefined } as unknown as AnyPlugin, 'x')).reason).toMatch(
      /no scan\(\) method/,
    );
    expect(errorOf(() => registry.add({ ...dataset, kind: 'widget' } as unknown as AnyPlugin, 'x')).reason).toMatch(
      /kind must be one of/,
    );
    const clash = errorOf(() => registry.add(dataset, 'other-pkg'));
    expect(clash.code).toBe('PLUGIN_LOAD');
    expect(clash.reason).toContain('already provided by toy-pkg');
  });
});
