import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { SerkitError } from '@serkit/core';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';

export interface FfmpegLocation {
  path: string;
  source: FfmpegSource;
}

const HOW_TO_GET =
  'install one (Debian/Ubuntu: `apt install ffmpeg`; macOS: `brew install ffmpeg`), ' +
  'or set FFMPEG_PATH to an ffmpeg binary, or install the optional npm package ffmpeg-static';

const isExecutableFile = (path: string): boolean => {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

let ffmpegStaticPath: string | null | undefined;

/** The binary of the optional `ffmpeg-static` package, if it is installed and its download worked. */
function fromFfmpegStatic(): string | null {
  if (ffmpegStaticPath !== undefined) return ffmpegStaticPath;
  ffmpegStaticPath = null;
  try {
    // Resolved lazily: the package is optional and usually absent.
    const exported: unknown = createRequire(import.meta.url)('ffmpeg-static');
    if (typeof exported === 'string' && isExecutableFile(exported)) ffmpegStaticPath = exported;
  } catch {
    // not installed
  }
  return ffmpegStaticPath;
}

/** `name` in a directory of PATH, as a shell would find it (but without a shell). */
export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * The ffmpeg to run: `FFMPEG_PATH` if set (and then only it: an explicit choice is never silently
 * replaced), else ffmpeg-static's binary if installed, else `ffmpeg` on PATH.
 * Throws NO_FFMPEG saying how to get one.
 */
export function locateFfmpeg(): FfmpegLocation {
  const fromEnv = process.env.FFMPEG_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutableFile(fromEnv)) return { path: fromEnv, source: 'FFMPEG_PATH' };
    throw new SerkitError('NO_FFMPEG', `FFMPEG_PATH is not an executable file; ${HOW_TO_GET}`, {
      input: fromEnv,
    });
  }
  const bundled = fromFfmpegStatic();
  if (bundled) return { path: bundled, source: 'ffmpeg-static' };
  const onPath = findOnPath('ffmpeg');
  if (onPath) return { path: onPath, source: 'PATH' };
  throw new SerkitError('NO_FFMPEG', `no ffmpeg found; ${HOW_TO_GET}`, { input: 'ffmpeg' });
}

/** ffprobe next to the chosen ffmpeg, or on PATH; null when there is none (ffmpeg-static has none). */
export function locateFfprobe(ffmpeg: FfmpegLocation): string | null {
  const sibling = ffmpeg.path.replace(/ffmpeg(\.exe)?$/, 'ffprobe$1');
  if (sibling !== ffmpeg.path && isExecutableFile(sibling)) return sibling;
  return ffmpeg.source === 'FFMPEG_PATH' ? null : findOnPath('ffprobe');
}

export interface FfmpegInfo {
  path?: string;
  /** e.g. '5.1.9-0+deb12u1'. */
  version?: string;
  source: FfmpegSource | null;
  error?: string;
}

/** Which ffmpeg serkit would use and its version, for `serkit doctor`. Never throws. */
export function ffmpegInfo(): FfmpegInfo {
  let location: FfmpegLocation;
  try {
    location = locateFfmpeg();
  } catch (error) {
    return { source: null, error: (error as Error).message };
  }
  const run = spawnSync(location.path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 });
  const version = /^ffmpeg version (\S+)/m.exec(run.stdout ?? '')?.[1];
  if (run.status !== 0 || version === undefined) {
    const why = run.error?.message ?? (run.stderr?.trim() || `exit status ${run.status}`);
    return { path: location.path, source: location.source, error: `\`ffmpeg -version\` failed: ${why}` };
  }
  return { path: location.path, version, source: location.source };
}
