import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { parseCommand } from '../../src/commands.js';
import type { DigestStore } from '../../src/digest/store.js';
import { renderText } from '../../src/render-text.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Question } from '../../src/types.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { testSitrep } from '../support/engine.js';
import { base, fact, tempDir } from './fixtures.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const KB = base([fact('ban-announced', { date: '2024-04-12' })]);
let store: DigestStore;
let tmp: ReturnType<typeof tempDir>;
let changes = 0;
let sitrep: Sitrep;

beforeEach(async () => {
  tmp = tempDir();
  store = openDigestStore(tmp.dir);
  changes = 0;
  sitrep = await testSitrep({
    knowledge: KB,
    log: createRecordingLog().log,
    digests: { store, defaultTimeZone: 'UTC', now: () => NOW, onChange: () => changes++ },
  });
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const q = (text: string, canManageDigests?: boolean): Question => ({
  text,
  platform: 'slack',
  channelId: 'C0TEAM',
  userId: 'U0ALICE',
  ...(canManageDigests === undefined ? {} : { canManageDigests }),
});
const say = async (text: string, may = true) => renderText(await sitrep.respond(q(text, may)));

describe('digest commands', () => {
  it('parses subscribe, unsubscribe, status, preview and an unknown action', async () => {
    expect(parseCommand('digest subscribe weekly mon 09:00 Europe/Berlin')).toEqual({
      name: 'digest',
      action: 'subscribe',
      schedule: 'weekly mon 09:00 Europe/Berlin',
    });
    expect(parseCommand('DIGEST Preview')).toEqual({ name: 'digest', action: 'preview', schedule: '' });
    expect(parseCommand('digest')).toEqual({ name: 'digest', action: 'status', schedule: '' });
    expect(parseCommand('digest sometimes')).toEqual({
      name: 'digest',
      action: 'usage',
      schedule: 'sometimes',
    });
  });

  it('subscribes the channel, shows its status, and unsubscribes it', async () => {
    expect(await say('digest subscribe daily 09:00 Europe/Berlin')).toBe(
      'Subscribed: this channel gets a digest daily 09:00 (Europe/Berlin). Next post: 2026-11-29 09:00 Europe/Berlin.',
    );
    expect(await store.subscription('slack:C0TEAM')).toMatchObject({
      cron: '0 9 * * *',
      timeZone: 'Europe/Berlin',
      origin: 'user',
    });
    expect(changes).toBe(1);
    expect((await say('digest status')).split('\n')).toEqual([
      'Digest: daily 09:00 (Europe/Berlin).',
      'Next post: 2026-11-29 09:00 Europe/Berlin.',
      'Last post: none yet.',
    ]);
    expect(await say('digest unsubscribe')).toBe('Unsubscribed: this channel gets no more digests.');
    expect(changes).toBe(2);
    expect(await say('digest status')).toContain('This channel has no digest subscription.');
    expect(await say('digest unsubscribe')).toBe('This channel has no digest subscription.');
  });

  it('shows the last post after a digest was sent', async () => {
    await say('digest subscribe daily 09:00');
    const slot = new Date('2026-11-28T09:00:00Z');
    await store.claimSlot('slack:C0TEAM', slot, NOW);
    await store.markSent('slack:C0TEAM', slot, { 'ban-announced': 'h' }, new Date('2026-11-28T09:00:02Z'));
    expect(await say('digest status')).toContain('Last post: 2026-11-28 09:00 UTC.');
  });

  it('refuses to change the subscription for an asker without the right, or an unset one', async () => {
    expect(await say('digest subscribe daily 09:00', false)).toContain("don't have permission");
    expect(renderText(await sitrep.respond(q('digest subscribe daily 09:00')))).toContain(
      "don't have permission",
    );
    expect(await store.subscriptions()).toEqual([]);
    expect(changes).toBe(0);
    expect(await say('digest status', false)).toContain('no digest subscription');
  });

  it('answers a bad schedule or action with a notice naming the problem', async () => {
    expect(await sitrep.respond(q('digest subscribe daily 9am', true))).toEqual({
      kind: 'notice',
      text: 'A daily schedule needs a time, e.g. "daily 09:00".',
    });
    expect(await say('digest subscribe daily 09:00 Europe/Atlantis')).toContain(
      '"Europe/Atlantis" is not an IANA time zone',
    );
    expect(await say('digest subscribe */5 * * * *')).toContain('more than once every 60 minutes');
    expect(await say('digest subscribe')).toContain('Which schedule?');
    expect(await say('digest sometimes')).toContain('I don\'t know "digest sometimes"');
  });

  it('previews what the channel would get now, without recording anything as sent', async () => {
    const reply = await sitrep.respond(q('digest preview', false));
    expect(reply.kind).toBe('digest');
    expect(renderText(reply)).toContain('New since your last digest:');
    expect((await store.sentHashes('slack:C0TEAM')).size).toBe(0);
  });

  it('says digests are not available without a store, or from the CLI', async () => {
    const plain = await testSitrep({ knowledge: KB, log: createRecordingLog().log });
    expect(renderText(await plain.respond(q('digest status', true)))).toBe('Digests are not available here.');
    expect(renderText(await sitrep.respond({ ...q('digest status', true), platform: 'cli' }))).toBe(
      'Digests are not available here.',
    );
  });
});
