import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { checkSettingValue, parseSettingRef, settingRef, type SettingDataType } from './setting';

describe('setting_id_str', () => {
  it('round-trips, the entity id keeping its dots', () => {
    const key = { namespace: 'USER', id: 'success_threshold', entityType: 'ACCOUNT' as const, entityId: 'acme.eu.1' };
    expect(settingRef(key)).toBe('setting.USER.success_threshold.ACCOUNT.acme.eu.1');
    expect(parseSettingRef(settingRef(key))).toEqual(key);
  });

  it.each([
    'success_threshold',
    'setting.USER.x',
    'setting.USER.x.INVOICE.1',
    'setting.USER.x.ACCOUNT.',
    'other.USER.x.ACCOUNT.1',
  ])('names nothing: %s', (ref) => {
    expect(parseSettingRef(ref)).toBeNull();
  });
});

describe('checkSettingValue', () => {
  const cases: [string, SettingDataType, boolean][] = [
    ['anything at all', 'STRING', true],
    ['0.75', 'NUMERIC', true],
    ['-12', 'NUMERIC', true],
    ['1e3', 'NUMERIC', false],
    ['01', 'NUMERIC', false],
    ['', 'NUMERIC', false],
    ['[1, 2]', 'JSON', true],
    ['"text"', 'JSON', true],
    ['{oops', 'JSON', false],
    ['{"<": [{"var": "x"}, 3]}', 'JSON_LOGIC', true],
    ['[1]', 'JSON_LOGIC', false],
    ['null', 'JSON_LOGIC', false],
  ];
  it.each(cases)('%j as %s: accepted %s', (value, dataType, accepted) => {
    const check = () => checkSettingValue(value, dataType);
    if (accepted) {
      expect(check).not.toThrow();
    } else {
      expect(check).toThrow(AppError);
    }
  });

  it('names the field it is told to', () => {
    try {
      checkSettingValue('x', 'NUMERIC', 'dataType');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors).toEqual([{ path: 'dataType', message: expect.stringContaining('NUMERIC') }]);
    }
  });
});
