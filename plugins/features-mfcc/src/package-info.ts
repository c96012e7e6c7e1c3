import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
/** The npm package these extractors ship in (the registry records it as their source). */
export const PACKAGE_NAME = pkg.name;
export const PACKAGE_VERSION = pkg.version;
