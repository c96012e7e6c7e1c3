import { SerkitError } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, looksLikeSerkitError, toSerkitError } from './errors.js';

describe('exit codes', () => {
  it('maps usage problems to 2 and everything else to 1', () => {
    expect(exitCodeFor(new SerkitError('INVALID_ARGUMENT', 'x'))).toBe(EXIT.USAGE);
    expect(exitCodeFor(new SerkitError('NOT_FOUND', 'x'))).toBe(EXIT.USAGE);
    for (const code of ['DECODE_FAILED', 'PLUGIN_FAILED', 'CONTRACT_VERSION', 'DATASET', 'INTERNAL'] as const) {
      expect(exitCodeFor(new SerkitError(code, 'x'))).toBe(EXIT.FAILED);
    }
  });
});

describe('toSerkitError', () => {
  it('keeps SerkitErrors, also from another copy of @serkit/core', () => {
    const own = new SerkitError('DECODE_FAILED', 'bad', { input: 'a.wav' });
    expect(toSerkitError(own)).toBe(own);
    const foreign = Object.assign(new Error('a.wav: bad'), {
      name: 'SerkitError',
      code: 'DECODE_FAILED',
      reason: 'bad',
      input: 'a.wav',
    });
    expect(looksLikeSerkitError(foreign)).toBe(true);
    expect(toSerkitError(foreign).toJSON()).toEqual({
      code: 'DECODE_FAILED',
      input: 'a.wav',
      reason: 'bad',
      message: 'a.wav: bad',
    });
  });

  it('turns oclif parse errors into INVALID_ARGUMENT naming the flag', () => {
    const parse = Object.assign(new Error('Expected --epochs=abc to be an integer\nSee more help with --help'), {
      parse: {},
      oclif: { exit: 2 },
    });
    const error = toSerkitError(parse);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.input).toBe('--epochs');
    expect(error.reason).toBe('Expected --epochs=abc to be an integer');
  });

  it('names the missing argument, the unexpected one and the missing flag', () => {
    const usage = (message: string, extra: object) =>
      toSerkitError(Object.assign(new Error(message), { parse: {}, ...extra }));
    const missing = usage('Missing 1 required arg:\ndir  directory holding the dataset\nSee more help with --help', {
      args: [{ name: 'dir' }],
    });
    expect([missing.input, missing.reason]).toEqual(['dir', 'missing required argument: dir']);
    const unexpected = usage('Unexpected argument: extra\nSee more help with --help', { args: ['extra'] });
    expect([unexpected.input, unexpected.reason]).toEqual(['extra', 'Unexpected argument: extra']);
    const flag = usage(
      'The following error occurred:\n  Missing required flag extractor\nSee more help with --help',
      {},
    );
    expect([flag.input, flag.reason]).toEqual(['--extractor', 'Missing required flag extractor']);
  });

  it('wraps anything else with the fallback code', () => {
    expect(toSerkitError(new TypeError('x is undefined')).code).toBe('INTERNAL');
    expect(toSerkitError('boom', 'PLUGIN_LOAD', 'pkg').toJSON()).toEqual({
      code: 'PLUGIN_LOAD',
      input: 'pkg',
      reason: 'boom',
      message: 'pkg: boom',
    });
  });
});
