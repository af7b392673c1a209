/**
 * The HTTP API: a fastify app over a store. Requests are validated by zod
 * schemas (which also generate the OpenAPI document at /api/openapi.json);
 * errors use the one vocabulary (`core/errors.ts`) mapped to HTTP statuses.
 *
 * Who is asking: accounts and per-party sessions are not there yet, so every
 * request is served as the public would see it (`PUBLIC_VIEWER`): published
 * versions, public events, statements, positions and profiles only. Nothing
 * confidential can leave through this API before sign-in exists.
 *
 * Logs hold the method, the route pattern (never the query string or body),
 * the status and the time taken.
 */

import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { PUBLIC_VIEWER } from '../core/audience.ts';
import type { Store } from '../store/store.ts';
import { handleErrors } from './errors.ts';
import { registerAnalysisRoutes } from './routes/analysis.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerRecordRoutes } from './routes/record.ts';
import { registerTextRoutes } from './routes/texts.ts';

export interface AppOptions {
  /** Log requests (as JSON lines on standard output). */
  readonly log?: boolean;
  /** The current time, for "as of today" defaults. */
  readonly now?: () => number;
}

export type App = FastifyInstance;

export async function buildApp(store: Store, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.log
      ? {
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
            res: (res) => ({ status: res.statusCode }),
          },
        }
      : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Concord API',
        version: '0.1.0',
        description:
          'The record, the negotiating text, positions and analysis of mediated negotiations. Until sign-in exists every request sees public material only.',
      },
    },
    transform: jsonSchemaTransform,
  });
  handleErrors(app);
  const context = { store, viewer: PUBLIC_VIEWER, now: options.now ?? Date.now };
  registerHealthRoutes(app, context);
  registerRecordRoutes(app, context);
  registerTextRoutes(app, context);
  registerAnalysisRoutes(app, context);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
