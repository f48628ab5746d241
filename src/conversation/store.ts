/**
 * What a conversation remembers of Sitrep's last reply, so a follow-up ("who said that?", "source?", "2") can be
 * read against it. The port lets several instances share it; the default keeps it in memory (lost on restart).
 */

export interface ConversationContext {
  /** The question the last answer answered, as asked. */
  question: string;
  /** The facts of the last answer, the answered one first. */
  factIds: string[];
  /** The choices of a "did you mean" reply, in the order shown. */
  options?: { factId: string; label: string; ask: string }[];
  /** The last reply was a briefing (`question` is its command): "more" gives the rest of it. */
  briefing?: true;
}

/** A store that cannot be reached answers "no context": the question is then read on its own. */
export interface ConversationStore {
  /** The context of `key`, unless it is older than the store's lifetime. */
  get(key: string): Promise<ConversationContext | undefined>;
  set(key: string, context: ConversationContext): Promise<void>;
}

export interface MemoryConversationOptions {
  /** How long a conversation is remembered after its last reply. Default 30 minutes. */
  ttlMs?: number;
  /** Most conversations held; the least recently used go first. Default 10,000. */
  max?: number;
  now?: () => number;
}

export function memoryConversationStore(
  o: MemoryConversationOptions = {},
): ConversationStore & { /** Conversations held now. */ size(): number } {
  const ttlMs = o.ttlMs ?? 30 * 60_000;
  const max = o.max ?? 10_000;
  const now = o.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const held = new Map<string, { context: ConversationContext; at: number }>();
  return {
    async get(key) {
      const entry = held.get(key);
      if (!entry) return undefined;
      held.delete(key);
      if (now() - entry.at > ttlMs) return undefined;
      held.set(key, entry);
      return entry.context;
    },
    async set(key, context) {
      held.delete(key);
      held.set(key, { context, at: now() });
      while (held.size > max) {
        const oldest = held.keys().next().value;
        if (oldest === undefined) break;
        held.delete(oldest);
      }
    },
    size: () => held.size,
  };
}
