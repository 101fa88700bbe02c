import type { RouteConfig } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { apiRoutes, edgeApiRoutes, raterApiRoutes, requiredScope } from './api-routes';

const routesOf = (groups: Record<string, Record<string, RouteConfig>>) =>
  Object.values(groups).flatMap((group) => Object.values(group));
const key = (route: RouteConfig) => `${route.method.toUpperCase()} ${route.path}`;

describe('the route registry the edge forwards from', () => {
  it('puts every public route in exactly one place: answered at the edge, or forwarded to the rater', () => {
    const edge = routesOf(edgeApiRoutes).map(key);
    const rater = routesOf(raterApiRoutes).map(key);
    expect(edge.filter((route) => rater.includes(route))).toEqual([]);
    expect(new Set([...edge, ...rater]).size).toBe(edge.length + rater.length);
    expect(routesOf(apiRoutes).map(key).sort()).toEqual([...edge, ...rater].sort());
  });

  it('asks read for reads, admin for changes, and read for the POSTs that only read', () => {
    const scopes = Object.fromEntries(routesOf(raterApiRoutes).map((route) => [key(route), requiredScope(route)]));
    expect(scopes['GET /event_schema']).toBe('read');
    expect(scopes['POST /metrics']).toBe('read');
    expect(scopes['POST /event_schema']).toBe('admin');
    expect(scopes['DELETE /api_keys/{id}']).toBe('admin');
    const readPosts = Object.entries(scopes).filter(([route, scope]) => !route.startsWith('GET ') && scope === 'read');
    expect(readPosts.map(([route]) => route)).toEqual(['POST /metrics']);
  });
});
