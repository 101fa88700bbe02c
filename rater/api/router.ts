import { createRouter as createContractRouter } from '../../shared/api/router';
import type { RaterHono } from './hono-env';

/** The rater's routers: contract-validated, with the database and principal of each RPC call. */
export function createRouter() {
  return createContractRouter<RaterHono>();
}
