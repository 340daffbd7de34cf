import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';
import { ApiError } from '../errors.js';
import { articleResponses } from '../response-schemas.js';
import { articleParamsSchema } from '../schemas.js';

export function articleRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get<{ Params: { id: number } }>('/articles/:id', { schema: { description: 'One stored article by id, with its events in sentence order.', params: articleParamsSchema, response: articleResponses } }, async (req) => {
    const article = await store.getArticleWithEvents(req.params.id);
    if (!article) throw new ApiError(404, `no article ${req.params.id}`);
    return article;
  });
}
