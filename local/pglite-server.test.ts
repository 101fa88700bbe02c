import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './node-database';
import { servePglite } from './pglite-server';

/**
 * The embedded Postgres under concurrency, through the same driver and proxy the rater uses.
 * pglite-socket's server failed exactly this: parameterised queries from several connections,
 * interleaved message by message, got each other's parameters and results.
 */
describe('servePglite', () => {
  let db: PGlite;
  let server: Awaited<ReturnType<typeof servePglite>>;
  let database: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    db = await PGlite.create();
    server = await servePglite(db);
    database = await openDatabase(`postgres://postgres@${server.address}/postgres`);
    await database.pool.query('CREATE TABLE counter (n int NOT NULL)');
    await database.pool.query('INSERT INTO counter VALUES (0)');
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await server?.stop();
    await db?.close();
  });

  it('answers every concurrent parameterised query with its own result', async () => {
    const pool = database.pool;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => pool.query('SELECT $1::int * 2 AS doubled, $2::text AS tag', [i, `q${i}`])),
    );
    answers.forEach((answer, i) => expect(answer.rows[0]).toEqual({ doubled: i * 2, tag: `q${i}` }));
  });

  it('keeps concurrent transactions whole: no lost update, no statement of one inside another', async () => {
    const pool = database.pool;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ n: number }>('SELECT n FROM counter');
          await client.query('UPDATE counter SET n = $1', [rows[0]!.n + 1]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query<{ n: number }>('SELECT n FROM counter');
    expect(rows[0]!.n).toBe(40);
  });
});
