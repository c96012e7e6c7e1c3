import type { RegisterHookOptions } from '@serkit/core';
import { folders, PACKAGE_NAME } from './folders.js';

/** oclif `serkit:register` hook, declared in package.json: adds the 'folders' dataset. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(folders, PACKAGE_NAME);
}
