import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/knowledge/check-report.js';
import { checkKnowledge } from '../../src/knowledge/load.js';
import { editedBase, once } from './knowledge-copy.js';

const cli = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'adapters/cli/knowledge-check.ts', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });

const UNUSED_MARK = once('not_figures: ["14068"]', 'not_figures: ["14068", "42"]');
const PAST_REVIEW = once(
  'id: space-satellite-support\n',
  'id: space-satellite-support\n    review_by: 2001-01-01\n',
);

describe('npm run knowledge:check', () => {
  it('passes --strict on the real base', () => {
    const run = cli('--strict');
    expect(run.stderr).not.toMatch(/✖|WARNING/);
    expect(run.stdout).toMatch(/^knowledge OK: \d+ facts/);
    expect(run.status).toBe(0);
  });

  it('fails --strict on a content warning, printed with a WARNING prefix and a count line', () => {
    const dir = editedBase({ 'facts/metals.yml': UNUSED_MARK });
    const run = cli('--strict', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^⚠ WARNING .*metals\.yml › fact us-metals-import-ban › field not_figures\.1: "42"/m,
    );
    expect(run.stderr).toMatch(/knowledge check FAILED under --strict: 1 content warning in /);
    expect(cli(dir).status).toBe(0);
  });

  it('lets a date-based warning pass --strict, still listing it', () => {
    const dir = editedBase({ 'facts/space.yml': PAST_REVIEW });
    const run = cli('--strict', dir);
    expect(run.stdout).toMatch(
      /^knowledge OK \(.*\) with 1 warning \(1 date-based, which never fail --strict\):$/m,
    );
    expect(run.stdout).toMatch(
      /^⚠ WARNING .*space\.yml › fact space-satellite-support › field review_by: stale/m,
    );
    expect(run.status).toBe(0);
  });
});

describe('the check report', () => {
  it('lists errors, then content warnings, then date-based ones, then the count', () => {
    const dir = editedBase({
      'facts/metals.yml': UNUSED_MARK,
      'facts/space.yml': PAST_REVIEW,
      'facts/microelectronics.yml': once('value: 90\n', 'value: 80\n'),
    });
    const { code, lines } = checkReport(checkKnowledge(dir), 'kb', false);
    expect(code).toBe(1);
    expect(lines.map((l) => l.replace(/\S*knowledge\//, ''))).toEqual([
      expect.stringMatching(
        /^✖ facts\/microelectronics\.yml › fact microelectronics-china-share-2023 › field claim:/,
      ),
      expect.stringMatching(
        /^⚠ WARNING facts\/metals\.yml › fact us-metals-import-ban › field not_figures\.1:/,
      ),
      expect.stringMatching(/^⚠ WARNING facts\/space\.yml › fact space-satellite-support › field review_by:/),
      '',
      'knowledge check FAILED: 1 error, 2 warnings in kb',
    ]);
  });
});
