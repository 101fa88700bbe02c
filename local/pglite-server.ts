import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/**
 * Serves one PGlite (a single-connection Postgres) to many clients over the wire protocol.
 *
 * Why not @electric-sql/pglite-socket's server: it interleaves clients message by message outside
 * transactions, so one client's Parse/Bind/Execute can land between another's — seen on CI as
 * "bind message supplies 2 parameters, but prepared statement requires 6" and as answers handed
 * to the wrong query. Here a client holds the database from its first message to its next sync
 * point (Sync, Query or Terminate), and for as long as a transaction it opened stays open.
 */
export async function servePglite(db: PGlite, { host = '127.0.0.1', port = 0 } = {}) {
  let tail: Promise<void> = Promise.resolve();
  /** A FIFO lock: resolves with the function that releases it. */
  const acquire = () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let release: (() => void) | null = null;
    let work = Promise.resolve();

    const run = async (message: Buffer, syncPoint: boolean) => {
      release ??= await acquire();
      await db.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (data) => {
          if (!socket.destroyed) {
            socket.write(Buffer.from(data));
          }
        },
      });
      if (syncPoint && !db.isInTransaction()) {
        release();
        release = null;
      }
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) {
            return;
          }
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (buffer.length < length) {
            return;
          }
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
          } else if (code === CANCEL_REQUEST) {
            socket.end();
          } else {
            started = true;
            work = work.then(() => run(Buffer.from(message), true)).catch(() => void socket.destroy());
          }
          continue;
        }
        if (buffer.length < 5) {
          return;
        }
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) {
          return;
        }
        const message = Buffer.from(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        const type = message[0];
        if (type === TERMINATE) {
          socket.end();
          return;
        }
        work = work.then(() => run(message, type === SYNC || type === QUERY)).catch(() => void socket.destroy());
      }
    });

    const close = () => {
      sockets.delete(socket);
      // A client gone mid-transaction must not leave the database locked or half-changed.
      work = work
        .catch(() => {})
        .then(async () => {
          if (!release) {
            return;
          }
          // After the database is closed (the stack stopping) there is nothing left to roll back.
          if (!db.closed && db.isInTransaction()) {
            await db.exec('ROLLBACK').catch(() => {});
          }
          release();
          release = null;
        });
    };
    socket.on('close', close);
    socket.on('error', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    address: `${address.address}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
