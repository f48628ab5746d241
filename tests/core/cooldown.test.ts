import { describe, expect, it } from 'vitest';
import { createCooldown } from '../../src/cooldown.js';

function clocked(opts = { user: 2, channel: 3, windowMs: 1_000 }) {
  let t = 0;
  const cooldown = createCooldown({
    perUser: { limit: opts.user, windowMs: opts.windowMs },
    perChannel: { limit: opts.channel, windowMs: opts.windowMs },
    now: () => t,
  });
  const advance = (ms: number) => {
    t += ms;
  };
  return { cooldown, advance };
}

describe('cooldown', () => {
  it('limits one user, telling how long to wait', () => {
    const { cooldown, advance } = clocked();
    expect(cooldown.take('u1', 'c1')).toEqual({ ok: true });
    advance(100);
    expect(cooldown.take('u1', 'c1')).toEqual({ ok: true });
    advance(100);
    expect(cooldown.take('u1', 'c1')).toEqual({ ok: false, scope: 'user', retryAfterMs: 800 });
    advance(800);
    expect(cooldown.take('u1', 'c1')).toEqual({ ok: true });
  });

  it('limits a busy channel across users, and a refused call does not count', () => {
    const { cooldown } = clocked();
    expect(cooldown.take('u1', 'c1').ok).toBe(true);
    expect(cooldown.take('u2', 'c1').ok).toBe(true);
    expect(cooldown.take('u3', 'c1').ok).toBe(true);
    expect(cooldown.take('u4', 'c1')).toMatchObject({ ok: false, scope: 'channel' });
    expect(cooldown.take('u4', 'c2').ok).toBe(true);
  });

  it('keeps deciding correctly across many keys and sweeps', () => {
    const { cooldown, advance } = clocked({ user: 1, channel: 1_000_000, windowMs: 50 });
    for (let i = 0; i < 5_000; i++) {
      expect(cooldown.take(`u${i}`, 'c').ok).toBe(true);
      advance(1);
    }
    expect(cooldown.take('u4999', 'c').ok).toBe(false);
    advance(50);
    expect(cooldown.take('u4999', 'c').ok).toBe(true);
  });
});
