/**
 * The app's routes (code-based; each page's component is loaded when first
 * needed). Search parameters are the pages' state (filters, the date), so
 * every view has a URL.
 */

import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { Loading } from './components/query-state.tsx';
import { RouteError } from './components/route-error.tsx';
import { NotFoundPage } from './pages/not-found/not-found-page.tsx';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/processes' });
  },
});

/** A string search parameter, or nothing. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  // Only a path of this app: never another site.
  validateSearch: (search): { redirect?: string } => {
    const to = text(search.redirect);
    return to?.startsWith('/') && !to.startsWith('//') ? { redirect: to } : {};
  },
  component: lazyRouteComponent(() => import('./pages/sign-in/sign-in-page.tsx'), 'SignInPage'),
});

const processesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'processes',
  component: lazyRouteComponent(
    () => import('./pages/processes/processes-page.tsx'),
    'ProcessesPage',
  ),
});

const processRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'processes/$process',
  component: lazyRouteComponent(
    () => import('./pages/process/process-layout.tsx'),
    'ProcessLayout',
  ),
});

const dashboardRoute = createRoute({
  getParentRoute: () => processRoute,
  path: '/',
  validateSearch: (search): { asOf?: string } => {
    const asOf = text(search.asOf);
    return asOf === undefined ? {} : { asOf };
  },
  component: lazyRouteComponent(
    () => import('./pages/dashboard/dashboard-page.tsx'),
    'DashboardPage',
  ),
});

export interface TimelineSearch {
  /** Comma-separated party slugs, event kinds, statuses: as the API takes them. */
  party?: string;
  kind?: string;
  status?: string;
}

const timelineRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'timeline',
  validateSearch: (search): TimelineSearch => {
    const result: TimelineSearch = {};
    for (const key of ['party', 'kind', 'status'] as const) {
      const value = text(search[key]);
      if (value !== undefined) result[key] = value;
    }
    return result;
  },
  component: lazyRouteComponent(() => import('./pages/timeline/timeline-page.tsx'), 'TimelinePage'),
});

const analysisRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'analysis',
  component: lazyRouteComponent(() => import('./pages/analysis/analysis-page.tsx'), 'AnalysisPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  processesRoute,
  processRoute.addChildren([dashboardRoute, timelineRoute, analysisRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: () => <Loading />,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
