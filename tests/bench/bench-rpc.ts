/** A tiny request/response channel over a forked child's IPC, so the load generator runs in its own process. */
import { type ChildProcess, fork } from 'node:child_process';

type Handler = (args: Record<string, unknown>) => Promise<unknown>;

/** In the child: answers `{ id, cmd, args }` messages with `{ id, result }` or `{ id, error }`. */
export function serveRpc(handlers: Record<string, Handler>): void {
  process.on('message', (raw) => {
    const msg = raw as { id: number; cmd: string; args: Record<string, unknown> };
    const handler = handlers[msg.cmd];
    const reply = (body: object) => process.send?.({ id: msg.id, ...body });
    if (!handler) return void reply({ error: `unknown command ${msg.cmd}` });
    handler(msg.args ?? {}).then(
      (result) => reply({ result }),
      (e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }),
    );
  });
  process.send?.({ id: 0, result: 'ready' });
}

export interface Rpc {
  call<T>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  child: ChildProcess;
  close(): void;
}

/** In the parent: forks `script` under tsx and resolves once it is ready. */
export async function forkRpc(script: string): Promise<Rpc> {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_ARGS?.split(' ') ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load generator exited early (${code})`)));
    child.on('message', (raw) => {
      const msg = raw as { id: number; result?: unknown; error?: string };
      if (msg.id === 0) return resolve();
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.result);
    });
  });
  await ready;
  return {
    child,
    call<T>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 120_000) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${cmd} timed out`)), timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, cmd, args });
      });
    },
    close: () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}
