/**
 * fast-check generators of HTTP requests from an OpenAPI 3.0 operation (the
 * app's own document, so a new route is fuzzed as soon as it exists): path
 * parameters, query strings, headers and JSON bodies. Half of them are
 * near-valid — the schema's shape with random and edge values, drawn from a
 * dictionary of real slugs so that some reach the services — and half loose:
 * wrong types, numbers as strings, huge strings, unicode, missing fields,
 * extra keys, repeated parameters, junk bodies and content types.
 */

import fc from 'fast-check';

/** The parts of JSON Schema (as OpenAPI 3.0 spells it) that the generators follow. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description?: string;
}

export interface Parameter {
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly name: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
  readonly description?: string;
}

export interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: JsonSchema }> };
}

export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  /** Who sends it: one of the callers given to `requestArbitrary`. */
  readonly caller: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

export interface FuzzOptions {
  /** Real slugs, tags and other strings that make a request reach further. */
  readonly dictionary: readonly string[];
  /** Resolves `$ref`s (`#/components/schemas/…`). */
  readonly resolve?: (ref: string) => JsonSchema | undefined;
  /** Known values by parameter or field name (`process`, `party`…): most near-valid requests use them. */
  readonly hints?: Readonly<Record<string, readonly string[]>>;
  readonly callers: readonly string[];
}

/** Strings that have broken parsers, routers and databases before. */
export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '0x10',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '*',
  '%',
  '%00',
  '\u0000',
  'a\u0000b',
  '..',
  '../../etc/passwd',
  '\\',
  "'; drop table processes; --",
  '<script>alert(1)</script>',
  '\u0024{process.env}',
  'é',
  'Ω≈ç√∫',
  '😀👍🏽',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\ufeff',
  'a\r\nb',
  '\t',
  '2025-11-30',
  '~2025-W48',
  '2025-11-23..2025-11-30',
  '9999-99-99',
  '..',
  '-0',
  '1.5',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** Bodies that are not what any route wants. */
const JUNK_BODIES: readonly string[] = [
  '',
  '{',
  '}',
  '[',
  '{"a":',
  'null',
  '0',
  '""',
  'true',
  '[]',
  '[[[[[[[[[[]]]]]]]]]]',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"a":{"b":{"__proto__":{"polluted":"yes"}}}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '\ufeff{}',
  '{"x":"\\ud800"}',
  '{"x":"\\u0000"}',
  '1e999999',
  'NaN',
  "{'a':1}",
];

const CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'application/vnd.api+json',
  'json',
  ';',
];

const JUNK_HEADERS: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'content-type',
    'content-length',
    'accept',
    'accept-encoding',
    'authorization',
    'cookie',
    'x-csrf-token',
    'if-match',
    'if-none-match',
    'x-forwarded-for',
    'host',
    'accept-version',
    'content-encoding',
    'transfer-encoding',
    '__proto__',
    'constructor',
  ),
  fc.oneof(
    fc.constantFrom(
      '',
      '0',
      '999999999999',
      '-1',
      '*',
      'Bearer ',
      'Bearer junk',
      'Basic YTpi',
      'concord_session=junk',
      'concord_session=',
      'gzip',
      'chunked',
      'application/json',
      'text/plain',
      '"stale"',
      'W/"x"',
    ),
    fc.string({ maxLength: 40 }),
  ),
  { maxKeys: 3 },
);

type Mode = 'strict' | 'loose';

/** Strings fit for a header value (printable ASCII). */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** `encodeURIComponent`, which refuses lone surrogates: those become U+FFFD first. */
export function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}

/** A query or path value as text. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Arbitrary JSON values, for wrong types. */
const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

class SchemaArbitraries {
  constructor(private readonly options: FuzzOptions) {}

