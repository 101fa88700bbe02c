import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { buildOpenApiDocument } from '../shared/api/openapi-document';
import { AppError } from '../shared/errors/app-error';
import { fromHttpException, problemResponse } from '../shared/errors/problem';
import type { EdgeHono } from './hono-env';
import { createConsole } from './console/console';
import { authenticate } from './middleware/authenticate';
import { wellFormedUrl } from './middleware/well-formed-url';
import { accountCreditsRouter } from './routes/account-credits';
import { accountEntitlementsRouter } from './routes/account-entitlements';
import { accountSpendRouter } from './routes/account-spend';
import { entitledRouter } from './routes/entitled';
import { forwardToRater } from './routes/forward-to-rater';
import { ingestRouter } from './routes/ingest';
import { ingestBatchRouter } from './routes/ingest-batch';
import { reservationsRouter } from './routes/reservations';

/** The public API: health without a key, everything else behind `authenticate`. */
export function createApp() {
  const app = new Hono<EdgeHono>();
  app.use('*', wellFormedUrl);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));
  // The benchmarks' yardstick: the same worker, parsing the same JSON, doing nothing else. Only
  // when the local bench sets BENCH_BASELINE; never in a deployed worker.
  app.post('/_bench/baseline', async (c, next) => {
    if (c.env.BENCH_BASELINE !== '1') {
      return next();
    }
    await c.req.json();
    return c.json({ success: true }, 202);
  });
  // The console signs in with a cookie of its own and calls this same app with the key.
  app.route(
    '/console',
    createConsole(async (request, c) => app.fetch(request, c.env, c.executionCtx)),
  );
  app.use('*', authenticate);
  app.route('/', ingestRouter);
  app.route('/', ingestBatchRouter);
  app.route('/', entitledRouter);
  app.route('/', accountCreditsRouter);
  app.route('/', accountEntitlementsRouter);
  app.route('/', accountSpendRouter);
  app.route('/', reservationsRouter);
  app.route('/', forwardToRater);
  app.notFound(() => problemResponse(new AppError('not_found', 'route_not_found', 'No such route')));
  app.onError((error) => {
    if (error instanceof HTTPException) {
      return problemResponse(fromHttpException(error));
    }
    if (!(error instanceof AppError)) {
      console.error('unhandled error', error);
    }
    return problemResponse(error);
  });
  return app;
}

let cachedDocument: { origin: string; document: unknown } | undefined;
/** Built once per isolate: it depends only on the code and the origin it is served from. */
function openApiDocument(origin: string) {
  if (cachedDocument?.origin !== origin) {
    cachedDocument = { origin, document: buildOpenApiDocument(origin) };
  }
  return cachedDocument.document;
}
