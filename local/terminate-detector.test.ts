import { describe, expect, it } from 'vitest';
import { TerminateDetector } from './terminate-detector';

const text = (s: string) => [...new TextEncoder().encode(s)];
const int32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A typed message: one type byte, a length that counts itself, then the payload. */
const message = (type: string, payload: number[] = []) => [
  type.charCodeAt(0),
  ...int32(4 + payload.length),
  ...payload,
];
/** An untyped start-up phase message: a length that counts itself, then a code. */
const untyped = (code: number, payload: number[] = []) => [...int32(8 + payload.length), ...int32(code), ...payload];

const sslRequest = untyped(80877103);
const gssencRequest = untyped(80877104);
const startup = untyped(196608, text('user\0postgres\0database\0meterline\0\0'));
const query = message('Q', text('SELECT 1\0'));
const terminate = message('X');
// Bytes of a Terminate inside a payload (a binary parameter of Bind) are data, not a message.
const terminateLookalike = [0x58, 0, 0, 0, 4];
const queryWithLookalike = message('Q', [...text("SELECT '"), ...terminateLookalike, ...text("'\0")]);
const bindWithLookalike = message('B', [0, 0, 0, 0, 0, 1, ...int32(5), ...terminateLookalike, 0, 0]);
const extended = [
  ...message('P', text('\0SELECT $1\0\0\0')),
  ...bindWithLookalike,
  ...message('E', [0, 0, 0, 0, 0]),
  ...message('S'),
];

/** Pushes `chunks` in turn; the indexes of the chunks that reported a Terminate. */
function reports(chunks: number[][]): number[] {
  const detector = new TerminateDetector();
  return chunks.flatMap((chunk, index) => (detector.push(new Uint8Array(chunk)) ? [index] : []));
}

const sessions: [string, number[][], boolean][] = [
  ['SSLRequest, startup, Query, Terminate', [sslRequest, startup, query, terminate], true],
  ['startup without SSLRequest', [startup, query, terminate], true],
  ['GSSENCRequest then SSLRequest', [gssencRequest, sslRequest, startup, query, terminate], true],
  ['the extended protocol, a Bind holding Terminate-like bytes', [sslRequest, startup, extended, terminate], true],
  ['a Terminate right after startup', [startup, terminate], true],
  ['no Terminate', [sslRequest, startup, query, query], false],
  ['a Query holding Terminate-like bytes', [sslRequest, startup, queryWithLookalike], false],
  ['a Bind holding Terminate-like bytes', [sslRequest, startup, extended], false],
  [
    'a startup message holding Terminate-like bytes',
    [untyped(196608, [...text('user\0'), ...terminateLookalike, 0, 0])],
    false,
  ],
];

describe('TerminateDetector', () => {
  describe.each(sessions)('%s', (_, messages, terminates) => {
    const stream = messages.flat();
    const last = stream.length - 1;

    it('as one chunk', () => {
      expect(reports([stream])).toEqual(terminates ? [0] : []);
    });

    it('one message per chunk', () => {
      expect(reports(messages)).toEqual(terminates ? [messages.length - 1] : []);
    });

    it('byte by byte, on the last byte of the Terminate only', () => {
      expect(reports(stream.map((byte) => [byte]))).toEqual(terminates ? [last] : []);
    });

    it('split in two at every point', () => {
      for (let at = 1; at < stream.length; at++) {
        expect(reports([stream.slice(0, at), stream.slice(at)])).toEqual(terminates ? [1] : []);
      }
    });
  });

  it('reports a Terminate once, when its last byte arrives', () => {
    const detector = new TerminateDetector();
    expect(detector.push(new Uint8Array([...startup, ...terminate.slice(0, 4)]))).toBe(false);
    expect(detector.push(new Uint8Array(terminate.slice(4)))).toBe(true);
    expect(detector.push(new Uint8Array(query))).toBe(false);
  });

  it('handles an empty chunk', () => {
    const detector = new TerminateDetector();
    expect(detector.push(new Uint8Array(0))).toBe(false);
  });

  it('reads lengths above 2^31 without going negative', () => {
    // A huge CopyData length must be skipped, not read as a negative number that stops skipping.
    const detector = new TerminateDetector();
    detector.push(new Uint8Array([...startup, 0x64, 0x80, 0, 0, 0]));
    expect(detector.push(new Uint8Array(terminate))).toBe(false);
  });
});
