import { randomBytes } from 'node:crypto';
import { LIMITS } from './limits.js';

/** What a button does when clicked. */
export type ButtonAction =
  | { kind: 'ask'; text: string }
  | { kind: 'feedback'; helpful: boolean; factId?: string; question: string }
  | { kind: 'publish' };

const PREFIX = 'sitrep';

function serialize(action: ButtonAction): string {
  switch (action.kind) {
    case 'ask':
      return `a|${action.text}`;
    case 'feedback':
      return `${action.helpful ? 'y' : 'n'}|${action.factId ?? ''}|${action.question}`;
    case 'publish':
      return 'p';
  }
}

function parse(payload: string): ButtonAction | undefined {
  const [tag, ...rest] = payload.split('|');
  if (tag === 'p') return { kind: 'publish' };
  if (tag === 'a' && rest.length > 0) return { kind: 'ask', text: rest.join('|') };
  if ((tag === 'y' || tag === 'n') && rest.length >= 2) {
    const [factId, ...question] = rest;
    return {
      kind: 'feedback',
      helpful: tag === 'y',
      factId: factId || undefined,
      question: question.join('|'),
    };
  }
  return undefined;
}

/**
 * Encodes button actions into custom_ids (max 100 chars). Short payloads travel inline, so buttons keep
 * working across restarts; long ones are kept in a bounded in-memory map under a key.
 */
export interface ButtonCodec {
  encode(action: ButtonAction): string;
  /**
   * `expired` when the id was ours but its payload has been evicted or belongs to an earlier process; `invalid`
   * when it is not one this codec made (malformed or forged).
   */
  decode(customId: string): ButtonAction | 'expired' | 'invalid';
  /**
   * Marks the payload behind `customId` as just used, so eviction takes older ones first. False when it is already
   * gone (inline ids are always fine).
   */
  refresh(customId: string): boolean;
}

export function createButtonCodec(capacity = 5000): ButtonCodec {
  // A per-process tag keeps keys from a previous run from resolving to this run's payloads.
  const boot = randomBytes(3).toString('hex');
  const stored = new Map<string, string>();
  let next = 0;

  return {
    encode(action) {
      const payload = serialize(action);
      const inline = `${PREFIX}:${payload}`;
      if (inline.length <= LIMITS.customId) return inline;
      const key = `${boot}.${(next++).toString(36)}`;
      stored.set(key, payload);
      if (stored.size > capacity) {
        const oldest = stored.keys().next().value;
        if (oldest !== undefined) stored.delete(oldest);
      }
      return `${PREFIX}#${key}`;
    },
    refresh(customId) {
      if (!customId.startsWith(`${PREFIX}#`)) return true;
      const key = customId.slice(PREFIX.length + 1);
      const payload = stored.get(key);
      if (payload === undefined) return false;
      stored.delete(key);
      stored.set(key, payload);
      return true;
    },
    decode(customId) {
      if (customId.startsWith(`${PREFIX}:`)) return parse(customId.slice(PREFIX.length + 1)) ?? 'invalid';
      if (!customId.startsWith(`${PREFIX}#`)) return 'invalid';
      const payload = stored.get(customId.slice(PREFIX.length + 1));
      return payload === undefined ? 'expired' : (parse(payload) ?? 'expired');
    },
  };
}
