import { revenueRoutes as routes } from '../../shared/api/revenue-routes';
import { queryRevenue } from '../queries/revenue';
import { accountStatement } from '../queries/statement';
import { createRouter } from './router';

/** GET /revenue and GET /accounts/{id}/statement (docs/design.md §9): what the rated events earned. */
export const revenueRoutes = createRouter()
  .openapi(routes.get, async (c) =>
    c.json(await queryRevenue(c.env.db, c.env.principal.tenantId, c.req.valid('query')), 200),
  )
  .openapi(routes.statement, async (c) => {
    const { accountId } = c.req.valid('param');
    const { at } = c.req.valid('query');
    const now = Date.now();
    return c.json(
      await accountStatement(c.env.db, c.env.principal.tenantId, accountId, at ? Date.parse(at) : now, now),
      200,
    );
  });
