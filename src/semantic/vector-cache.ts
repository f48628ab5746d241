import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Embedder } from './embedder.js';

/** Vectors by content hash, so a reload embeds only what changed. */
export interface VectorCache {
  get(key: string): Float32Array | undefined;
  set(key: string, vector: Float32Array): void;
  /** Forgets every vector but these (those of the base in use), so the cache does not grow with every edit. */
  retain(keys: ReadonlySet<string>): void;
  /** Writes changes out, where the cache is backed by a file. */
  save(): void;
}

export const vectorKey = (model: string, text: string) =>
  createHash('sha256').update(`${model}\u0000${text}`).digest('base64url').slice(0, 22);

export function memoryVectorCache(): VectorCache {
  const map = new Map<string, Float32Array>();
  return {
    get: (k) => map.get(k),
    set: (k, v) => void map.set(k, v),
    retain: (keys) => {
      for (const k of map.keys()) if (!keys.has(k)) map.delete(k);
    },
    save() {},
  };
}

/**
 * A cache in one binary file: a JSON line of keys and dimensions, then the float32 vectors back to back. It is written
 * by temp file and rename, so two processes sharing a data folder never read half a file; an unreadable file is an
 * empty cache, and the vectors are embedded again.
 */
export function fileVectorCache(path: string): VectorCache {
  const map = new Map<string, Float32Array>();
  try {
    const bytes = readFileSync(path);
    const eol = bytes.indexOf(10);
    const { dims, keys } = JSON.parse(bytes.subarray(0, eol).toString('utf8')) as {
      dims: number;
      keys: string[];
    };
    const body = bytes.subarray(eol + 1);
    if (body.length !== keys.length * dims * 4) throw new Error('truncated');
    // One copy into an aligned buffer; every vector is a view on it.
    const all = new Float32Array(new Uint8Array(body).buffer);
    keys.forEach((k, i) => {
      map.set(k, all.subarray(i * dims, (i + 1) * dims));
    });
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
    retain(keys) {
      for (const k of map.keys())
        if (!keys.has(k)) {
          map.delete(k);
          dirty = true;
        }
    },
    save() {
      if (!dirty) return;
      const keys = [...map.keys()];
      const dims = map.values().next().value?.length ?? 0;
      const body = new Float32Array(keys.length * dims);
      keys.forEach((k, i) => {
        body.set(map.get(k) as Float32Array, i * dims);
      });
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(
        tmp,
        Buffer.concat([Buffer.from(`${JSON.stringify({ dims, keys })}\n`), Buffer.from(body.buffer)]),
      );
      renameSync(tmp, path);
      dirty = false;
    },
  };
}

export interface EmbedOptions {
  /** Hears how many of the missing texts are done. */
  progress?: (done: number, total: number) => void;
  /** Drop every other vector from the cache: these texts are the whole base now. */
  only?: boolean;
}

/** Vectors for `texts`, embedding only those the cache lacks, in batches. */
export async function embedCached(
  embedder: Embedder,
  cache: VectorCache,
  texts: readonly string[],
  { progress, only = false }: EmbedOptions = {},
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
  const vectors = keys.map((k) => cache.get(k) as Float32Array);
  if (only) cache.retain(new Set(keys));
  cache.save();
  return vectors;
}
