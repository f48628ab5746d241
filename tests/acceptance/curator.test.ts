/**
 * Acceptance for the curator loop: the running app reloads knowledge/ on save, keeps the last good base on a
 * broken save (warning once), and `npm run report` lists what it refused and what was voted Not helpful.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteInsightsStore } from '../../adapters/store/sqlite-insights-store.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { testSitrep } from '../support/engine.js';
import { killAll, ROOT, startApp, tempDataDir, until } from './app-process.js';

afterEach(killAll);

const NEW_FACT = `facts:
  - id: test-helium-shipments
    claim: Kazakh traders shipped helium cylinders to Russian drone workshops in May 2024.
    attribution: a test source
    certainty: asserted
    topics: [drones]
    examples: ["helium shipments to russian drone workshops", "who shipped helium cylinders"]
    sources: [{ title: Test report, outlet: Test Wire, published: 2024-05-01 }]
    added: 2026-11-28
`;
const QUESTION = 'who shipped helium cylinders to russian drone workshops?';

function copyKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-kb-'));
  cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
  return dir;
}

describe('curator loop', () => {
  it('answers from a fact file added while running, and keeps the last good base on a broken save', async () => {
    const dir = copyKnowledge();
    const app = startApp({ KNOWLEDGE_DIR: dir }, { stdin: 'pipe' });
    const ask = (text: string) => app.child.stdin?.write(`${text}\n`);
    const answers = () => app.stdout().split('Sitrep local console')[1] ?? '';

    await until(app, () => app.stdout().includes('Sitrep local console'), 'the console banner', 15_000);
    ask(QUESTION);
    await until(app, () => answers().includes("won't guess"), 'the refusal before the fact exists', 10_000);

    writeFileSync(join(dir, 'facts', 'helium.yml'), NEW_FACT);
    // The reload is logged at info level, below this app's LOG_LEVEL, so keep asking until the answer changes.
    const asking = setInterval(() => ask(QUESTION), 500);
    try {
      await until(app, () => answers().includes('Kazakh traders'), 'an answer from the new fact', 10_000);
    } finally {
      clearInterval(asking);
    }

    const broken = NEW_FACT.replace('certainty: asserted', 'certainty: maybe');
    writeFileSync(join(dir, 'facts', 'helium.yml'), broken);
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(join(dir, 'facts', 'helium.yml'), broken);
    await until(app, () => app.stderr().includes('helium.yml'), 'the warning about the broken file', 10_000);
    await new Promise((r) => setTimeout(r, 800));
    const warnings = app
      .stderr()
      .split('\n')
      .filter((l) => l.includes('"level":"warn"') && l.includes('helium.yml'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('test-helium-shipments');
    expect(warnings[0]).toContain('certainty');

    const before = (answers().match(/Kazakh traders/g) ?? []).length;
    ask(QUESTION);
    await until(
      app,
      () => (answers().match(/Kazakh traders/g) ?? []).length > before,
      'the old base still answering',
      10_000,
    );
    app.child.stdin?.end('quit\n');
    expect((await app.waitForExit(10_000)).code).toBe(0);
  }, 60_000);

  it('sees every kind of save within 5 s: in place, by rename, sed -i, and after the folder is swapped', async () => {
    const dir = copyKnowledge();
    const file = join(dir, 'facts', 'helium.yml');
    writeFileSync(file, NEW_FACT);
    const app = startApp({ KNOWLEDGE_DIR: dir, LOG_LEVEL: 'info' }, { stdin: 'pipe' });
    const answers = () => app.stdout().split('Sitrep local console')[1] ?? '';
    await until(app, () => app.stdout().includes('Sitrep local console'), 'the console banner', 15_000);

    let current = 'Kazakh';
    /** Saves the fact with `next` in place of the current traders' nationality, the way `save` does. */
    const edit = async (next: string, how: string, save: (text: string) => void) => {
      save(NEW_FACT.replaceAll('Kazakh', next));
      const asking = setInterval(() => app.child.stdin?.write(`${QUESTION}\n`), 250);
      try {
        await until(
          app,
          () => answers().includes(`${next} traders`),
          `the answer after a save ${how}`,
          5_000,
        );
      } finally {
        clearInterval(asking);
      }
      current = next;
    };
    const inPlace = (text: string) => writeFileSync(file, text);
    const byRename = (text: string) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    const sedI = (text: string) => {
      const next = /(\w+) traders/.exec(text)?.[1] ?? '';
      execFileSync('sed', ['-i', `s/${current}/${next}/g`, file]);
    };
    for (const round of [1, 2]) {
      await edit(`Uzbek${round}`, 'in place', inPlace);
      await edit(`Kyrgyz${round}`, 'by rename', byRename);
      await edit(`Tajik${round}`, 'with sed -i', sedI);
    }
    renameSync(dir, `${dir}.away`);
    renameSync(`${dir}.away`, dir);
    await edit('Armenian', 'after the folder was moved away and back', inPlace);
    cpSync(dir, `${dir}.copy`, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(`${dir}.copy`, dir);
    await edit('Georgian', 'after the folder was replaced by a copy', byRename);
    await edit('Turkmen', 'with sed -i in the replaced folder', sedI);
    expect(app.stderr()).toContain('knowledge reloaded');
    app.child.stdin?.end('quit\n');
    expect((await app.waitForExit(10_000)).code).toBe(0);
  }, 90_000);

  it('npm run report lists refused questions grouped, and the fact voted Not helpful', async () => {
    const dataDir = tempDataDir();
    const insights = openSqliteInsightsStore({ dataDir });
    const sitrep = await testSitrep({
      knowledge: loadKnowledge(join(ROOT, 'knowledge')),
      log: { info() {}, warn() {}, error() {} },
      insights,
    });
    const q = (text: string) => ({ text, platform: 'slack' as const, channelId: 'C1', userId: 'U1' });
    for (const text of [
      "what's the weather in Paris?",
      'whats the weather in paris',
      'best pizza in Rome?',
    ]) {
      expect(await sitrep.respond(q(text))).toMatchObject({ kind: 'answer', answer: { kind: 'unknown' } });
    }
    sitrep.feedback({
      helpful: false,
      factId: 'yellen-china-trip',
      question: 'yellen trip',
      platform: 'slack',
      channelId: 'C1',
      userId: 'U1',
    });
    await insights.close();

    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['adapters/cli/report.ts'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
      },
    );
    expect(stdout).toMatch(/weather in paris/i);
    expect(stdout).toMatch(/pizza in rome/i);
    expect(stdout).toContain('yellen-china-trip');
    // the two weather questions are one group of two
    expect(stdout).toMatch(/2\D[^\n]*weather in paris|weather in paris[^\n]*\D2\b/i);
  }, 30_000);
});
