import { parseArgs } from 'node:util';
import { scopeSchema, type Scope } from '../shared/auth/api-key';
import { openDatabase } from '../local/node-database';
import { createApiKey, ensureTenant } from '../rater/store/api-keys';

const USAGE = `Usage: npm run tenant -- create <name> [--scopes admin,ingest,read] [--key-name NAME]

Creates the tenant (if new) and a new API key for it in DATABASE_URL, and prints the key once.
It is stored only as a hash: keep it somewhere safe.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    scopes: { type: 'string', default: 'admin' },
    'key-name': { type: 'string', default: 'created by npm run tenant' },
  },
});
const [command, name] = positionals;
const url = process.env.DATABASE_URL;
if (command !== 'create' || !name || !url) {
  console.error(url ? USAGE : `Set DATABASE_URL first.\n\n${USAGE}`);
  process.exit(2);
}
const scopes = values.scopes.split(',').map((s) => scopeSchema.safeParse(s.trim()));
const bad = scopes.find((s) => !s.success);
if (bad) {
  console.error(`--scopes: each must be one of ${scopeSchema.options.join(', ')}`);
  process.exit(2);
}

const { db, close } = await openDatabase(url);
try {
  const tenantId = await ensureTenant(db, name);
  const key = await createApiKey(db, tenantId, {
    name: values['key-name'],
    scopes: scopes.map((s) => s.data as Scope),
  });
  console.log(`tenant  ${tenantId}\nkey id  ${key.id}\nAPI key ${key.secret}`);
} finally {
  await close();
}
