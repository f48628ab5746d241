import type { Reply } from '../../src/types.js';
import type { ButtonCodec } from './custom-id.js';
import { type RenderedMessage, renderReply } from './render.js';

/** Renders a reply, privately (with "Post publicly") or publicly. */
export type Render = (reply: Reply, publishable: boolean) => RenderedMessage;

/**
 * The core hands out the same answer and list objects for a repeated question, so their render is kept with them
 * (weakly: it goes when the core drops the answer). A kept render is handed out again only while the codec still
 * holds every button payload it points at; using it marks those payloads as fresh.
 */
export function createRender(codec: ButtonCodec): Render {
  const kept = new WeakMap<object, { public?: RenderedMessage; private?: RenderedMessage }>();
  const stillValid = (m: RenderedMessage) =>
    m.components.every((row) => row.components.every((b) => codec.refresh(b.custom_id)));
  return (reply, publishable) => {
    const key = reply.kind === 'answer' ? reply.answer : reply;
    const slot = publishable ? 'private' : 'public';
    const hit = kept.get(key)?.[slot];
    if (hit && stillValid(hit)) return hit;
    const message = renderReply(reply, { codec, publishable });
    kept.set(key, { ...kept.get(key), [slot]: message });
    return message;
  };
}
