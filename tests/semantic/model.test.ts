import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dot } from '../../src/semantic/embedder.js';
import { testEmbedder } from '../support/engine.js';

const run = promisify(execFile);

describe('the sentence model', () => {
  it('loads and embeds with the network off: its weights ship in the package, nothing is fetched', async () => {
    // A network namespace of its own has no interface but loopback, so any fetch of weights would fail the load.
    const script = `
      const { loadUseLite } = await import('./src/semantic/use-lite.ts');
      const e = await loadUseLite();
      const [v] = await e.embed(['is china sending russia machine tools?']);
      console.log(JSON.stringify({ dims: v.length }));
      await e.close();`;
    const { stdout } = await run('unshare', ['-n', process.execPath, '--import', 'tsx', '-e', script], {
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({ dims: 512 });
  }, 90_000);

  it('puts a paraphrase nearer than an unrelated sentence, with unit-length vectors', async () => {
    const embedder = await testEmbedder();
    const [question, paraphrase, unrelated, empty] = await embedder.embed([
      "what share of russia's machine tool imports came from china?",
      'how much of the machinery Moscow bought abroad was Chinese?',
      'the weather in paris is sunny today',
      '',
    ]);
    if (!question || !paraphrase || !unrelated || !empty) throw new Error('missing vectors');
    expect(dot(question, question)).toBeCloseTo(1, 4);
    expect(dot(question, paraphrase)).toBeGreaterThan(dot(question, unrelated) + 0.2);
    expect(empty).toHaveLength(512);
  });
});
