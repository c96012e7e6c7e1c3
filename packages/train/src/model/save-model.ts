import { join } from 'node:path';
import type { LayersModel } from '@serkit/core';
import { writeChecksummedJson } from './checksummed-json.js';
import { FileSystemHandler } from './file-system-handler.js';
import { type ManifestDraft, MODEL_FILES, type SerkitManifest } from './manifest-schema.js';
import { SERKIT_VERSION } from './serkit-version.js';

/**
 * Saves a model folder: weights.bin and model.json first, serkit.json (with their sha256) last, so
 * a folder whose serkit.json is complete describes files that are complete too; a crash in between
 * leaves checksums that no longer match, which `loadModel` reports instead of loading.
 */
export async function saveModel(dir: string, model: LayersModel, draft: ManifestDraft): Promise<SerkitManifest> {
  const handler = new FileSystemHandler(dir);
  await model.save(handler);
  const manifest: Omit<SerkitManifest, 'manifestSha256'> = {
    format: 'serkit-model',
    formatVersion: 1,
    serkitVersion: SERKIT_VERSION,
    createdAt: new Date().toISOString(),
    ...draft,
    files: handler.savedSums!,
  };
  await writeChecksummedJson(join(dir, MODEL_FILES.manifest), manifest);
  return { ...manifest, manifestSha256: '' };
}
