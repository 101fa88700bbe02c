import { resolve } from 'node:path';
import { startStack } from '../local/stack';

/**
 * `npm start`: the whole stack on this machine. PORT (default 8787), DATABASE_URL (a real
 * Postgres instead of the embedded one), METERLINE_DEV_API_KEY (the development tenant's key),
 * METERLINE_STATE_DIR (default .meterline). Ctrl-C stops everything it started.
 */
const port = Number(process.env.PORT ?? 8787);
const stateDir = resolve(process.env.METERLINE_STATE_DIR ?? '.meterline');

const stack = await startStack({
  port,
  stateDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  devApiKey: process.env.METERLINE_DEV_API_KEY || undefined,
  log: (line) => console.log(`meterline: ${line}`),
}).catch((error: Error) => {
  console.error(`meterline: could not start: ${error.message}`);
  if (/revoked/.test(error.message)) {
    console.error(`  The development key was revoked. Delete ${stateDir}/dev-api-key (or set METERLINE_DEV_API_KEY) to get a new one.`);
  }
  process.exit(1);
});

console.log(`
Meterline is running.
  API          ${stack.url}
  Console      ${stack.url}/console   (sign in with the key below)
  API key      ${stack.apiKey}   (tenant "dev", scopes: admin)
  Database     ${process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded, kept in ${stateDir}`}

  curl -H "Authorization: Bearer ${stack.apiKey}" ${stack.url}/event_schema/api_calls
Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nmeterline: stopping…');
    await stack.stop();
    process.exit(0);
  });
}
