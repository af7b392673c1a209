import { Container, Stack, Text, Title } from '@mantine/core';
import { AppFrame } from '../../components/app-frame.tsx';
import { AnchorLink } from '../../components/links.tsx';

export function NotFoundPage() {
  return (
    <AppFrame>
      <Container size="sm" py="xl">
        <Stack>
          <Title order={1}>No such page</Title>
          <Text>
            <AnchorLink to="/processes">Go to the processes</AnchorLink>
          </Text>
        </Stack>
      </Container>
    </AppFrame>
  );
}
