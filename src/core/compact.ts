/**
 * Removes the keys whose value is `undefined`, so that optional fields are
 * absent rather than present-but-undefined (records then compare equal with
 * `deepEqual` however they were built).
 */
export function compact<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const key in value) {
    const member = value[key];
    if (member !== undefined) result[key] = member;
  }
  return result as T;
}
