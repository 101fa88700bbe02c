import { z } from 'zod';

/**
 * What the rater does with an event whose accountId names no account (shared/account/README.md):
 * METER it as any other (Meterline's default: accounts are optional, and every documented flow —
 * the tour, /entitled, feature credits — keys on free account ids), or FAIL it as Togai does, with
 * the status INGESTION_FAILED_ACCOUNT_NOT_FOUND, counted nowhere until it is replayed after the
 * account is created.
 */
export const unknownAccountsSchema = z.enum(['METER', 'FAIL']);
export type UnknownAccounts = z.infer<typeof unknownAccountsSchema>;
export const DEFAULT_UNKNOWN_ACCOUNTS: UnknownAccounts = 'METER';
