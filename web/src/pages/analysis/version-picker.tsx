/** Which version of the text is the draft: the versions the viewer may see, newest first. */

import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { textsQuery } from '../../api/queries.ts';

export function VersionPicker({
  process,
  text,
  value,
  onChange,
}: {
  process: string;
  text: string;
  /** The version analysed (undefined while unknown). */
  value: string | undefined;
  onChange: (version: string) => void;
}) {
  const texts = useQuery(textsQuery(process));
  const versions = texts.data?.find((t) => t.id === text)?.versions ?? [];
  const data = [...versions].reverse().map((v) => ({
    value: v.id,
    label: `${v.label} (${v.id}${v.audience === 'public' ? '' : ', not published'}, ${v.status})`,
  }));
  if (value !== undefined && !data.some((d) => d.value === value))
    data.unshift({ value, label: value });
  return (
    <NativeSelect
      label="Draft: version of the text"
      description={texts.isError ? 'The versions could not be listed' : undefined}
      data={data}
      value={value ?? ''}
      disabled={data.length === 0}
      onChange={(event) => onChange(event.currentTarget.value)}
      maw={420}
      w="100%"
    />
  );
}
