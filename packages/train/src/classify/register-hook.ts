import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SerkitError } from '@serkit/core';

/**
 * File URL of the `serkit:register` hook declared in the package.json (`oclif.hooks`) of the plugin
 * package at `root`: what a worker thread imports to rebuild that package's plugins.
 */
export async function registerHookOf(root: string): Promise<string> {
  const manifest = join(root, 'package.json');
  let hooks: unknown;
  try {
    hooks = (JSON.parse(await readFile(manifest, 'utf8')) as { oclif?: { hooks?: Record<string, unknown> } }).oclif
      ?.hooks?.['serkit:register'];
  } catch (error) {
    throw new SerkitError('PLUGIN_LOAD', `cannot read the plugin's package.json: ${(error as Error).message}`, {
      input: manifest,
      cause: error,
    });
  }
  const first = Array.isArray(hooks) ? hooks[0] : hooks;
  const target = typeof first === 'string' ? first : (first as { target?: unknown } | undefined)?.target;
  if (typeof target !== 'string') {
    throw new SerkitError('PLUGIN_LOAD', 'declares no serkit:register hook in oclif.hooks', { input: manifest });
  }
  return pathToFileURL(resolve(root, target)).href;
}
