import { z } from 'zod';

export const usageWindows = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
const windowMinutes = { MINUTE: 1, HOUR: 60, DAY: 1440, WEEK: 10080, MONTH: 40320 } as const;
const MAX_WINDOWS = 10_000;

const wholeMinute = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' })
  .refine((t) => new Date(t).getTime() % 60_000 === 0, 'must fall on a whole minute (usage is kept per minute)');

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
    timeZone: z
      .string()
      .default('UTC')
      .refine((zone) => isTimeZone(zone) || isUtcOffset(zone), 'must be an IANA time zone such as Europe/Berlin, or an offset such as +05:30'),
  })
  .superRefine((q, ctx) => {
    const span = (new Date(q.to).getTime() - new Date(q.from).getTime()) / 60_000;
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.window && span / windowMinutes[q.window] > MAX_WINDOWS) {
      ctx.addIssue({ code: 'custom', path: ['window'], message: `gives more than ${MAX_WINDOWS} windows; choose a larger window` });
    }
  });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

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
  if (!match) return zone;
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
