import { z } from 'zod';

export const usageWindows = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export const windowMinutes = { MINUTE: 1, HOUR: 60, DAY: 1440, WEEK: 10080, MONTH: 40320 } as const;
export const MAX_WINDOWS = 10_000;

export const wholeMinute = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' })
  .refine((t) => new Date(t).getTime() % 60_000 === 0, 'must fall on a whole minute (usage is kept per minute)');

/** A calendar to count windows in: an IANA zone, or an ISO offset such as +05:30. Default UTC. */
export const timeZoneSchema = z
  .string()
  .default('UTC')
  .refine(
    (zone) => isTimeZone(zone) || isUtcOffset(zone),
    'must be an IANA time zone such as Europe/Berlin, or an offset such as +05:30',
  );

/**
 * GET /usage: one meter's value over [from, to), optionally for one account, optionally split
 * into calendar windows of an IANA time zone (a DAY in Asia/Kolkata starts at its midnight).
 */
export const usageQuerySchema = z
  .strictObject({
    meterId: z.string().min(1),
    accountId: z.string().min(1).max(512).optional(),
    from: wholeMinute,
    to: wholeMinute,
    window: z.enum(usageWindows).optional(),
    groupBy: z
      .string()
      .regex(/^[\w -]{1,50}(,[\w -]{1,50}){0,4}$/, 'must be up to 5 dimension names separated by commas')
      .optional()
      .meta({ description: 'Split the answer by these dimensions, e.g. `region,endpoint`' }),
    filter: z
      .union([z.string(), z.array(z.string()).max(20)])
      .optional()
      .meta({
        description:
          'Only usage whose dimension has this value: `region:eu`. Repeat it: the same dimension twice means either value, different dimensions all must hold',
      }),
    timeZone: timeZoneSchema,
  })
  .superRefine((q, ctx) => {
    const keys = groupByKeys(q);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'names a dimension twice' });
    }
    for (const f of [q.filter ?? []].flat()) {
      if (!/^[\w -]{1,50}:.{1,200}$/s.test(f)) {
        ctx.addIssue({
          code: 'custom',
          path: ['filter'],
          message: `'${f.slice(0, 60)}' must be dimension:value, e.g. region:eu`,
        });
      }
    }
    const span = (new Date(q.to).getTime() - new Date(q.from).getTime()) / 60_000;
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (q.window && span / windowMinutes[q.window] > MAX_WINDOWS) {
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: `gives more than ${MAX_WINDOWS} windows; choose a larger window`,
      });
    }
  });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** The dimension names of `groupBy`, in the order given. */
export function groupByKeys(query: { groupBy?: string | undefined }): string[] {
  return query.groupBy ? query.groupBy.split(',').map((k) => k.trim()) : [];
}

/** `filter` as dimension → accepted values (values of one dimension are alternatives). */
export function dimensionFilters(query: { filter?: string | string[] | undefined }): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const f of [query.filter ?? []].flat()) {
    const colon = f.indexOf(':');
    const key = f.slice(0, colon).trim();
    filters.set(key, [...(filters.get(key) ?? []), f.slice(colon + 1)]);
  }
  return filters;
}

const UTC_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

function isUtcOffset(zone: string): boolean {
  const match = UTC_OFFSET.exec(zone);
  return match !== null && Number(match[2]) <= 14 && Number(match[3]) < 60;
}

/**
 * The zone as Postgres must be told it. Postgres reads a bare offset POSIX-style, west positive:
 * '+05:30' would be five and a half hours BEHIND UTC. An ISO offset is therefore passed inverted.
 */
export function postgresTimeZone(zone: string): string {
  const match = UTC_OFFSET.exec(zone);
  if (!match) {
    return zone;
  }
  return `${match[1] === '+' ? '-' : '+'}${match[2]}:${match[3]}`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
