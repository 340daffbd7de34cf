import type { FastifyInstance, RouteOptions } from 'fastify';

// Every route the app registers, wherever it is added (root or plugin): what the tests
// hold /openapi.json and the door against, so a route added later cannot go unchecked.

const lists = new WeakMap<FastifyInstance, RouteOptions[]>();

/** Call first thing on a new app: the hook sees only routes added after it. */
export function trackRoutes(app: FastifyInstance): void {
  const list: RouteOptions[] = [];
  lists.set(app, list);
  app.addHook('onRoute', (route) => {
    list.push(route);
  });
}

export function routesOf(app: FastifyInstance): readonly RouteOptions[] {
  return lists.get(app) ?? [];
}
