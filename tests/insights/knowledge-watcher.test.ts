import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KnowledgeWatcher, watchKnowledge } from '../../adapters/knowledge-watcher.js';
import type { KnowledgeBase, Logger } from '../../src/types.js';

const factFile = (id: string, certainty = 'official-action') => `facts:
  - id: ${id}
    claim: The UK and US barred new Russian metal from the exchanges in a test.
    attribution: the UK and US governments
    certainty: ${certainty}
    topics: [metals]
    examples: ["a test question about ${id}"]
    added: 2026-11-28
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting for the watcher');
    await sleep(20);
  }
}

let watcher: KnowledgeWatcher | undefined;
afterEach(() => watcher?.close());

async function start(setup: (dir: string) => void = () => {}) {
  const dir = join(mkdtempSync(join(tmpdir(), 'sitrep-watch-')), 'knowledge');
  cpSync('knowledge', dir, { recursive: true });
  setup(dir);
  const changes: KnowledgeBase[] = [];
  const warnings: { msg: string; ctx?: Record<string, unknown> }[] = [];
  const infos: { msg: string; ctx?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (msg, ctx) => infos.push({ msg, ctx }),
    warn: (msg, ctx) => warnings.push({ msg, ctx }),
    error: (msg, ctx) => warnings.push({ msg, ctx }),
  };
  watcher = watchKnowledge({ dir, log, onChange: (kb) => changes.push(kb), debounceMs: 100 });
  await watcher.ready;
  return { dir, changes, warnings, infos };
}

const ids = (kb: KnowledgeBase | undefined) => kb?.facts.map((f) => f.id) ?? [];

describe('knowledge watcher', () => {
  it('reloads with a newly added fact file and logs the fact count', async () => {
    const { dir, changes, infos } = await start();
    writeFileSync(join(dir, 'facts', 'added.yml'), factFile('watcher-added-fact'));
    await waitFor(() => changes.length > 0);
    expect(ids(changes.at(-1))).toContain('watcher-added-fact');
    expect(ids(changes.at(-1))).toContain('machine-tools-china-share-q4-2023');
    expect(infos.at(-1)).toEqual({
      msg: 'knowledge reloaded',
      ctx: expect.objectContaining({ facts: changes.at(-1)?.facts.length }),
    });
  });

  it('debounces a burst of writes into one reload', async () => {
    const { dir, changes } = await start();
    for (const id of ['burst-one', 'burst-two', 'burst-three'])
      writeFileSync(join(dir, 'facts', `${id}.yml`), factFile(id));
    await waitFor(() => changes.length > 0);
    await sleep(400);
    expect(changes).toHaveLength(1);
    expect(ids(changes[0])).toEqual(expect.arrayContaining(['burst-one', 'burst-two', 'burst-three']));
  });

  it('keeps the old base and warns once, naming file, fact and field, when a save is broken', async () => {
    const { dir, changes, warnings } = await start();
    const broken = factFile('watcher-broken-fact', 'maybe');
    writeFileSync(join(dir, 'facts', 'broken.yml'), broken);
    await waitFor(() => warnings.length > 0);
    writeFileSync(join(dir, 'facts', 'broken.yml'), broken);
    await sleep(500);
    expect(changes).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.ctx?.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/facts\/broken\.yml$/),
        factId: 'watcher-broken-fact',
        field: 'facts.0.certainty',
      }),
    ]);

    writeFileSync(join(dir, 'facts', 'broken.yml'), factFile('watcher-broken-fact'));
    await waitFor(() => changes.length > 0);
    expect(ids(changes[0])).toContain('watcher-broken-fact');
  });

  it('reloads without the facts of a deleted file', async () => {
    const { dir, changes } = await start((d) =>
      writeFileSync(join(d, 'facts', 'extra.yml'), factFile('doomed-fact')),
    );
    rmSync(join(dir, 'facts', 'extra.yml'));
    await waitFor(() => changes.length > 0);
    expect(ids(changes.at(-1))).not.toContain('doomed-fact');
    expect(ids(changes.at(-1))).toContain('machine-tools-china-share-q4-2023');
  });

  it('warns and keeps the old base when the directory is renamed away or deleted', async () => {
    const renamed = await start();
    renameSync(renamed.dir, `${renamed.dir}-moved`);
    await waitFor(() => renamed.warnings.length > 0);
    expect(renamed.changes).toEqual([]);
    watcher?.close();

    const deleted = await start();
    rmSync(deleted.dir, { recursive: true });
    await waitFor(() => deleted.warnings.length > 0);
    await sleep(300);
    expect(deleted.changes).toEqual([]);
    expect(deleted.warnings).toHaveLength(1);
  });

  // Node's own recursive fs.watch stops seeing a file once it is replaced by rename, and sees nothing after the folder
  // is swapped: each kind of save is repeated, and each must be seen every time.
  it.each([
    ['written in place', (path: string, text: string) => writeFileSync(path, text)],
    [
      'saved by rename, as editors do',
      (path: string, text: string) => {
        writeFileSync(`${path}.tmp`, text);
        renameSync(`${path}.tmp`, path);
      },
    ],
    [
      'edited with sed -i',
      (path: string, text: string) => {
        const id = /id: (\S+)/.exec(text)?.[1] ?? '';
        execFileSync('sed', ['-i', `s/id: [a-z0-9-]*/id: ${id}/`, path]);
      },
    ],
  ])('sees a fact file %s, three times in a row', async (_how, save) => {
    const { dir, changes } = await start((d) =>
      writeFileSync(join(d, 'facts', 'edited.yml'), factFile('edit-0')),
    );
    for (const n of [1, 2, 3]) {
      save(join(dir, 'facts', 'edited.yml'), factFile(`edit-${n}`));
      await waitFor(() => ids(changes.at(-1)).includes(`edit-${n}`), 5000);
    }
  });

  it('sees edits after the folder is moved away and back, and after it is replaced by a copy', async () => {
    const { dir, changes } = await start();
    renameSync(dir, `${dir}-away`);
    await sleep(300);
    renameSync(`${dir}-away`, dir);
    writeFileSync(join(dir, 'facts', 'back.yml'), factFile('after-move-back'));
    await waitFor(() => ids(changes.at(-1)).includes('after-move-back'), 5000);

    cpSync(dir, `${dir}-copy`, { recursive: true });
    rmSync(dir, { recursive: true });
    renameSync(`${dir}-copy`, dir);
    await sleep(300);
    writeFileSync(join(dir, 'facts', 'swapped.yml'), factFile('after-swap'));
    await waitFor(() => ids(changes.at(-1)).includes('after-swap'), 5000);
    writeFileSync(join(dir, 'facts', 'swapped.yml'), factFile('after-swap-again'));
    await waitFor(() => ids(changes.at(-1)).includes('after-swap-again'), 5000);
  });

  it('warns instead of throwing when the directory does not exist', () => {
    const warnings: string[] = [];
    const log: Logger = { info() {}, warn: (msg) => warnings.push(msg), error() {} };
    const w = watchKnowledge({ dir: join(tmpdir(), 'sitrep-no-such-dir'), log, onChange() {} });
    expect(warnings).toEqual(['cannot watch the knowledge directory; edits need a restart']);
    expect(() => w.close()).not.toThrow();
  });
});
