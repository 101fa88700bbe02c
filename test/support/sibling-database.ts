import { openDatabase } from '../../local/node-database';

/** A fresh database beside the given one on the same server, dropped after the suite. */
export async function createSiblingDatabase(
  url: string,
  suffix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const sibling = new URL(url);
  const name = `${sibling.pathname.slice(1)}_${suffix}`;
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`cannot derive a database name from ${url}`);
  }
  sibling.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const { pool, close } = await openDatabase(url);
    try {
      await pool.query(statement);
    } finally {
      await close();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return { url: sibling.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
