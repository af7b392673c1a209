/** Signing in: a user name and a password; then back to where the user was going. */

import {
  Alert,
  Button,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { signIn } from '../../api/endpoints.ts';
import { ApiError } from '../../api/errors.ts';
import { AppFrame } from '../../components/app-frame.tsx';
import { errorText } from '../../components/query-state.tsx';

const route = getRouteApi('/sign-in');

function signInError(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) return 'Wrong user name or password.';
  if (error instanceof ApiError && error.status === 429)
    return 'Too many failed attempts: try again in a quarter of an hour.';
  return errorText(error).message;
}

export function SignInPage() {
  useDocumentTitle('Sign in · Concord');
  const { redirect } = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const enter = useMutation({
    mutationFn: () => signIn(name.trim(), password),
    onSuccess: async () => {
      // Everything read so far was read as someone else.
      await queryClient.resetQueries();
      router.history.push(redirect ?? '/processes');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enter.mutate();
  };
  return (
    <AppFrame>
      <Container size={420} py="xl">
        <Title order={1} mb="md">
          Sign in
        </Title>
        <Paper withBorder p="lg" component="form" onSubmit={submit} aria-label="Sign in">
          <Stack>
            {enter.isError && (
              <Alert color="red" role="alert">
                {signInError(enter.error)}
              </Alert>
            )}
            <TextInput
              label="User name"
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={enter.isPending}>
              Sign in
            </Button>
          </Stack>
        </Paper>
        <Text size="sm" c="dimmed" mt="md">
          Without signing in you read what the public may read. With <code>npm start</code>, the
          terminal lists a demo user for each team.
        </Text>
      </Container>
    </AppFrame>
  );
}
