import { AppError } from '../../shared/errors/app-error';
import { jurisdictions, type Jurisdiction } from '../../shared/tenant/placement';
import { databaseConfig, type RaterEnv } from '../env';
import { connect, endPool, type Database, type DatabaseConfig, type DatabasePool } from './connect';

/**
 * The deployment's databases, one per jurisdiction it serves (docs/capacity.md, "Placement and
 * residency"): DATABASE_URL holds the directory (tenants and API keys, which say where each
 * tenant lives) and the rows of tenants without a jurisdiction; DATABASE_URL_EU and
 * DATABASE_URL_FEDRAMP, when set, hold the rows of the tenants of that jurisdiction and nothing
 * else. Pools open on first use and last one unit of work: `end()` closes them.
 */
export class Databases {
  private readonly open = new Map<Jurisdiction | 'directory', { db: Database; pool: DatabasePool }>();

  constructor(private readonly env: RaterEnv) {}

  /** Tenants, API keys and the rows of tenants without a jurisdiction. */
  get directory(): Database {
    return this.connection('directory', databaseTarget(this.env, null)!);
  }

  /** The database a jurisdiction's tenants' rows live in; refuses a jurisdiction this deployment has no database for. */
  of(jurisdiction: Jurisdiction | null): Database {
    if (jurisdiction === null) {
      return this.directory;
    }
    const target = databaseTarget(this.env, jurisdiction);
    if (!target) {
      throw new AppError(
        'unavailable',
        'jurisdiction_unavailable',
        `This deployment has no database for jurisdiction '${jurisdiction}' (${databaseUrlVar(jurisdiction)})`,
      );
    }
    return this.connection(jurisdiction, target);
  }

  async end(): Promise<void> {
    const pools = [...this.open.values()].map((o) => o.pool);
    this.open.clear();
    await Promise.all(pools.map(endPool));
  }

  private connection(key: Jurisdiction | 'directory', target: DatabaseConfig): Database {
    let found = this.open.get(key);
    if (!found) {
      found = connect(target);
      this.open.set(key, found);
    }
    return found.db;
  }
}

/** DATABASE_URL_EU, DATABASE_URL_FEDRAMP. */
export function databaseUrlVar(jurisdiction: Jurisdiction): string {
  return `DATABASE_URL_${jurisdiction.toUpperCase()}`;
}

/**
 * How to reach a jurisdiction's database (null: the directory's): its Hyperdrive binding when
 * bound, else its URL through the Neon driver; undefined when the deployment has neither.
 */
function databaseTarget(env: RaterEnv, jurisdiction: Jurisdiction | null): DatabaseConfig | undefined {
  const urls = databaseConfig(env);
  const [url, hyperdrive] =
    jurisdiction === null
      ? [urls.DATABASE_URL, env.HYPERDRIVE]
      : jurisdiction === 'eu'
        ? [urls.DATABASE_URL_EU, env.HYPERDRIVE_EU]
        : [urls.DATABASE_URL_FEDRAMP, env.HYPERDRIVE_FEDRAMP];
  if (!url && !hyperdrive) {
    return undefined;
  }
  return { DATABASE_URL: url, HYPERDRIVE: hyperdrive, NEON_WS_PROXY: urls.NEON_WS_PROXY };
}

/** Every jurisdiction this deployment keeps rows for: null (no jurisdiction) and each one with a database. */
export function servedJurisdictions(env: RaterEnv): (Jurisdiction | null)[] {
  return [null, ...jurisdictions.filter((j) => databaseTarget(env, j) !== undefined)];
}
