/**
 * An HTTP proxy on 127.0.0.1 in front of a fake platform API that injects faults: error statuses (429 with
 * Retry-After, 500), slow responses, and connections dropped before or after the fake has seen the request.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Forwards the request, then holds the fake's answer back for `ms`. */
  | { kind: 'slow'; ms: number }
  /** Holds the request for `ms` before forwarding it; if the caller hangs up meanwhile, the fake never sees it. */
  | { kind: 'stall'; ms: number }
  /** Destroys the connection without forwarding: the fake never sees the request. */
  | { kind: 'drop' }
  /** Forwards the request (the fake acts on it), then destroys the connection instead of answering. */
  | { kind: 'drop-after' };

export interface ProxiedRequest {
  method: string;
  path: string;
  fault?: Fault['kind'];
  /** Set when the caller hung up during a stall, so the request was never delivered. */
  abandoned?: boolean;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Injects `fault` into the next `times` requests whose path matches. */
  inject(path: RegExp, fault: Fault, times?: number): void;
  seen: ProxiedRequest[];
  /** Requests forwarded to the fake and not yet answered. */
  inFlight(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const rules: { path: RegExp; fault: Fault; left: number }[] = [];
  const seen: ProxiedRequest[] = [];
  let inFlight = 0;

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request(
        {
          host: hostname,
          port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `${hostname}:${port}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const rule = rules.find((r) => r.left > 0 && r.path.test(path));
    if (rule) rule.left -= 1;
    const fault = rule?.fault;
    const record: ProxiedRequest = { method: req.method ?? 'GET', path, fault: fault?.kind };
    seen.push(record);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return void res.end(
        fault.body ?? JSON.stringify({ ok: false, error: 'fault_injected', message: 'fault' }),
      );
    }
    inFlight++;
    try {
      if (fault?.kind === 'stall') {
        let gone = false;
        res.once('close', () => {
          gone = !res.writableFinished;
        });
        await sleep(fault.ms);
        if (gone || req.socket.destroyed) {
          record.abandoned = true;
          return;
        }
      }
      const answer = await forward(req, Buffer.concat(chunks));
      if (fault?.kind === 'drop-after') return void req.socket.destroy();
      if (fault?.kind === 'slow') await sleep(fault.ms);
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      res
        .writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) })
        .end(answer.body);
    } finally {
      inFlight--;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject: (path, fault, times = 1) => void rules.push({ path, fault, left: times }),
    seen,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
