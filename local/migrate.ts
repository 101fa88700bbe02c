import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import type { Database } from '../rater/db/connect';

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies migrations/ in order; already-applied ones are skipped (drizzle's journal table). */
export async function runMigrations(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
}
