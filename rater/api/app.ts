import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../shared/errors/app-error';
import { problemResponse } from '../../shared/errors/problem';
import { eventSchemaRoutes } from './event-schema-routes';
import { createRouter } from './router';
import { usageMeterRoutes } from './usage-meter-routes';
import { usageRoutes } from './usage-routes';

/** The configuration and query API, served to the edge over RPC (never directly to clients). */
export const raterApi = createRouter()
  .route('/', eventSchemaRoutes)
  .route('/', usageMeterRoutes)
  .route('/', usageRoutes)
  .notFound(() => problemResponse(new AppError('not_found', 'route_not_found', 'No such route')))
  .onError((error) => {
    // Hono's body parsing reports unreadable JSON as an HTTPException(400).
    if (error instanceof HTTPException && error.status === 400) {
      return problemResponse(new AppError('malformed', 'malformed_json', 'The body is not valid JSON'));
    }
    // Only AppErrors carry a message fit for clients; anything else may hold SQL or internals.
    if (!(error instanceof AppError)) console.error('rater API error', error);
    return problemResponse(error);
  });
