import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes of rater/db/schema.ts into a new SQL migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: './rater/db/schema.ts',
  out: './migrations',
});
