/** Starting a platform that is out of reach: which errors are retried, the lines, the backoff, stopping. */
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PlatformRefusedError, UnreachableError, unreachableReason } from '../../adapters/start-failure.js';
import { backoffMs, startWithRetry } from '../../adapters/start-retry.js';

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The error fetch really gives for a closed port: "fetch failed", caused by connect ECONNREFUSED. */
async function refusedFetch(): Promise<{ error: unknown; port: number }> {
  const port = await closedPort();
  try {
    await fetch(`http://127.0.0.1:${port}/`);
  } catch (error) {
    return { error, port };
  }
  throw new Error('expected the fetch to fail');
}

const running = () => ({
  stopped: false,
  async stop() {
    this.stopped = true;
  },
});

describe('unreachableReason', () => {
  it('digs the network error out of the wrappers', async () => {
    const { error, port } = await refusedFetch();
    const wrapped = Object.assign(new Error('A request error occurred: fetch failed'), { original: error });
    expect(unreachableReason(wrapped)).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(unreachableReason(new Error('ECONNRESET', { cause: error }))).toBe(
      `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('counts a 5xx and an adapter-made UnreachableError, not a refusal or a bug', () => {
    expect(unreachableReason(Object.assign(new Error('Service Unavailable'), { status: 503 }))).toBe(
      'HTTP 503',
    );
    expect(unreachableReason(new UnreachableError('gateway closed'))).toBe('gateway closed');
    expect(
      unreachableReason(Object.assign(new Error('invalid_auth'), { data: { error: 'invalid_auth' } })),
    ).toBeUndefined();
    expect(unreachableReason(new TypeError('x is not a function'))).toBeUndefined();
  });
});

describe('startWithRetry', () => {
  it('backs off 1, 2, 4 … 60 s', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map(backoffMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('writes one line per failed attempt, then starts', async () => {
    const { error, port } = await refusedFetch();
    const lines: string[] = [];
    let attempts = 0;
    const started = running();
    const result = await startWithRetry({
      name: 'slack',
      label: 'Slack',
      start: async () => {
        attempts += 1;
        if (attempts < 3) throw error;
        return started;
      },
      signal: new AbortController().signal,
      write: (l) => lines.push(l),
      delayMs: (n) => n,
    });
    expect(result).toBe(started);
    expect(lines).toEqual([
      `slack: cannot reach Slack (connect ECONNREFUSED 127.0.0.1:${port}); retrying in 0.001 s`,
      `slack: cannot reach Slack (connect ECONNREFUSED 127.0.0.1:${port}); retrying in 0.002 s`,
      'slack: connected to Slack',
    ]);
  });

  it('throws a refusal at once, as the error `fatal` makes of it', async () => {
    let attempts = 0;
    const refused = Object.assign(new Error('An API error occurred: invalid_auth'), {
      data: { error: 'invalid_auth' },
    });
    const attempt = startWithRetry({
      name: 'slack',
      label: 'Slack',
      start: async () => {
        attempts += 1;
        throw refused;
      },
      fatal: (err) => (err === refused ? new PlatformRefusedError('slack: refused') : undefined),
      signal: new AbortController().signal,
      write: () => {},
      delayMs: () => 1,
    });
    await expect(attempt).rejects.toThrow(new PlatformRefusedError('slack: refused'));
    expect(attempts).toBe(1);
  });

  it('stops retrying when aborted, and stops an attempt that starts after the abort', async () => {
    const { error } = await refusedFetch();
    const abort = new AbortController();
    const late = running();
    let finish: (r: typeof late) => void = () => {};
    let attempts = 0;
    const result = startWithRetry({
      name: 'discord',
      label: 'Discord',
      start: () => {
        attempts += 1;
        if (attempts === 1) return Promise.reject(error);
        return new Promise<typeof late>((resolve) => {
          finish = resolve;
        });
      },
      signal: abort.signal,
      write: () => {},
      delayMs: () => 1,
    });
    while (attempts < 2) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    expect(await result).toBeUndefined();
    finish(late);
    await new Promise((r) => setTimeout(r, 5));
    expect(late.stopped).toBe(true);
    expect(attempts).toBe(2);
  });
});
