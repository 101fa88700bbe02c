import { Hono } from 'hono';
import { AppError } from '../shared/errors/app-error';
import { problemResponse } from '../shared/errors/problem';
import type { EdgeHono } from './hono-env';
import { authenticate } from './middleware/authenticate';
import { forwardToRater } from './routes/forward-to-rater';
import { ingestRoutes } from './routes/ingest';

/** The public API: health without a key, everything else behind `authenticate`. */
export function createApp() {
  const app = new Hono<EdgeHono>();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use('*', authenticate);
  app.route('/', ingestRoutes);
  app.route('/', forwardToRater);
  app.notFound(() => problemResponse(new AppError('not_found', 'route_not_found', 'No such route')));
  app.onError((error) => {
    if (!(error instanceof AppError)) console.error('unhandled error', error);
    return problemResponse(error);
  });
  return app;
}
