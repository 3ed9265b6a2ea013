import fc from 'fast-check';

// What a careless or hostile client sends in place of a valid value. Every kind of trouble the
// issue lists is one branch here, so a run covers each of them many times.

const MiB = 1024 * 1024;
/** Built once: generating ten mebibytes a thousand times would measure fast-check, not the system. */
const HUGE = { empty: '', tenMiB: 'x'.repeat(10 * MiB), sixMiB: 'y'.repeat(6 * MiB), long: 'z'.repeat(5000) };

const controlChar = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.integer({ min: 0x0e, max: 0x1f }),
  fc.constantFrom(0x0b, 0x0c, 0x7f, 0x85, 0x9f),
).map((c) => String.fromCharCode(c));
const bidiChar = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069');

const withInvisible = fc
  .tuple(fc.string({ maxLength: 20 }), fc.oneof(controlChar, bidiChar), fc.string({ maxLength: 20 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

const fragments = fc.constantFrom(
  "'; DROP TABLE party; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '\\u0000',
  '%00',
);

const malformedId = fc.oneof(
  fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', '00000000-0000-0000-0000-00000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
  fc.string({ maxLength: 40 }),
  fc.uuid().map((u) => `${u}x`),
  fc.uuid().map((u) => u.replace(/-/g, '')),
);
/** Well formed, but names nothing: NOT_FOUND, never a foreign-key 500. */
const unknownId = fc.uuid();

const badDate = fc.oneof(
  fc.constantFrom('2021-02-30', '2023-13-01', '2023-00-10', '2024-02-30', '0000-00-00', '99999-01-01', '-0001-01-01', '2024-1-1', '2024/01/01', '01-01-2024', 'today', ''),
  fc.constantFrom('2024-01-01T00:00:00Z', '1970-01-01', '9999-12-31', '0001-01-01', '2200-06-30'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const badNumber = fc.oneof(
  fc.constantFrom(-1, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, -0, 1e-9),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const wrongType = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** An object nested `depth` deep: a parser or walker that recurses without a bound falls over. */
const deepNesting = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});

const hugeString = fc.constantFrom(HUGE.empty, HUGE.long, HUGE.sixMiB, HUGE.tenMiB);

/** One bad value of any kind; the huge strings are rare so a thousand runs stay within minutes. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: withInvisible, weight: 6 },
  { arbitrary: fragments, weight: 3 },
  { arbitrary: malformedId, weight: 4 },
  { arbitrary: unknownId, weight: 3 },
  { arbitrary: badDate, weight: 4 },
  { arbitrary: badNumber, weight: 3 },
  { arbitrary: wrongType, weight: 3 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.string({ maxLength: 300 }), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
);
