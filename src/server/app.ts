/**
 * The HTTP API: a fastify app over a store. Requests are validated by zod
 * schemas (which also generate the OpenAPI document at /api/openapi.json);
 * errors use the one vocabulary (`core/errors.ts`) mapped to HTTP statuses.
 *
 * Who is asking (`auth.ts`): a session cookie or an API token names a user;
 * the user's team in the process decides what they read (`core/team.ts`:
 * mediator team, a party's delegation, observers). Without either, or
 * without a team, a request reads as the public: published versions, public
 * events, statements, positions and profiles only.
 *
 * Logs hold the method, the route pattern (never the query string or body),
 * the status and the time taken.
 */

import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AccountService } from '../services/account-service.ts';
import type { Store } from '../store/store.ts';
import { registerAuth } from './auth.ts';
import { handleErrors, requestLimits } from './errors.ts';
import { refuseNulCharacters } from './input-guard.ts';
import { checkResponses, type ResponseCheck } from './response-check.ts';
import { registerAnalysisRoutes } from './routes/analysis.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerBriefingRoutes } from './routes/briefing.ts';
import { registerCalendarRoutes } from './routes/calendar.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerRecordRoutes } from './routes/record.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerTextRoutes } from './routes/texts.ts';
import { registerVersionRoutes } from './routes/versions.ts';
import { registerWriteRoutes } from './routes/writes.ts';
import { registerWebApp } from './static.ts';

export interface AppOptions {
  /** Log requests (as JSON lines on standard output). */
  readonly log?: boolean;
  /** The current time, for "as of today" defaults. */
  readonly now?: () => number;
  /** Check every answer against its route's response schema (tests; see response-check.ts). */
  readonly checkResponses?: ResponseCheck;
}

export type App = FastifyInstance;

type OpenApiObject = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The document with only the components its paths use, directly or through
 * other components. (Every schema with an id is offered twice, for reading
 * and as `…Input` for writing; most are only ever one of the two.)
 */
function usedComponentsOnly(document: OpenApiObject): OpenApiObject {
  const { paths, components } = document as {
    paths?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const name = key === '$ref' && typeof item === 'string' ? item.split('/').pop() : undefined;
        if (name !== undefined && !used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        } else visit(item);
      }
    }
  };
  visit(paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...components, schemas: kept } } as OpenApiObject;
}

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
    ...requestLimits,
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
          'The record, the negotiating text, positions and analysis of mediated negotiations. Sign in (POST /api/v1/session) or send an API token; what you read depends on your team in the process.',
      },
    },
    transform: jsonSchemaTransform,
    // Schemas with an `id` (`.meta({ id })`, e.g. responses/common.ts) become shared components.
    transformObject: (document) => usedComponentsOnly(jsonSchemaTransformObject(document)),
  });
  handleErrors(app);
  refuseNulCharacters(app);
  if (options.checkResponses !== undefined) checkResponses(app, options.checkResponses);
  const now = options.now ?? Date.now;
  const accounts = new AccountService(store, now);
  await registerAuth(app, accounts);
  const context = { store, accounts, now };
  registerHealthRoutes(app, context);
  registerSessionRoutes(app, context);
  registerRecordRoutes(app, context);
  registerDashboardRoutes(app, context);
  registerTextRoutes(app, context);
  registerAnalysisRoutes(app, context);
  registerAuditRoutes(app, context);
  registerWriteRoutes(app, context);
  registerVersionRoutes(app, context);
  registerCalendarRoutes(app, context);
  registerBriefingRoutes(app, context);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerWebApp(app);
  await app.ready();
  return app;
}
