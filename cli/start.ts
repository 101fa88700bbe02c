import { resolve } from 'node:path';
import { z } from 'zod';
import { startStack } from '../local/stack';
import { jurisdictions, jurisdictionSchema } from '../shared/tenant/placement';

/**
 * `npm start`: the whole stack on this machine. PORT (default 8787), DATABASE_URL (a real
 * Postgres instead of the embedded one), METERLINE_DEV_API_KEY (the development tenant's key),
 * METERLINE_STATE_DIR (default .meterline), METERLINE_JURISDICTIONS (e.g. `eu,fedramp`: serve
 * them, each from DATABASE_URL_EU / DATABASE_URL_FEDRAMP or an embedded database of its own).
 * Ctrl-C stops everything it started.
 */
const port = Number(process.env.PORT ?? 8787);
const stateDir = resolve(process.env.METERLINE_STATE_DIR ?? '.meterline');
const served = z.array(jurisdictionSchema).safeParse(
  (process.env.METERLINE_JURISDICTIONS ?? '')
    .split(',')
    .map((j) => j.trim())
    .filter(Boolean),
);
if (!served.success) {
  console.error(`meterline: METERLINE_JURISDICTIONS must list ${jurisdictions.join(' and/or ')}, comma-separated`);
  process.exit(1);
}

const stack = await startStack({
  port,
  stateDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  jurisdictions: served.data,
  jurisdictionDatabaseUrls: {
    eu: process.env.DATABASE_URL_EU || undefined,
    fedramp: process.env.DATABASE_URL_FEDRAMP || undefined,
  },
  devApiKey: process.env.METERLINE_DEV_API_KEY || undefined,
  log: (line) => console.log(`meterline: ${line}`),
}).catch((error: Error) => {
  console.error(`meterline: could not start: ${error.message}`);
  if (/revoked/.test(error.message)) {
    console.error(
      `  The development key was revoked. Delete ${stateDir}/dev-api-key (or set METERLINE_DEV_API_KEY) to get a new one.`,
    );
  }
  process.exit(1);
});

console.log(`
Meterline is running.
  API          ${stack.url}
  Console      ${stack.url}/console   (sign in with the key below)
  API key      ${stack.apiKey}   (tenant "dev", scopes: admin)
  Database     ${process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded, kept in ${stateDir}`}${served.data.length > 0 ? `\n  Jurisdictions ${served.data.join(', ')} (each with its own database)` : ''}

  curl -H "Authorization: Bearer ${stack.apiKey}" ${stack.url}/event_schema/api_calls
Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nmeterline: stopping…');
    await stack.stop();
    process.exit(0);
  });
}
