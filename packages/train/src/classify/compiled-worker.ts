import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script of a worker in ./worker/ (`name` without extension). Tests run this package
 * from src/ (TypeScript), where workers cannot load .ts: they use the build in dist/ (`npm test`
 * builds first), and callers fall back to the main thread when it is absent.
 */
export function compiledWorkerScript(name: string): URL | undefined {
  const here = import.meta.url;
  const url = here.endsWith('.ts')
    ? new URL(`../../dist/classify/worker/${name}.js`, here)
    : new URL(`./worker/${name}.js`, here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * The parent's Node flags without `--conditions`: the worker is compiled code and must resolve the
 * workspace packages to their builds, even when the parent (vitest) resolves them to TypeScript sources.
 */
export function compiledExecArgv(): string[] {
  const args: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i];
    if (arg === '--conditions' || arg === '-C') i++;
    else if (!arg.startsWith('--conditions=')) args.push(arg);
  }
  return args;
}
