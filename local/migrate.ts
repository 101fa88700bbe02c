import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import type { NeonDatabase } from 'drizzle-orm/neon-serverless';
import type * as schema from '../rater/db/schema';

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies migrations/ in order; already-applied ones are skipped (drizzle's journal table). */
export async function runMigrations(db: NeonDatabase<typeof schema>): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
}
