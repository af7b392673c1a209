/** Loading and error states of a query, the same on every page. */

import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, ForbiddenError, NotFoundError, UnauthorizedError } from '../api/errors.ts';

/** A spinner that screen readers announce. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed" size="sm">
        {label}…
      </Text>
    </Center>
  );
}

/** What went wrong, in words a user can act on. */
export function errorText(error: unknown): { title: string; message: string } {
  if (error instanceof NotFoundError)
    return {
      title: 'Not found',
      message: 'It does not exist, or your team may not see it.',
    };
  if (error instanceof UnauthorizedError)
    return { title: 'Sign in first', message: 'This needs you to be signed in.' };
  if (error instanceof ForbiddenError)
    return { title: 'Not allowed', message: 'Your team or role may not do this.' };
  if (error instanceof ApiError && error.status === 0)
    return {
      title: 'The server cannot be reached',
      message: 'Check your connection and try again.',
    };
  if (error instanceof ApiError) return { title: 'The server refused', message: error.message };
  return { title: 'Something went wrong', message: String(error) };
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, message } = errorText(error);
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Renders `children` with the query's data once it is there; a spinner before; the error after a failure. */
export function QueryState<T>({
  query,
  label,
  children,
}: {
  query: UseQueryResult<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(label === undefined ? {} : { label })} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  return children(query.data);
}
