/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of a string: small, synchronous and stable across runtimes.
 * Not cryptographic — serkit uses it for cache keys and fingerprints, where an accidental collision
 * between two configurations is the only concern (about 1 in 2^32 for 2^16 distinct keys).
 */
const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 of `text` as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV64_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, '0');
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** JSON with object keys sorted at every level, so `{a, b}` and `{b, a}` serialise alike. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map((entry: Json) => canonicalJson(entry)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: Json };
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`canonicalJson: ${value} has no JSON form`);
  }
  return JSON.stringify(value);
}

/** Stable fingerprint of a plugin configuration: FNV-1a 64 of `id@version` + canonical JSON config. */
export function fingerprint(id: string, version: string, config: Json): string {
  return fnv1a64(`${id}@${version}:${canonicalJson(config)}`);
}

export type { Json };
