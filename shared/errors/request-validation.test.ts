import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { rejectInvalidRequest } from './request-validation';

describe('rejectInvalidRequest', () => {
  it('lets a valid part through', () => {
    expect(() => rejectInvalidRequest({ success: true })).not.toThrow();
  });

  it('refuses an invalid part as one 422 naming each field, coded by the part', () => {
    const error = z.object({ name: z.string(), pageSize: z.number().max(50) }).safeParse({ pageSize: 99 }).error!;
    const thrown = (() => {
      try {
        rejectInvalidRequest({ success: false, target: 'json', error });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'invalid_body' });
    expect((thrown as AppError).errors.map((i) => i.path).sort()).toEqual(['name', 'pageSize']);
    expect(() => rejectInvalidRequest({ success: false, target: 'query', error })).toThrow(
      expect.objectContaining({ code: 'invalid_query' }),
    );
  });
});