  private resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; current.$ref !== undefined && hops < 10; hops++) {
      const target = this.options.resolve?.(current.$ref);
      if (target === undefined) return {};
      current = target;
    }
    return current;
  }

  /**
   * A value for `schema`; `extraWords` come from the parameter's description,
   * `name` (of the parameter or field) picks the hints.
   */
  value(
    raw: JsonSchema,
    mode: Mode,
    depth = 0,
    extraWords: readonly string[] = [],
    name?: string,
  ): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const near = this.near(schema, mode, depth, extraWords, name);
    if (mode === 'strict') return near;
    return fc.oneof(
      { arbitrary: near, weight: 6 },
      { arbitrary: anyJson, weight: 1 },
      { arbitrary: fc.constantFrom<unknown>(null, true, 0, '', [], {}), weight: 1 },
    );
  }

  private near(
    schema: JsonSchema,
    mode: Mode,
    depth: number,
    extraWords: readonly string[],
    name: string | undefined,
  ): fc.Arbitrary<unknown> {
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices !== undefined && choices.length > 0)
      return fc.oneof(
        ...choices.map((choice) => this.value(choice, mode, depth + 1, extraWords, name)),
      );
    if (schema.allOf !== undefined && schema.allOf.length > 0)
      return this.value(mergeAll(schema.allOf.map((s) => this.resolve(s))), mode, depth);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum !== undefined && schema.enum.length > 0) {
      const values = fc.constantFrom(...schema.enum);
      return mode === 'strict'
        ? values
        : fc.oneof({ arbitrary: values, weight: 3 }, this.string(schema, mode, extraWords, name));
    }
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    const base = ((): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return this.string(schema, mode, extraWords, name);
        case 'integer':
        case 'number':
          return this.number(schema, mode, type === 'integer');
        case 'boolean':
          return mode === 'strict'
            ? fc.boolean()
            : fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 0, 1));
        case 'array':
          return this.array(schema, mode, depth);
        case 'object':
          return this.object(schema, mode, depth);
        case 'null':
          return fc.constant(null);
        default:
          return depth > 3 ? fc.constant(null) : anyJson;
      }
    })();
    return schema.nullable === true ? fc.option(base, { nil: null, freq: 8 }) : base;
  }

  string(
    schema: JsonSchema,
    mode: Mode,
    extraWords: readonly string[],
    name?: string,
  ): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 1_000;
    const fits = (text: string) => text.length >= min && text.length <= max;
    const words = this.options.dictionary.filter((w) => mode === 'loose' || fits(w));
    const lists = /comma-separated/i.test(schema.description ?? '');
    const pool = words.length > 0 ? fc.constantFrom(...words) : fc.constant('x');
    const arbitraries: fc.WeightedArbitrary<string>[] = [
      { arbitrary: pool, weight: 6 },
      {
        arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 30)) }),
        weight: 2,
      },
      {
        arbitrary: fc.string({
          unit: 'grapheme',
          minLength: min,
          maxLength: Math.max(min, Math.min(max, 12)),
        }),
        weight: 1,
      },
    ];
    const hints = [
      ...(name === undefined ? [] : (this.options.hints?.[name] ?? [])),
      ...extraWords,
    ];
    if (hints.length > 0)
      arbitraries.push({
        arbitrary: fc.constantFrom(...hints),
        weight: mode === 'strict' ? 40 : 12,
      });
    if (lists)
      arbitraries.push({
        arbitrary: fc
          .array(hints.length > 0 ? fc.constantFrom(...hints) : pool, {
            minLength: 1,
            maxLength: 4,
          })
          .map((parts) => parts.join(',')),
        weight: hints.length > 0 ? 20 : 3,
      });
    const edges = EDGE_STRINGS.filter((s) => mode === 'loose' || fits(s));
    if (edges.length > 0) arbitraries.push({ arbitrary: fc.constantFrom(...edges), weight: 2 });
    if (mode === 'strict') {
      arbitraries.push({
        arbitrary: fc.constantFrom(min, Math.min(max, 5_000)).map((n) => 'x'.repeat(n)),
        weight: 1,
      });
    } else {
      arbitraries.push(
        { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
        {
          arbitrary: fc
            .constantFrom(max + 1, max * 2 + 7, 100_000)
            .map((n) => 'é'.repeat(Math.min(n, 200_000))),
          weight: 1,
        },
      );
    }
    return fc.oneof(...arbitraries);
  }

  private number(schema: JsonSchema, mode: Mode, integer: boolean): fc.Arbitrary<unknown> {
    const min = schema.minimum ?? -1e9;
    const max = schema.maximum ?? 1e9;
    const inRange = integer
      ? fc.integer({
          min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
          max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
        })
      : fc.double({ min, max, noNaN: true });
    const edges = [min, max, 0, 1, integer ? 2 : 0.5].filter((n) => n >= min && n <= max);
    if (mode === 'strict')
      return fc.oneof(
        { arbitrary: inRange, weight: 3 },
        { arbitrary: fc.constantFrom(...edges), weight: 1 },
      );
    return fc.oneof(
      { arbitrary: inRange, weight: 3 },
      {
        arbitrary: fc.constantFrom(
          ...edges,
          min - 1,
          max + 1,
          -0,
          -1,
          0.5,
          1e308,
          -1e308,
          2 ** 53,
          2 ** 53 + 2,
          5e-324,
        ),
        weight: 2,
      },
      { arbitrary: fc.double(), weight: 1 },
      { arbitrary: inRange.map(String), weight: 1 },
    );
  }

  private array(schema: JsonSchema, mode: Mode, depth: number): fc.Arbitrary<unknown> {
    const items = schema.items;
    const minLength = schema.minItems ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
    if (depth > 5) return fc.constant(Array.from({ length: minLength }, () => null));
    if (Array.isArray(items))
      return fc.tuple(
        ...(items as readonly JsonSchema[]).map((item) => this.value(item, mode, depth + 1)),
      );
    const item = this.value((items as JsonSchema | undefined) ?? {}, mode, depth + 1);
    const sized = fc.array(item, { minLength, maxLength });
    return mode === 'strict'
      ? sized
      : fc.oneof(
          { arbitrary: sized, weight: 5 },
          { arbitrary: fc.array(item, { maxLength: (schema.maxItems ?? 4) + 2 }), weight: 1 },
        );
  }

  private object(schema: JsonSchema, mode: Mode, depth: number): fc.Arbitrary<unknown> {
    if (depth > 5) return fc.constant({});
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const value = this.value(property, mode, depth + 1, [], name);
      // Required fields are sometimes left out of loose objects; optional ones half of the time.
      const keep = required.has(name) ? (mode === 'strict' ? 1 : 0.9) : 0.5;
      return fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), value)
        .map(([dice, v]) => (dice < keep ? [[name, v] as const] : []));
    });
    const additional = schema.additionalProperties;
    const keys = fc.oneof(
      { arbitrary: fc.constantFrom(...this.options.dictionary, 'x'), weight: 4 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
      {
        arbitrary: fc.constantFrom(
          'constructor',
          'toString',
          'hasOwnProperty',
          'valueOf',
          '__proto__',
        ),
        weight: mode === 'strict' ? 0 : 1,
      },
    );
    const extra =
      typeof additional === 'object'
        ? fc.array(fc.tuple(keys, this.value(additional, mode, depth + 1)), { maxLength: 4 })
        : mode === 'loose'
          ? fc.oneof(
              { arbitrary: fc.constant([] as [string, unknown][]), weight: 4 },
              { arbitrary: fc.array(fc.tuple(keys, anyJson), { maxLength: 2 }), weight: 1 },
            )
          : fc.constant([] as [string, unknown][]);
    // Object.fromEntries defines own keys, so a "__proto__" key stays a key (and reaches the JSON).
    return fc
      .tuple(fc.tuple(...fields), extra)
      .map(([present, more]) =>
        Object.fromEntries([...(more as [string, unknown][]), ...present.flat()]),
      );
  }
}

