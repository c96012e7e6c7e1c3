import { defineConfig } from 'vitest/config';

// Tests run on TypeScript sources: the "source" export condition points each workspace package at
// its src/ so a test never depends on a stale build. End-to-end tests that spawn the CLI use dist/
// (`npm test` builds first).
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'module', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'module', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
