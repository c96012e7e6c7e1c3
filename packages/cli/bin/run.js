#!/usr/bin/env node
// The `serkit` executable. Always runs the compiled commands in dist/ (never transpiles TypeScript
// on the fly, even under NODE_ENV=development/test), so what runs is what `tsc -b` built.
import { execute, settings } from '@oclif/core';

settings.enableAutoTranspile = false;
await execute({ dir: import.meta.url });
