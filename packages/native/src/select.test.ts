import { afterEach, describe, expect, it, vi } from 'vitest';
import { addonMissing, addon as builtAddon } from './test-helpers.js';

const saved = { dsp: process.env.SERKIT_DSP, path: process.env.SERKIT_NATIVE_ADDON };

afterEach(() => {
  for (const [key, value] of [
    ['SERKIT_DSP', saved.dsp],
    ['SERKIT_NATIVE_ADDON', saved.path],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
});

// A fresh copy of the package, so the addon is looked up again under the current environment.
const fresh = async () => import('./index.js');

describe('getDsp / dspInfo', () => {
  it('SERKIT_DSP=ts forces the TypeScript path', async () => {
    process.env.SERKIT_DSP = 'ts';
    const { getDsp, dspInfo } = await fresh();
    expect(getDsp().name).toBe('ts');
    expect(dspInfo()).toMatchObject({ active: 'ts', reason: expect.stringContaining('SERKIT_DSP=ts') });
  });

  it('an unknown SERKIT_DSP value is an error naming the variable', async () => {
    process.env.SERKIT_DSP = 'gpu';
    const { getDsp, dspInfo } = await fresh();
    expect(() => getDsp()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', input: 'SERKIT_DSP' }));
    expect(dspInfo().reason).toContain('gpu');
  });

  it('without the addon: falls back to TS, and forcing native says why', async () => {
    process.env.SERKIT_NATIVE_ADDON = '/nonexistent/serkit_native.node';
    delete process.env.SERKIT_DSP;
    const { getDsp, dspInfo, loadAddon } = await fresh();
    expect(loadAddon()).toBeNull();
    expect(getDsp().name).toBe('ts');
    expect(dspInfo()).toMatchObject({ active: 'ts', addonPath: '/nonexistent/serkit_native.node' });
    expect(dspInfo().reason).toContain('not built');
    process.env.SERKIT_DSP = 'native';
    expect(() => getDsp()).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', input: 'SERKIT_DSP' }));
  });

  it('a file that is not an addon is reported, not thrown', async () => {
    process.env.SERKIT_NATIVE_ADDON = new URL('./index.ts', import.meta.url).pathname;
    delete process.env.SERKIT_DSP;
    const { getDsp, dspInfo } = await fresh();
    expect(getDsp().name).toBe('ts');
    expect(dspInfo().reason).toMatch(/failed to load|no DSP functions/);
  });

  it.skipIf(builtAddon === null)(
    `with the addon built, native is the default${builtAddon === null ? ` (${addonMissing})` : ''}`,
    async () => {
      delete process.env.SERKIT_DSP;
      const { getDsp, dspInfo, loadAddon } = await fresh();
      expect(getDsp().name).toBe('native');
      expect(dspInfo()).toMatchObject({ active: 'native', addonPath: expect.stringContaining('serkit_native') });
      expect(typeof loadAddon()?.mfcc).toBe('function');
      process.env.SERKIT_DSP = 'native';
      expect(getDsp().name).toBe('native');
    },
  );
});
