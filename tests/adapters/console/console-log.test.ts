import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleLogPath, consoleLogSink } from '../../../adapters/console/console-log.js';
import { createRoutableLogger } from '../../../adapters/log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('logs while the interactive console runs', () => {
  it('go to DATA_DIR/console.log, and only warnings and errors reach the screen, as one short line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-console-log-'));
    dirs.push(dir);
    const printed: string[] = [];
    const { log, route } = createRoutableLogger('info');
    route(consoleLogSink(dir, { print: (text) => void printed.push(text) }));
    log.info('knowledge reloaded', { facts: 33 });
    log.warn('knowledge reload failed; keeping the previous base', {
      summary: ['facts/helium.yml › test-helium › certainty: invalid option'],
    });
    const lines = readFileSync(consoleLogPath(dir), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'knowledge reloaded',
      'knowledge reload failed; keeping the previous base',
    ]);
    expect(printed).toEqual([
      `[warn] knowledge reload failed; keeping the previous base: facts/helium.yml › test-helium › certainty: invalid option (details in ${consoleLogPath(dir)})`,
    ]);
    expect(printed.join('\n')).not.toContain('{"');
  });
});
