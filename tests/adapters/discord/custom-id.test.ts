import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../adapters/discord/custom-id.js';

describe('button custom_ids', () => {
  it('carries short actions inline, so they survive a restart', () => {
    const before = createButtonCodec();
    const after = createButtonCodec();
    const id = before.encode({ kind: 'feedback', helpful: true, factId: 'mt-share', question: 'a | b' });
    expect(id).toBe('sitrep:y|mt-share|a | b');
    expect(after.decode(id)).toEqual({
      kind: 'feedback',
      helpful: true,
      factId: 'mt-share',
      question: 'a | b',
    });
    expect(after.decode(before.encode({ kind: 'publish' }))).toEqual({ kind: 'publish' });
  });

  it('keeps long actions under a short key, within 100 characters', () => {
    const codec = createButtonCodec();
    const text = 'q'.repeat(500);
    const id = codec.encode({ kind: 'ask', text });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(codec.decode(id)).toEqual({ kind: 'ask', text });
  });

  it('reports evicted keys and keys from an earlier process as expired, not as someone else’s payload', () => {
    const codec = createButtonCodec(2);
    const first = codec.encode({ kind: 'ask', text: 'a'.repeat(200) });
    codec.encode({ kind: 'ask', text: 'b'.repeat(200) });
    codec.encode({ kind: 'ask', text: 'c'.repeat(200) });
    expect(codec.decode(first)).toBe('expired');
    expect(createButtonCodec().decode(first)).toBe('expired');
  });

  it('calls custom_ids it did not make invalid: foreign, empty or malformed payloads', () => {
    for (const id of ['other-bot:thing', 'sitrep:', 'sitrep:zzz', 'sitrep:y', 'sitrep', ''])
      expect(createButtonCodec().decode(id), id).toBe('invalid');
  });
});
