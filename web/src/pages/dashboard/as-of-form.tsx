import { Button, Group, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

/** Picks the day the dashboard is for (a date field, then Show); Today goes back to today. */
export function AsOfForm({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (day: string | undefined) => void;
}) {
  const [day, setDay] = useState(value ?? '');
  useEffect(() => setDay(value ?? ''), [value]);
  return (
    <Group
      component="form"
      gap="xs"
      align="flex-end"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(day === '' ? undefined : day);
      }}
    >
      <TextInput
        type="date"
        label="As of"
        size="xs"
        value={day}
        onChange={(event) => setDay(event.currentTarget.value)}
      />
      <Button type="submit" size="xs" variant="light">
        Show
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={value === undefined}
        onClick={() => onChange(undefined)}
      >
        Today
      </Button>
    </Group>
  );
}
