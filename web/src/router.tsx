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
import {
  validateCompareSearch,
  validatePositionsSearch,
  validateProvisionSearch,
  validateTextSearch,
} from './pages/text/text-search.ts';

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
  /** The window shown (UTC days, both included): the overview's zoom. */
  from?: string;
  to?: string;
}

const day = (value: unknown): string | undefined => {
  const s = text(value);
  return s !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))
    ? s
    : undefined;
};

const timelineRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'timeline',
  validateSearch: (search): TimelineSearch => {
    const result: TimelineSearch = {};
    for (const key of ['party', 'kind', 'status'] as const) {
      const value = text(search[key]);
      if (value !== undefined) result[key] = value;
    }
    for (const key of ['from', 'to'] as const) {
      const value = day(search[key]);
      if (value !== undefined) result[key] = value;
    }
    return result;
  },
  component: lazyRouteComponent(() => import('./pages/timeline/timeline-page.tsx'), 'TimelinePage'),
});

export interface AnalysisSearch {
  /** The version of the text taken as the draft (default: the latest the user may see). */
  version?: string;
  /** A sensitivity run: its samples (100–20,000) and seed. */
  samples?: number;
  seed?: number;
  /** …moving every weight and value by up to ±this percentage (1–50) instead of the stated uncertainty. */
  perturbation?: number;
}

/** A whole number in [min, max] from a search parameter, or nothing. */
const whole = (value: unknown, min: number, max: number): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

const analysisRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'analysis',
  validateSearch: (search): AnalysisSearch => {
    const version = text(search.version);
    const samples = whole(search.samples, 100, 20_000);
    const seed = whole(search.seed, 0, 2_147_483_647);
    const perturbation = whole(search.perturbation, 1, 50);
    return {
      ...(version === undefined ? {} : { version }),
      ...(samples === undefined ? {} : { samples }),
      ...(seed === undefined ? {} : { seed }),
      ...(perturbation === undefined ? {} : { perturbation }),
    };
  },
  component: lazyRouteComponent(() => import('./pages/analysis/analysis-page.tsx'), 'AnalysisPage'),
});

const textRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'text',
  validateSearch: validateTextSearch,
  component: lazyRouteComponent(() => import('./pages/text/text-page.tsx'), 'TextPage'),
});

const compareRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'text/compare',
  validateSearch: validateCompareSearch,
  component: lazyRouteComponent(() => import('./pages/text/compare-page.tsx'), 'ComparePage'),
});

const positionsRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'text/positions',
  validateSearch: validatePositionsSearch,
  component: lazyRouteComponent(() => import('./pages/text/positions-page.tsx'), 'PositionsPage'),
});

const provisionRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'text/provision',
  validateSearch: validateProvisionSearch,
  component: lazyRouteComponent(() => import('./pages/text/provision-page.tsx'), 'ProvisionPage'),
});

/** Who's who as of a day (`?asOf=YYYY-MM-DD`, default today). */
const peopleRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'people',
  validateSearch: (search): { asOf?: string } => {
    const asOf = text(search.asOf);
    return asOf === undefined ? {} : { asOf };
  },
  component: lazyRouteComponent(() => import('./pages/people/who-page.tsx'), 'WhoPage'),
});

const personRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'people/$person',
  component: lazyRouteComponent(() => import('./pages/people/person-page.tsx'), 'PersonPage'),
});

const briefingRoute = createRoute({
  getParentRoute: () => processRoute,
  path: 'briefing/$event',
  component: lazyRouteComponent(() => import('./pages/briefing/briefing-page.tsx'), 'BriefingPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  processesRoute,
  processRoute.addChildren([
    dashboardRoute,
    timelineRoute,
    analysisRoute,
    textRoute,
    compareRoute,
    positionsRoute,
    provisionRoute,
    peopleRoute,
    personRoute,
    briefingRoute,
  ]),
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
