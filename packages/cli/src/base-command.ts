import { Command, Errors } from '@oclif/core';
import type { PluginRegistry } from '@serkit/core';
import { createProgress, type Progress } from './progress.js';
import type { LoadedRegistry, PluginFailure } from './services/registry.js';

/**
 * The base of every serkit command: a global `--json` flag (the value `run()` returns is printed as
 * JSON on stdout), errors mapped to exit statuses (0 ok, 1 runtime failure or failed inputs, 2
 * usage) and to `{ "error": { code, input, reason, message } }` under --json, plugins loaded once per
 * run through the `serkit:register` hook, and a progress bar on stderr for long work.
 *
 * Commands stay thin: parse flags, call a service, render. Command modules import only oclif, this
 * base and types at the top; everything else (even @serkit/core, and above all TensorFlow.js and
 * the decoders) is imported inside `run()`, because `serkit --help` imports every command module
 * and must answer in under 0.5 s.
 */
export abstract class SerkitCommand extends Command {
  static override enableJsonFlag = true;

  #registry: Promise<LoadedRegistry> | undefined;

  /** The plugin registry of this run; plugins that failed to load are reported on stderr by name. */
  protected async registry(): Promise<PluginRegistry> {
    return (await this.loadedRegistry()).registry;
  }

  /** The registry with the list of plugin packages that failed to register. */
  protected async loadedRegistry(): Promise<LoadedRegistry> {
    this.#registry ??= import('./services/registry.js').then(async ({ registerPlugins }) => {
      const loaded = await registerPlugins(this.config);
      for (const failure of loaded.failures) this.reportPluginFailure(failure);
      return loaded;
    });
    return this.#registry;
  }

  protected reportPluginFailure({ plugin, error }: PluginFailure): void {
    this.warnLine(`plugin ${plugin} failed to load (${error.code}): ${error.reason}`);
  }

  /** A progress bar on stderr, silent with --json or when stderr is not a terminal. */
  protected progress(label: string, total: number): Progress {
    return createProgress(label, total, !this.jsonEnabled());
  }

  /** Prints a warning on stderr, also under --json (oclif's logToStderr is silent then; stdout stays JSON). */
  protected warnLine(message: string): void {
    process.stderr.write(`serkit: warning: ${message}\n`);
  }

  protected override async catch(error: Error & { code?: string }): Promise<unknown> {
    // `this.exit()` and --help/--version unwind with an ExitError: let oclif handle those.
    if (error instanceof Errors.ExitError || error.code === 'EEXIT') throw error;
    const { exitCodeFor, toSerkitError } = await import('./errors.js');
    const serkit = toSerkitError(error);
    process.exitCode = exitCodeFor(serkit);
    if (this.jsonEnabled()) {
      this.logJson({ error: serkit.toJSON() });
    } else {
      this.logToStderr(`serkit: error: ${serkit.message}`);
      if (serkit.code === 'INTERNAL' && error.stack !== undefined && process.env.DEBUG !== undefined) {
        this.logToStderr(error.stack);
      }
    }
    return undefined;
  }
}
