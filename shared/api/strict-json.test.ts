import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { parseJsonBody, textIssues, textProblem } from './strict-json';

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(body: Uint8Array): AppError {
  try {
    parseJsonBody(body);
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('accepted');
}

describe('textProblem', () => {
  it.each([
    ['plain', null],
    ['emoji 🙂 and accents é', null],
    ['X\ud800', 'lone UTF-16 surrogate'],
    ['X\udc00', 'lone UTF-16 surrogate'],
    ['\udbffX', 'lone UTF-16 surrogate'],
    ['a\u0000b', 'NUL'],
  ])('%j → %s', (text, expected) => {
    const problem = textProblem(text);
    if (expected === null) {
      expect(problem).toBeNull();
    } else {
      expect(problem).toContain(expected);
    }
  });
});

describe('parseJsonBody', () => {
  it('names every string and key that cannot be stored as sent, however deep', () => {
    const error = refusal(
      bytes('{"event":{"id":"X\\ud800","dimensions":{"ok":"fine","k\\u0000":"v"},"attributes":[{"unit":"\\udfff"}]}}'),
    );
    expect(error.kind).toBe('validation');
    expect(error.errors.map((e) => e.path)).toEqual(['event.id', 'event.dimensions.(key)', 'event.attributes.0.unit']);
  });

  it('refuses bytes that are not UTF-8 instead of reading them as U+FFFD', () => {
    const body = new Uint8Array([...bytes('{"event":{"id":"'), 0xff, 0xfe, ...bytes('"}}')]);
    const error = refusal(body);
    expect([error.kind, error.code]).toEqual(['malformed', 'invalid_utf8']);
    // An encoded surrogate (ED A0 80) is not UTF-8 either.
    expect(refusal(new Uint8Array([...bytes('{"id":"'), 0xed, 0xa0, 0x80, ...bytes('"}')])).code).toBe('invalid_utf8');
  });

  it('refuses what is not JSON with a 400', () => {
    expect([refusal(bytes('{"a":')).kind, refusal(bytes('{"a":')).code]).toEqual(['malformed', 'malformed_json']);
  });

  it('accepts well-formed text unchanged, astral characters included', () => {
    expect(parseJsonBody(bytes('{"id":"🙂\\ud83d\\ude42","n":[1,2.5,"x"]}'))).toEqual({ id: '🙂🙂', n: [1, 2.5, 'x'] });
  });

  it('stops listing after 20 issues', () => {
    expect(textIssues(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});
