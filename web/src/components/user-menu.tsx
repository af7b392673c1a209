/** Who is signed in, with a way out; or a way in. */

import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { signOut } from '../api/endpoints.ts';
import { meQuery } from '../api/queries.ts';
import { ButtonLink } from './links.tsx';

export function UserMenu() {
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const leave = useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      await queryClient.resetQueries();
      await navigate({ to: '/sign-in', search: {} });
    },
  });
  if (me.isPending) return null;
  const user = me.data?.user;
  if (!user)
    return location.pathname === '/sign-in' ? null : (
      <ButtonLink to="/sign-in" search={{ redirect: location.href }} variant="default" size="xs">
        Sign in
      </ButtonLink>
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" visibleFrom="xs" aria-label="Signed in as">
        {user.name}
      </Text>
      <Button size="xs" variant="default" loading={leave.isPending} onClick={() => leave.mutate()}>
        Sign out
      </Button>
    </Group>
  );
}
