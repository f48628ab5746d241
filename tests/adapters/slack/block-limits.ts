/** Checks a Slack message against the Block Kit limits Slack enforces; returns every violation found. */

type Json = Record<string, unknown>;

const asArray = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const textOf = (v: unknown): string => ((v as { text?: unknown } | undefined)?.text as string) ?? '';

export function blockLimitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const blocks = asArray(message.blocks);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  if (typeof message.text !== 'string' || message.text.length === 0) problems.push('no fallback text');
  for (const [i, b] of blocks.entries()) {
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    if (b.type === 'section') {
      if (textOf(b.text).length > 3000) problems.push(`block ${i}: section text ${textOf(b.text).length}`);
      const fields = asArray(b.fields);
      if (fields.length > 10) problems.push(`block ${i}: ${fields.length} fields`);
      for (const f of fields)
        if (textOf(f).length > 2000) problems.push(`block ${i}: field ${textOf(f).length}`);
      if (!b.text && fields.length === 0) problems.push(`block ${i}: empty section`);
    }
    if (b.type === 'context' && asArray(b.elements).length > 10) problems.push(`block ${i}: context > 10`);
    if (b.type === 'actions') {
      const elements = asArray(b.elements);
      if (elements.length > 25) problems.push(`block ${i}: ${elements.length} actions`);
      for (const e of elements) {
        const label = textOf(e.text);
        if (label.length === 0 || label.length > 75) problems.push(`block ${i}: button text ${label.length}`);
        if (typeof e.value === 'string' && e.value.length > 2000)
          problems.push(`block ${i}: value ${e.value.length}`);
        const id = String(e.action_id);
        if (actionIds.has(id)) problems.push(`duplicate action_id ${id}`);
        actionIds.add(id);
      }
    }
  }
  return problems;
}

/** Every button in the message, flattened. */
export function buttonsOf(message: {
  blocks?: unknown;
}): { text: string; action_id: string; value: string }[] {
  return asArray(message.blocks)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => asArray(b.elements))
    .map((e) => ({ text: textOf(e.text), action_id: String(e.action_id), value: String(e.value ?? '') }));
}

/** Everything Slack would display or parse as mrkdwn (fallback text and every `text`), but not button values. */
export function displayedText(message: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key === 'text') out.push(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(message);
  return out.join('\n');
}
