import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, fnv1a64 } from './hash.js';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    // Vectors from the FNV reference (Fowler/Noll/Vo test suite).
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
    expect(fnv1a64('é')).toBe(fnv1a64('\u00e9'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":1,"z":0}]},"b":1}',
    );
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/no JSON form/);
  });
});

describe('fingerprint', () => {
  it('is independent of key order and sensitive to id, version and values', () => {
    const base = fingerprint('mfcc-mean', '1.0.0', { nMfcc: 13, sampleRate: 22050 });
    expect(fingerprint('mfcc-mean', '1.0.0', { sampleRate: 22050, nMfcc: 13 })).toBe(base);
    expect(fingerprint('mfcc-mean', '1.0.1', { nMfcc: 13, sampleRate: 22050 })).not.toBe(base);
    expect(fingerprint('mfcc-seq', '1.0.0', { nMfcc: 13, sampleRate: 22050 })).not.toBe(base);
    expect(fingerprint('mfcc-mean', '1.0.0', { nMfcc: 20, sampleRate: 22050 })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });
});
