/**
 * Chat questions often come with context first ("Drafting a timeline for our tracker. When was Scholz in China?").
 * The context's words are not what is asked, yet they weigh on the match. This keeps the sentences that ask.
 */

/** Ends a sentence: ., ! or ? before a space or a line break, but not "U.S." or "e.g.". */
const SENTENCE_END = /(?<=[.!?])(?<!\b[A-Za-z]\.|\be\.g\.|\bi\.e\.)\s+|\n+/;

/**
 * The sentences of a message that end in a question mark, when it has others too; undefined when there is nothing
 * to leave out.
 */
export function questionSentences(text: string): string | undefined {
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2) return undefined;
  const asking = sentences.filter((s) => s.endsWith('?'));
  if (asking.length === 0 || asking.length === sentences.length) return undefined;
  return asking.join(' ');
}
