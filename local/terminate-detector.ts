const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const TERMINATE = 0x58; // 'X'

/**
 * Follows the framing of the client→server half of a Postgres connection and reports when the
 * client sends Terminate. Needed because the Neon driver's socket shim never closes its WebSocket
 * after Terminate, and PGlite's server (unlike PostgreSQL) does not close the connection itself:
 * without a half-close from the proxy, `pool.end()` hangs forever.
 */
export class TerminateDetector {
  private typed = false; // false until the startup message (which has no type byte) has passed
  private header: number[] = [];
  private skip = 0;

  /** Consumes one chunk; true when it completes a Terminate message. */
  push(chunk: Uint8Array): boolean {
    let terminated = false;
    for (let i = 0; i < chunk.length; ) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      this.header.push(chunk[i++]!);
      const headerLength = this.typed ? 5 : 8;
      if (this.header.length < headerLength) {
        continue;
      }
      const h = this.header;
      this.header = [];
      if (this.typed) {
        const length = int32(h, 1);
        this.skip = length - 4;
        if (h[0] === TERMINATE) {
          terminated = true;
        }
      } else {
        const length = int32(h, 0);
        const code = int32(h, 4);
        this.skip = length - 8;
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) {
          this.typed = true;
        }
      }
    }
    return terminated;
  }
}

function int32(bytes: number[], at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