function mergeAll(schemas: readonly JsonSchema[]): JsonSchema {
  return {
    ...Object.assign({}, ...schemas),
    properties: Object.assign({}, ...schemas.map((s) => s.properties ?? {})),
    required: schemas.flatMap((s) => s.required ?? []),
  };
}

/** Slug-like words of a parameter's description ("Comma-separated: meeting, visit…"). */
/** The examples a parameter's description lists after its colon ("Comma-separated: meeting, visit…", "A date: 2025-11-30, 2025-W48…"). */
function descriptionWords(text: string | undefined): string[] {
  const colon = text?.lastIndexOf(':') ?? -1;
  if (text === undefined || colon < 0) return [];
  return text
    .slice(colon + 1)
    .split(/,\s*|\s+or\s+/)
    .map((word) => word.trim().replace(/\.$/, ''))
    .filter((word) => word.length > 0 && !/\s/.test(word));
}

/** Requests for one operation of the document. */
export function requestArbitrary(
  path: string,
  method: string,
  operation: Operation,
  options: FuzzOptions,
): fc.Arbitrary<FuzzRequest> {
  const schemas = new SchemaArbitraries(options);
  const parameters = operation.parameters ?? [];
  const bodySchema = Object.entries(operation.requestBody?.content ?? {}).find(([type]) =>
    type.includes('json'),
  )?.[1].schema;
  const parameterValue = (p: Parameter, mode: Mode) =>
    schemas.value(
      { type: 'string', ...p.schema, description: p.description ?? p.schema?.description ?? '' },
      mode,
      0,
      descriptionWords(p.description),
      p.name,
    );

  const build = (mode: Mode) => {
    const pathValues = fc.tuple(
      ...parameters
        .filter((p) => p.in === 'path')
        .map((p) =>
          fc.tuple(
            fc.constant(p.name),
            mode === 'strict'
              ? parameterValue(p, mode).map((v) => encode(asText(v)))
              : fc.oneof(
                  { arbitrary: parameterValue(p, mode).map((v) => encode(asText(v))), weight: 5 },
                  {
                    arbitrary: fc.constantFrom('%ZZ', '%00', '%2F', '%2e%2e', '..', '%', '%C0%AF'),
                    weight: 1,
                  },
                ),
          ),
        ),
    );
    const query = fc.tuple(
      ...parameters
        .filter((p) => p.in === 'query')
        .map((p) =>
          fc
            .tuple(
              fc.double({ min: 0, max: 1, noNaN: true }),
              fc.array(parameterValue(p, mode), {
                minLength: 1,
                maxLength: mode === 'strict' ? 1 : 2,
              }),
            )
            .map(([dice, values]) =>
              dice < (p.required === true ? 0.95 : mode === 'strict' ? 0.35 : 0.5)
                ? values.map((v) => `${encode(p.name)}=${encode(asText(v))}`)
                : [],
            ),
        ),
    );
    const junkQuery =
      mode === 'strict'
        ? fc.constant('')
        : fc.oneof(
            { arbitrary: fc.constant(''), weight: 4 },
            {
              arbitrary: fc.constantFrom(
                '__proto__[polluted]=yes',
                'constructor[prototype][polluted]=yes',
                '__proto__=x',
                '%',
                '%%',
                '=',
                '&&&',
                'a[]=1&a[]=2',
                'x=%E0%A4%A',
                'x=%00',
                'limit=1&limit=2',
              ),
              weight: 1,
            },
            {
              arbitrary: fc.string({ maxLength: 30 }).map((s) => s.replace(/[#\s]/g, '')),
              weight: 1,
            },
          );
    const headers = fc.tuple(
      ...parameters
        .filter((p) => p.in === 'header')
        .map((p) =>
          fc
            .tuple(fc.boolean(), parameterValue(p, mode))
            .map(([present, v]) => (present ? [[p.name, headerSafe(asText(v))] as const] : [])),
        ),
    );
    const body =
      bodySchema !== undefined
        ? mode === 'strict'
          ? schemas.value(bodySchema, mode).map((v) => JSON.stringify(v))
          : fc.oneof(
              {
                arbitrary: schemas.value(bodySchema, mode).map((v) => JSON.stringify(v)),
                weight: 6,
              },
              { arbitrary: fc.constantFrom(...JUNK_BODIES), weight: 2 },
              { arbitrary: anyJson.map((v) => JSON.stringify(v)), weight: 1 },
              { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
            )
        : mode === 'strict'
          ? fc.constant(undefined)
          : fc.option(fc.constantFrom(...JUNK_BODIES), { freq: 3, nil: undefined });
    const contentType =
      mode === 'strict'
        ? fc.constant('application/json')
        : fc.oneof(
            { arbitrary: fc.constant('application/json'), weight: 6 },
            { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
          );
    return fc
      .record({
        caller: fc.constantFrom(...options.callers),
        pathValues,
        query,
        junkQuery,
        headers,
        extraHeaders:
          mode === 'strict'
            ? fc.constant({})
            : fc.option(JUNK_HEADERS, { freq: 3, nil: undefined }),
        body,
        contentType,
      })
      .map((r): FuzzRequest => {
        let url = path;
        for (const [name, value] of r.pathValues) url = url.replace(`{${name}}`, value);
        const pairs = [...r.query.flat(), ...(r.junkQuery === '' ? [] : [r.junkQuery])];
        if (pairs.length > 0) url += `?${pairs.join('&')}`;
        const headerPairs: Record<string, string> = Object.fromEntries(r.headers.flat());
        for (const [name, value] of Object.entries(r.extraHeaders ?? {}) as [string, string][])
          Object.defineProperty(headerPairs, name, {
            value: headerSafe(value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        if (r.body !== undefined && headerPairs['content-type'] === undefined)
          headerPairs['content-type'] = r.contentType;
        return {
          method: method.toUpperCase(),
          url,
          caller: r.caller,
          headers: headerPairs,
          ...(r.body === undefined ? {} : { payload: r.body }),
        };
      });
  };
  return fc.oneof(build('strict'), build('loose'));
}

/** Requests to paths the document does not have, or with junk in place of a segment. */
export function junkPathArbitrary(
  paths: readonly string[],
  callers: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const segment = fc.oneof(
    fc.constantFrom('x', '..', '.', '%2e', '%ZZ', '%00', '%2F', '', 'api', 'v1', 'v2', '~', '%FF'),
    fc.string({ maxLength: 12 }).map(encode),
    fc.constantFrom(300, 101).map((n) => 'a'.repeat(n)),
  );
  const fromDocument = fc
    .tuple(fc.constantFrom(...paths), segment, fc.nat())
    .map(([path, junk, index]) => {
      const parts = path.split('/');
      parts[1 + (index % (parts.length - 1))] = junk;
      return parts.join('/');
    });
  const random = fc.array(segment, { maxLength: 5 }).map((parts) => `/api/${parts.join('/')}`);
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    url: fc.oneof(fromDocument, random, fc.constantFrom('/', '//', '/api', '/api/v1/', '/%')),
    caller: fc.constantFrom(...callers),
    headers: fc.constant({ 'content-type': 'application/json' }),
    payload: fc.constantFrom('{}', '{"__proto__":{"polluted":"yes"}}', '[]'),
  });
}
