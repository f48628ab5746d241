import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Embedder } from './embedder.js';

/** Vectors by content hash, so a reload embeds only what changed. */
export interface VectorCache {
  get(key: string): Float32Array | undefined;
  set(key: string, vector: Float32Array): void;
  /** Writes new entries out, where the cache is backed by a file. */
  save(): void;
}

export const vectorKey = (model: string, text: string) =>
  createHash('sha256').update(`${model}\u0000${text}`).digest('base64url').slice(0, 22);

export function memoryVectorCache(): VectorCache {
  const map = new Map<string, Float32Array>();
  return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v), save() {} };
}

/**
 * A cache in one file (`{ key: base64 float32 }`), written by temp file and rename so that two processes sharing a
 * data folder never read half a file. An unreadable file is an empty cache: the vectors are embedded again.
 */
export function fileVectorCache(path: string): VectorCache {
  const map = new Map<string, Float32Array>();
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    for (const [k, b64] of Object.entries(stored)) {
      const bytes = Buffer.from(b64, 'base64');
      map.set(k, new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice());
    }
  } catch {
    // missing or corrupt: start empty
  }
  let dirty = false;
  return {
    get: (k) => map.get(k),
    set(k, v) {
      map.set(k, v);
      dirty = true;
    },
    save() {
      if (!dirty) return;
      const out: Record<string, string> = {};
      for (const [k, v] of map) out[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, path);
      dirty = false;
    },
  };
}

/**
 * Vectors for `texts`, embedding only those the cache lacks, in batches; `progress` hears how many are done.
 */
export async function embedCached(
  embedder: Embedder,
  cache: VectorCache,
  texts: readonly string[],
  progress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const keys = texts.map((t) => vectorKey(embedder.model, t));
  const missing = [...new Set(texts.filter((_, i) => !cache.get(keys[i] as string)))];
  const BATCH = 32;
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const vectors = await embedder.embed(batch);
    for (const [j, t] of batch.entries()) cache.set(vectorKey(embedder.model, t), vectors[j] as Float32Array);
    progress?.(Math.min(i + BATCH, missing.length), missing.length);
  }
  if (missing.length > 0) cache.save();
  return keys.map((k) => cache.get(k) as Float32Array);
}
