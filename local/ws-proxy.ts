import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';
import { TerminateDetector } from './terminate-detector';

export interface WsProxy {
  /** host:port/v1 — what neonConfig.wsProxy points at. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The bridge Neon's serverless driver needs to reach a Postgres that speaks plain TCP: each
 * WebSocket carries one Postgres connection to the `address` it names. Local use only — it
 * connects wherever it is told, so it listens on loopback and never ships to production.
 */
export async function startWsProxy({ port = 0 }: { port?: number } = {}): Promise<WsProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });

  wss.on('connection', (ws, request) => {
    const target = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const [host, portText] = target.split(':');
    const tcp = createConnection({ host: host || '127.0.0.1', port: Number(portText) || 5432 });
    const detector = new TerminateDetector();
    const pending: Buffer[] = [];
    let connected = false;

    tcp.on('connect', () => {
      connected = true;
      for (const chunk of pending.splice(0)) {
        forward(chunk);
      }
    });
    tcp.on('data', (data) => ws.readyState === ws.OPEN && ws.send(data));
    tcp.on('close', () => ws.close());
    tcp.on('error', () => ws.terminate());
    ws.on('message', (data: RawData) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (connected) {
        forward(chunk);
      } else {
        pending.push(chunk);
      }
    });
    ws.on('close', () => tcp.end());
    ws.on('error', () => tcp.destroy());

    function forward(chunk: Buffer) {
      tcp.write(chunk);
      if (detector.push(chunk)) {
        tcp.end();
      }
    }
  });

  const { port: actualPort } = wss.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${actualPort}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) {
          client.terminate();
        }
        wss.close(() => resolve());
      }),
  };
}
