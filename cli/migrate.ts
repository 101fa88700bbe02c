import { runMigrations } from '../local/migrate';
import { openDatabase } from '../local/node-database';

/** `npm run migrate`: applies migrations/ to DATABASE_URL (Neon, or any Postgres via a local proxy). */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to migrate (npm start migrates the embedded one itself).');
  process.exit(2);
}
// Neon: schema changes go over the direct connection; the pooler (PgBouncer) is for the workers.
if (/-pooler\./.test(new URL(url).hostname)) {
  console.error("DATABASE_URL is Neon's pooled URL (its host has -pooler): migrate over the direct, unpooled one.");
  process.exit(2);
}
const { db, close } = await openDatabase(url);
try {
  await runMigrations(db);
  console.log('migrations applied');
} finally {
  await close();
}
