import { creditRoutes as routes } from '../../shared/api/credit-routes';
import { creditBalanceOf, creditDetails, grantCredits, listCredits, voidCredit } from '../credits/credit-service';
import { createRouter } from './router';

/** Togai's /credits API: HTTP in and out; the rules are in rater/credits/. */
export const creditRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal, home } = c.env;
    const credits = await grantCredits(db, principal.tenantId, home, c.req.valid('json').creditRequests, Date.now());
    return c.json({ credits }, 200);
  })
  .openapi(routes.list, async (c) =>
    c.json(await listCredits(c.env.db, c.env.principal.tenantId, c.req.valid('query'), Date.now()), 200),
  )
  .openapi(routes.get, async (c) =>
    c.json(await creditDetails(c.env.db, c.env.principal.tenantId, c.req.valid('param').creditId, Date.now()), 200),
  )
  .openapi(routes.void, async (c) => {
    const { db, principal, home } = c.env;
    return c.json(await voidCredit(db, principal.tenantId, home, c.req.valid('param').creditId, Date.now()), 200);
  })
  .openapi(routes.balance, async (c) =>
    c.json(await creditBalanceOf(c.env.db, c.env.principal.tenantId, c.req.valid('param').accountId, Date.now()), 200),
  );
