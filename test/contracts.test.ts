import { CONTRACT_VERSION, PluginRegistry, SerkitError } from '@serkit/core';
import { describe, expect, it } from 'vitest';

describe('PluginRegistry', () => {
  it('refuses a plugin built for another contract version, naming it', () => {
    const registry = new PluginRegistry();
    const plugin = {
      kind: 'dataset',
      contractVersion: 99,
      id: 'x',
      version: '1',
      description: '',
      labels: [],
      scan: async () => ({ items: [], problems: [] }),
    } as unknown as Parameters<PluginRegistry['add']>[0];
    expect(() => registry.add(plugin, 'serkit-plugin-x')).toThrow(SerkitError);
    expect(() => registry.add(plugin, 'serkit-plugin-x')).toThrow(/contract v99.*v1/);
  });

  it('finds registered plugins by kind and id and lists the installed ones when one is missing', () => {
    const registry = new PluginRegistry();
    registry.add(
      {
        kind: 'dataset',
        contractVersion: CONTRACT_VERSION,
        id: 'folders',
        version: '1.0.0',
        description: 'one folder per label',
        labels: [],
        scan: async () => ({ items: [], problems: [] }),
      },
      'pkg-a',
    );
    expect(registry.dataset('folders').id).toBe('folders');
    expect(registry.list('model')).toHaveLength(0);
    expect(() => registry.dataset('nope')).toThrow(/installed: folders/);
  });
});
