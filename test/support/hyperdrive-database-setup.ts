import type { TestProject } from 'vitest/node';
import { setupDatabases } from './database-setup';

/** The rater-hyperdrive suite's databases: as the rater suite's, with an EU database of its own. */
export default function setup(project: TestProject) {
  return setupDatabases(project, 'rater_hd_eu');
}
