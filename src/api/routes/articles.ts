import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';
import { ApiError } from '../errors.js';
import { articleSchema, errorSchema } from '../response-schemas.js';
import { articleParamsSchema } from '../schemas.js';

export function articleRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get<{ Params: { id: number } }>(
    '/articles/:id',
    { schema: { params: articleParamsSchema, response: { 200: articleSchema, 400: errorSchema, 404: errorSchema } } },
    async (req) => {
      const article = await store.getArticleWithEvents(req.params.id);
      if (!article) throw new ApiError(404, `no article ${req.params.id}`);
      return article;
    },
  );
}
