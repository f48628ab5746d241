import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../adapters/console/console-chat.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { createRecordingLog } from '../../fakes/recording-log.js';
import { testSitrep } from '../../support/engine.js';

const { log } = createRecordingLog();
const sitrep = await testSitrep({ knowledge: loadKnowledge('knowledge'), log });

function startChat(prompt: boolean) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk) => {
    shown += String(chunk);
  });
  const chat = runConsoleChat({ sitrep, log, input, output, prompt });
  return { chat, input, shown: () => shown };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('local console', () => {
  it('answers typed lines and prints a digest between answers when piped', async () => {
    const { chat, input, shown } = startChat(false);
    input.write('figure machine tools\n');
    await settle();
    chat.print('Sitrep digest — 2026-11-28');
    input.end('quit\n');
    await chat.closed;
    expect(shown()).toMatch(/70%[\s\S]*\nSitrep digest — 2026-11-28\n/);
  });

  it('prints a digest above the prompt and redraws what the user was typing', async () => {
    const { chat, input, shown } = startChat(true);
    input.write('how much of ');
    await settle();
    const before = shown().length;
    chat.print('Sitrep digest — 2026-11-28');
    const after = shown().slice(before);
    expect(after.indexOf('Sitrep digest — 2026-11-28')).toBeGreaterThanOrEqual(0);
    // The prompt and the half-typed question come back after the digest, not before it.
    expect(after.lastIndexOf('you> how much of ')).toBeGreaterThan(after.indexOf('Sitrep digest'));
    input.end();
    await chat.closed;
  });
});
