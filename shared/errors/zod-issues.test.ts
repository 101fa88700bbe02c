import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { issuesFromZod, parseOrThrow } from './zod-issues';

const schema = z.strictObject({
  name: z.string().min(1),
  items: z.array(z.strictObject({ qty: z.number().int() })),
  tags: z.record(z.string(), z.string().max(3)),
});

function issues(input: unknown, prefix?: string) {
  const result = schema.safeParse(input);
  if (result.success) {
    throw new Error('expected a failure');
  }
  return issuesFromZod(result.error, prefix);
}

describe('issuesFromZod', () => {
  it.each([
    ['a nested array item', { name: 'a', items: [{ qty: 1 }, { qty: 1.5 }], tags: {} }, undefined, ['items.1.qty']],
    ['a record entry', { name: 'a', items: [], tags: { colour: 'blue' } }, undefined, ['tags.colour']],
    ['a prefix', { name: '', items: [], tags: {} }, 'body', ['body.name']],
    ['an unknown key, at the object', { name: 'a', items: [], tags: {}, extra: 1 }, 'event', ['event']],
    ['an unknown key, at the root', { name: 'a', items: [], tags: {}, extra: 1 }, undefined, ['(body)']],
    ['not an object at all', 'text', undefined, ['(body)']],
  ])('paths %s', (_, input, prefix, paths) => {
    expect(issues(input, prefix).map((i) => i.path)).toEqual(paths);
  });

  it('keeps zod messages', () => {
    expect(issues({ name: 'a', items: [], tags: { c: 'long' } })[0]!.message).toMatch(/3/);
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { name: 'a', items: [{ qty: 2 }], tags: {} })).toEqual({
      name: 'a',
      items: [{ qty: 2 }],
      tags: {},
    });
  });

  it('throws a validation AppError naming every bad field', () => {
    let thrown: unknown;
    try {
      parseOrThrow(schema, { name: '', items: [{ qty: 'x' }], tags: {} }, 'invalid_meter', 'meter');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ kind: 'validation', status: 422, code: 'invalid_meter' });
    expect((thrown as AppError).errors.map((e) => e.path)).toEqual(['meter.name', 'meter.items.0.qty']);
    expect((thrown as AppError).detail).toMatch(/^meter\.name: /);
  });
});
