import { Container } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { AppFrame } from './app-frame.tsx';
import { ErrorAlert } from './query-state.tsx';

/** A page that failed to load or render (a chunk of an older build, a bug): say so, offer to retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <AppFrame>
      <Container size="sm" py="xl">
        <ErrorAlert error={error} onRetry={reset} />
      </Container>
    </AppFrame>
  );
}
