/** Checks a message body against Discord's documented limits, independently of the adapter's own LIMITS. */
import type { APIEmbed } from 'discord.js';

interface Body {
  content?: string;
  embeds?: APIEmbed[];
  components?: { type: number; components: { type: number; label?: string; custom_id?: string }[] }[];
}

export function limitViolations(body: Body): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  check((body.content ?? '').length <= 2000, 'content > 2000');
  check((body.embeds ?? []).length <= 10, 'more than 10 embeds');
  let total = 0;
  for (const e of body.embeds ?? []) {
    check((e.title ?? '').length <= 256, 'title > 256');
    check(e.title === undefined || e.title.length > 0, 'empty title');
    check((e.description ?? '').length <= 4096, 'description > 4096');
    check((e.footer?.text ?? '').length <= 2048, 'footer > 2048');
    check((e.fields ?? []).length <= 25, 'more than 25 fields');
    for (const f of e.fields ?? []) {
      check(f.name.length > 0 && f.name.length <= 256, `field name length ${f.name.length}`);
      check(f.value.length > 0 && f.value.length <= 1024, `field value length ${f.value.length}`);
      total += f.name.length + f.value.length;
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
    total += e.author?.name.length ?? 0;
  }
  check(total <= 6000, `embeds total ${total} > 6000`);
  const rows = body.components ?? [];
  check(rows.length <= 5, `${rows.length} rows > 5`);
  const ids = new Set<string>();
  for (const row of rows) {
    check(row.type === 1, 'top-level component is not an action row');
    check(
      row.components.length >= 1 && row.components.length <= 5,
      `row with ${row.components.length} buttons`,
    );
    for (const b of row.components) {
      check(
        (b.label ?? '').length >= 1 && (b.label ?? '').length <= 80,
        `button label length ${b.label?.length}`,
      );
      const id = b.custom_id ?? '';
      check(id.length >= 1 && id.length <= 100, `custom_id length ${id.length}`);
      check(!ids.has(id), `duplicate custom_id ${id}`);
      ids.add(id);
    }
  }
  return out;
}

/** Every button in a body, flattened. */
export function buttonsOf(body: Body): { label: string; custom_id: string; style?: number }[] {
  return (body.components ?? []).flatMap((r) =>
    r.components.map((b) => ({
      label: b.label ?? '',
      custom_id: b.custom_id ?? '',
      style: (b as { style?: number }).style,
    })),
  );
}

/** All visible text of the embeds, for `toContain` checks. */
export function embedText(body: Body): string {
  return (body.embeds ?? [])
    .flatMap((e) => [
      e.title,
      e.description,
      e.footer?.text,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ])
    .filter(Boolean)
    .join('\n');
}
