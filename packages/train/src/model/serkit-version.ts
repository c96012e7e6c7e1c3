import { createRequire } from 'node:module';

// src/model/ and dist/model/ are both two levels below the package root.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The version of @serkit/train, stamped into model files. */
export const SERKIT_VERSION: string = version;
