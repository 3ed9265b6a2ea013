import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from "graphql";
import { startSystem, type RunningSystem } from "./system";
import {
  recordTopic,
  type RecordedMessage,
  type TopicRecording,
} from "./topic-recorder";
import { addDays } from "./calendar";

// A schema-driven input probe, as an outside client with ONLY the contract (../shared/contract) sends it.
// contract.graphql is parsed with graphql-js; every Query and Mutation field, every argument and every input field
// is enumerated and sent values that GraphQL's own type check lets through (or, for enums in the wrong case, must
// stop): empty / blank / 10,000-character strings, control characters, NUL, a lone surrogate, emoji, RTL, combining
// marks; ids that are not UUIDs, UUIDs of nothing, ids of the wrong kind of thing; negative and huge Ints; impossible
// and odd dates; enums in the wrong case; lists with duplicates or empty.
// What the contract promises (contract.graphql header, README §3): every refusal is a GraphQL error whose
// extensions.code is UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT or a named domain code, with a
// message a person can act on; a refused mutation changes nothing and publishes nothing; no answer is an internal
// error, a 5xx or a hang. What is accepted is stored as sent and read back exactly (names may be trimmed, consistently).

const CONTRACT_PATH = path.resolve(
  __dirname,
  "../../../../shared/contract/contract.graphql",
);
const SCHEMA = buildSchema(readFileSync(CONTRACT_PATH, "utf8"));
const DOMAIN_CODES = [
  "SRP_ALREADY_ASSESSED_THIS_YEAR",
  "NOMINATION_INELIGIBLE",
  "VOTER_NOT_ELIGIBLE",
  "ALREADY_VOTED",
  "IMPARTIALITY_NOT_DECLARED",
];
const CONTRACT_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  ...DOMAIN_CODES,
];
/** GraphQL's own refusal of a literal that is not a value of its enum (validation, before anything runs). */
const GRAPHQL_CODES = ["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"];
const TOPICS = [
  "sec.party-registry.v1",
  "sec.assessment-scheduling.v1",
  "sec.report-distribution.v1",
  "sec.ssc-membership.v1",
] as const;
const TODAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
}).format(new Date());
const LEAK =
  /internal server error|unexpected error|correlation id|\n\s+at .+:\d+|\bSELECT\b|\bINSERT\b|duplicate key|violates|invalid byte sequence|ECONNREFUSED|\bundefined\b|\[object Object\]|TypeError|RangeError/i;
const INT_MAX = 2_147_483_647;
const INT_MIN = -2_147_483_648;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Want = "refuse" | "any" | "accept";
/** One value sent in one place. */
interface Variant {
  label: string;
  value: unknown;
  want: Want;
  /** Codes that the refusal must carry (default: any contract code). */
  codes?: string[];
  /** The argument is sent as this literal in the document instead of a variable (enum in the wrong case). */
  literal?: string;
  /** A string that must read back as sent (or trimmed, for `padded`). */
  roundTrip?: boolean;
  /** Text of this run that no event may contain when the call is refused. */
  mark?: string;
}
interface Leaf {
  path: string[];
  type: GraphQLInputType;
}
type Kind =
  | "party"
  | "resource"
  | "engagement"
  | "assessment"
  | "document"
  | "election"
  | "nomination";
type Ref =
  | [kind: "party" | "assessment" | "document" | "election", id: string]
  | ["partyCount"]
  | ["seats"];
type Fx = Record<string, string>;

interface Plan {
  /** `Query.party`, `Mutation.registerParty`, `Party.domesticPremises` ... */
  field: string;
  /** The words after the field name in the test's name: rules and contract sections. */
  cites: string;
  /** A second plan for the same field (another role): a suffix for its label. */
  variant?: string;
  /** Who owns the operation (the role sent; SECAS_ADMIN is also sent every refused case where it is not the owner). */
  token: (fx: Fx) => Promise<string>;
  ownerIsAdmin: boolean;
  fixture?: () => Promise<Fx>;
  /** An accepted call uses up the fixture (a state changed): the next case gets a fresh one. */
  consumes?: boolean;
  vars: (fx: Fx, tag: string) => Data;
  refs?: (fx: Fx) => Ref[];
  /** Overrides of the generic expectation for one leaf (path joined by '.') and variant. */
  tune?: (leaf: string, v: Variant) => Partial<Variant> | undefined;
  readBack?: (
    vars: Data,
    answer: Data,
    v: Variant,
    leaf: string,
    fx: Fx,
  ) => Promise<string[]>;
  /** After an accepted call (before the next case): e.g. close the election it opened. */
  onAccepted?: (answer: Data, fx: Fx) => Promise<void>;
  /** Valid ids for ID leaves that the valid call leaves out (nullable ones). */
  ids?: (fx: Fx) => Record<string, string>;
  /** Values of the right kind that the rules still refuse (another party's assessment, a document not received...). */
  extra?: (fx: Fx) => Record<string, Variant[]>;
  /** For Party's own arguments: the document is built by hand. */
  document?: string;
  /** Leaves to probe in this plan (default: all). */
  only?: string[];
}

// ---- graphql-js helpers: enumerate, build documents, print literals ------------------------------------------------

const unwrapNonNull = (t: GraphQLInputType): GraphQLInputType =>
  isNonNullType(t) ? (t.ofType as GraphQLInputType) : t;
function leavesOf(
  args: ReadonlyArray<{ name: string; type: GraphQLInputType }>,
  prefix: string[] = [],
): Leaf[] {
  const out: Leaf[] = [];
  for (const a of args) {
    const inner = unwrapNonNull(a.type);
    if (isInputObjectType(inner))
      out.push(
        ...leavesOf(Object.values(inner.getFields()), [...prefix, a.name]),
      );
    else out.push({ path: [...prefix, a.name], type: a.type });
  }
  return out;
}
const rootField = (name: string): GraphQLField<unknown, unknown> => {
  const [type, field] = name.split(".") as [string, string];
  const t = SCHEMA.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  const f = t.getFields()[field];
  if (!f) throw new Error(`${name} is not in the contract`);
  return f;
};
/** The leaf (scalar and enum) fields of a return type that take no required argument: what a client selects first. */
const leafSelection = (type: GraphQLOutputType): string => {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named)) return "__typename";
  return Object.values(named.getFields())
    .filter(
      (f) =>
        isLeafType(getNamedType(f.type)) &&
        f.args.every((a) => !isNonNullType(a.type)),
    )
    .map((f) => f.name)
    .join(" ");
};
function printLiteral(
  value: unknown,
  type: GraphQLInputType,
  raw: { path: string[]; text: string },
  at: string[],
): string {
  if (raw.path.join(".") === at.join(".")) return raw.text;
  const t = unwrapNonNull(type);
  if (value === null || value === undefined) return "null";
  if (isListType(t))
    return `[${(value as unknown[]).map((v) => printLiteral(v, t.ofType as GraphQLInputType, raw, at)).join(", ")}]`;
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    return `{ ${Object.entries(value as Data)
      .filter(([, v]) => v !== undefined)
      .map(
        ([k, v]) =>
          `${k}: ${printLiteral(v, fields[k]!.type, raw, [...at, k])}`,
      )
      .join(", ")} }`;
  }
  if (isEnumType(t)) return String(value);
  return JSON.stringify(value);
}
/** The operation for a root field: every argument a variable, or one of them a literal. */
function operationFor(
  name: string,
  vars: Data,
  literalAt?: { path: string[]; text: string },
): { text: string; variables: Data } {
  const [type, fieldName] = name.split(".") as [string, string];
  const field = rootField(name);
  const inlined = literalAt?.path[0];
  const declared = field.args.filter((a) => a.name !== inlined);
  const decl =
    declared.length > 0
      ? `(${declared.map((a) => `$${a.name}: ${String(a.type)}`).join(", ")})`
      : "";
  const call =
    field.args.length > 0
      ? `(${field.args.map((a) => (a.name === inlined ? `${a.name}: ${printLiteral(vars[a.name], a.type, literalAt!, [a.name])}` : `${a.name}: $${a.name}`)).join(", ")})`
      : "";
  const selection = leafSelection(field.type);
  const variables = { ...vars };
  if (inlined) delete variables[inlined];
  return {
    text: `${type === "Mutation" ? "mutation" : "query"} Fuzz${decl} { ${fieldName}${call}${selection ? ` { ${selection} }` : ""} }`,
    variables,
  };
}
const getAt = (o: Data, p: string[]): unknown =>
  p.reduce<unknown>((x, k) => (x == null ? undefined : (x as Data)[k]), o);
function setAt(o: Data, p: string[], v: unknown): Data {
  const copy: Data = JSON.parse(JSON.stringify(o));
  let cur = copy;
  for (const k of p.slice(0, -1)) cur = cur[k] ??= {};
  if (v === undefined) delete cur[p[p.length - 1]!];
  else cur[p[p.length - 1]!] = v;
  return copy;
}
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 60)}…(${s.length} chars)` : s;
};

// ---- the values --------------------------------------------------------------------------------------------------

/** Not calendar dates of the contract's "YYYY-MM-DD": GraphQL's Date scalar must refuse them (BAD_USER_INPUT). */
const BAD_DATES = [
  "2025-02-29",
  "0000-01-01",
  "2025-1-1",
  "2025-13-01",
  "2024-04-31",
  "20250101",
  "2025-01-01T00:00:00Z",
  " 2025-01-01",
  "\uff12\uff10\uff12\uff15-\uff10\uff11-\uff10\uff11",
  "+002025-01-01",
  "2025-01-01\u0000",
  "",
];
/** Real dates at the edges: the rules decide (accepted or a contract refusal). */
const EDGE_DATES = ["2024-02-29", "1900-01-01", "9999-12-31"];
/** Ints whose range the contract fixes at >= 0 (premises, counts, page sizes). */
const NON_NEGATIVE = new Set([
  "domesticPremises",
  "count",
  "first",
  "otherUsersSharedPremises",
  "annualAssessmentsSinceLastFull",
]);
/** Variants with a test of their own (a defect met on every field would otherwise hide the rest). */
const SEPARATE = new Set([
  "lone surrogate",
  "empty assessmentId",
  "blank assessmentId",
]);
/** Names a person reads: surrounding blanks handled one way everywhere (plan label | leaf -> key). */
const NAME_FIELDS: Record<string, string> = {
  "Mutation.registerParty|input.name": "registerParty.name",
  "Mutation.registerSharedResource|input.name": "registerSharedResource.name",
  "Mutation.nominate|input.nomineeName": "nominate.nomineeName",
  "Mutation.issueDocument|input.title": "issueDocument.title",
};
/** Strings the contract limits (RegisterPartyInput.name: 1..200 characters). */
const MAX_200 = new Set(["RegisterPartyInput.name"]);

function variantsFor(
  leaf: Leaf,
  tag: string,
  validId: string | undefined,
  wrongKinds: Array<[Kind, string]>,
  inputTypeName: string | undefined,
): Variant[] {
  const named = getNamedType(leaf.type);
  const nonNull = isNonNullType(leaf.type);
  const last = leaf.path[leaf.path.length - 1]!;
  const typed = `${inputTypeName ?? ""}.${last}`;
  const list = isListType(unwrapNonNull(leaf.type));
  if (list && isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return [
      { label: "empty list", value: [], want: "any" },
      {
        label: "duplicates",
        value: [values[0], values[0], values[1], values[0]],
        want: "any",
      },
      { label: "every value", value: values, want: "any" },
      {
        label: "wrong case element (variable)",
        value: [values[0]!.toLowerCase()],
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
      {
        label: "wrong case element (literal)",
        value: undefined,
        literal: `[${values[0]!.toLowerCase()}]`,
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
    ];
  }
  if (isEnumType(named)) {
    const v0 = named.getValues()[0]!.name;
    const title = v0.charAt(0) + v0.slice(1).toLowerCase();
    return [
      {
        label: "lower case (variable)",
        value: v0.toLowerCase(),
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
      {
        label: "title case (variable)",
        value: title,
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
      {
        label: "trailing blank (variable)",
        value: `${v0} `,
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
      {
        label: "lower case (literal)",
        value: undefined,
        literal: v0.toLowerCase(),
        want: "refuse",
        codes: GRAPHQL_CODES,
      },
    ];
  }
  switch (named.name) {
    case "String": {
      const longWant: Want = MAX_200.has(typed) ? "refuse" : "any";
      const blank: Want = nonNull ? "refuse" : "any";
      // Names and texts are people's words: emoji, right-to-left scripts and combining marks are characters like any other.
      const readable: Want = "accept";
      return [
        { label: "empty", value: "", want: blank },
        { label: "whitespace only", value: " \t\n\u00a0\u2003 ", want: blank },
        {
          label: "10,000 characters",
          value: `Long ${tag} ${"x".repeat(10_000 - tag.length - 6)}`,
          want: longWant,
          roundTrip: true,
          mark: `Long ${tag}`,
        },
        {
          label: "control characters",
          value: `Ctl ${tag} \u0001\u0007\u001b[31m\u007f\u0085 end`,
          want: "any",
          roundTrip: true,
          mark: `Ctl ${tag}`,
        },
        {
          label: "NUL",
          value: `Nul ${tag} \u0000 end`,
          want: "any",
          roundTrip: true,
          mark: `Nul ${tag}`,
        },
        {
          label: "lone surrogate",
          value: `Half ${tag} \ud83d end`,
          want: "any",
          roundTrip: true,
          mark: `Half ${tag}`,
        },
        {
          label: "emoji",
          value: `Emoji ${tag} \u{1F6E1}\uFE0F \u{1F469}\u{1F3FD}\u200D\u{1F4BB} \u{1F1EC}\u{1F1E7}`,
          want: readable,
          roundTrip: true,
          mark: `Emoji ${tag}`,
        },
        {
          label: "RTL",
          value: `RTL ${tag} \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627`,
          want: readable,
          roundTrip: true,
          mark: `RTL ${tag}`,
        },
        {
          label: "bidi override",
          value: `Bidi ${tag} \u202eevil\u202c`,
          want: "any",
          roundTrip: true,
          mark: `Bidi ${tag}`,
        },
        {
          label: "combining marks",
          value: `Combining ${tag} e\u0301 n\u0303 Z\u0351\u0352\u0353\u0354`,
          want: readable,
          roundTrip: true,
          mark: `Combining ${tag}`,
        },
        {
          label: "padded",
          value: `  Padded ${tag}  `,
          want: "any",
          roundTrip: true,
          mark: `Padded ${tag}`,
        },
      ];
    }
    case "ID": {
      const ghost = randomUUID();
      const out: Variant[] = [
        { label: "not a UUID", value: "not-a-uuid", want: "refuse" },
        { label: "empty", value: "", want: "refuse" },
        { label: "blank", value: "   ", want: "refuse" },
        { label: "UUID of nothing", value: ghost, want: "refuse", mark: ghost },
        {
          label: "nil UUID",
          value: "00000000-0000-0000-0000-000000000000",
          want: "refuse",
        },
        {
          label: "10,000 characters",
          value: "f".repeat(10_000),
          want: "refuse",
        },
        { label: "SQL-ish", value: "' OR '1'='1", want: "refuse" },
      ];
      if (validId) {
        out.push(
          {
            label: "valid id + NUL",
            value: `${validId}\u0000`,
            want: "refuse",
          },
          {
            label: "valid id upper case",
            value: validId.toUpperCase(),
            want: "any",
          },
          { label: "valid id padded", value: ` ${validId} `, want: "any" },
        );
      }
      for (const [kind, id] of wrongKinds)
        out.push({ label: `id of a ${kind}`, value: id, want: "refuse" });
      return out;
    }
    case "Int": {
      const nonNeg = NON_NEGATIVE.has(last);
      return [
        { label: "-1", value: -1, want: nonNeg ? "refuse" : "any" },
        { label: "-2^31", value: INT_MIN, want: nonNeg ? "refuse" : "any" },
        { label: "0", value: 0, want: nonNeg ? "accept" : "any" },
        { label: "2^31-1", value: INT_MAX, want: "any" },
        { label: "1e9", value: 1_000_000_000, want: "any" },
      ];
    }
    case "Float":
      return [0.1, -0, 1e308, Number.MIN_VALUE].map((value) => ({
        label: `Float ${value}`,
        value,
        want: "any" as Want,
      }));
    case "Date":
      return [
        ...BAD_DATES.map((d): Variant => ({
          label: `date ${show(d)}`,
          value: d,
          want: "refuse",
          codes: ["BAD_USER_INPUT"],
        })),
        ...EDGE_DATES.map((d): Variant => ({
          label: `date ${d}`,
          value: d,
          want: "any",
        })),
      ];
    case "Boolean":
      return []; // GraphQL's own type check catches everything that is not true / false / null
    default:
      throw new Error(
        `no value class for ${named.name} (${leaf.path.join(".")})`,
      );
  }
}
/** The kind of thing an ID argument names, from its name (and for `id`, from the field). */
function kindOf(field: string, leafName: string): Kind {
  const n = leafName.toLowerCase();
  if (n === "id") return field.split(".")[1]!.toLowerCase() as Kind;
  if (n.endsWith("partyid")) return "party";
  if (n === "sharedresourceid") return "resource";
  if (n === "engagementid") return "engagement";
  if (n === "assessmentid") return "assessment";
  if (n === "documentid") return "document";
  if (n === "electionid") return "election";
  if (n.endsWith("nominationid")) return "nomination";
  throw new Error(`unknown id kind ${field} ${leafName}`);
}

// ---- the spec ----------------------------------------------------------------------------------------------------

describe("contract only: schema-driven input probe of every Query / Mutation argument (contract.graphql header, README §3)", () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString("hex");
  const recordings: Record<string, TopicRecording> = {};
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  let seq = 0;
  const tagOf = (): string => `${run}n${++seq}`;
  /** Accepted calls of each mutation (fixtures included): the topics must carry exactly what they committed. */
  const accepted: Record<string, number> = {};
  /** Marks of refused calls: no event may contain them. */
  const refusedMarks: Array<{ mark: string; label: string }> = [];
  /** Name handling per string field, for the consistency check. */
  const padding: Record<string, string> = {};
  const codeLog: Record<string, Record<string, number>> = {};
  const stringLog: Record<string, string[]> = {};

  interface Answer {
    status: number;
    body?: Data;
    raw: string;
    hang?: boolean;
  }
  const send = async (
    token: string,
    query: string,
    variables: Data = {},
  ): Promise<Answer> => {
    try {
      const response = await fetch(system.gatewayUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const raw = await response.text();
      let body: Data | undefined;
      try {
        body = JSON.parse(raw) as Data;
      } catch {
        body = undefined;
      }
      const m = /^\s*mutation\b[^{]*\{\s*(\w+)/.exec(query);
      if (m && body?.data?.[m[1]!] && !body.errors) {
        accepted[m[1]!] = (accepted[m[1]!] ?? 0) + 1;
      }
      return { status: response.status, body, raw };
    } catch (error) {
      return { status: 0, raw: String(error), hang: true };
    }
  };
  const ok = async (
    token: string,
    query: string,
    variables: Data = {},
  ): Promise<Data> => {
    const r = await send(token, query, variables);
    if (!r.body || r.body.errors || !r.body.data)
      throw new Error(
        `${query.slice(0, 60)}: ${r.status} ${r.raw.slice(0, 300)}`,
      );
    return r.body.data as Data;
  };
  /** The refusal says what to fix: it names the field (in its message or extensions.field). */
  const namesField = (error: Data, field: string): boolean =>
    String(error.message).toLowerCase().includes(field.toLowerCase()) ||
    String(error.extensions?.field ?? "")
      .split(".")
      .includes(field);
  const codeOf = (r: Answer): string | undefined =>
    r.body?.errors?.[0]?.extensions?.code as string | undefined;
  const settle = (ms: number): Promise<void> =>
    new Promise((r) => setTimeout(r, ms));
  const waitFor = async <T>(
    probe: () => Promise<T | undefined | false> | T | undefined | false,
    what: string,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await settle(200);
    }
  };
  const allEvents = (): RecordedMessage[] =>
    Object.values(recordings).flatMap((r) => [...r.messages]);

  const M = {
    registerParty: `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`,
    registerSharedResource: `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`,
    engageSharedResource: `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`,
    scheduleAssessment: `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`,
    completeFieldwork: `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`,
    setAssuranceStatus: `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on) { id } }`,
    issueDocument: `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`,
    openElection: `mutation($k: SscSeatKind!, $o: Date!, $c: Date!) { openElection(seatKind: $k, opensOn: $o, closesOn: $c) { id } }`,
    closeElection: `mutation($e: ID!) { closeElection(electionId: $e) { id state winner { id } } }`,
    nominate: `mutation($input: NominationInput!) { nominate(input: $input) { id } }`,
  };

  // ---- fixture steps (all through `send`, so that every committed change is counted) ----
  const party = async (
    label: string,
    userRoles: string[],
    premises?: number,
  ): Promise<string> =>
    (
      await ok(t.admin!, M.registerParty, {
        input: {
          name: `${label} ${tagOf()}`,
          userRoles,
          ...(premises === undefined
            ? {}
            : {
                domesticPremises: premises,
                premisesEffectiveFrom: "2020-01-01",
              }),
        },
      })
    ).registerParty.id;
  const resource = async (
    provider: string,
    scope = "WHOLE_USER_SYSTEM",
  ): Promise<string> =>
    (
      await ok(t.admin!, M.registerSharedResource, {
        input: {
          name: `Fuzz hub ${tagOf()}`,
          scope,
          providerPartyId: provider,
          availableFrom: "2020-01-01",
        },
      })
    ).registerSharedResource.id;
  const engage = async (
    user: string,
    res: string,
    startDate = "2024-02-01",
  ): Promise<string> =>
    (
      await ok(t.admin!, M.engageSharedResource, {
        input: { userPartyId: user, sharedResourceId: res, startDate },
      })
    ).engageSharedResource.id;
  const schedule = async (
    partyId: string,
    determinationDate = "2024-01-10",
    scheduledFor = "2024-02-01",
  ): Promise<string> =>
    (
      await waitFor(async () => {
        const r = await send(t.admin!, M.scheduleAssessment, {
          input: { partyId, determinationDate, scheduledFor },
        });
        if (codeOf(r) === "NOT_FOUND") return undefined;
        if (!r.body?.data?.scheduleAssessment)
          throw new Error(`schedule: ${r.raw.slice(0, 300)}`);
        return r.body.data as Data;
      }, `party ${partyId} known to assessment-scheduling`)
    ).scheduleAssessment.id;
  const complete = async (a: string, on = "2024-03-01"): Promise<void> =>
    void (await ok(t.cio!, M.completeFieldwork, { id: a, on }));
  const status = async (
    a: string,
    s: string,
    on = "2024-04-01",
  ): Promise<void> =>
    void (await ok(t.ssc!, M.setAssuranceStatus, { id: a, s, on }));
  const issue = async (
    subject: string,
    assessmentId: string,
  ): Promise<string> =>
    (
      await ok(t.cio!, M.issueDocument, {
        input: {
          subjectPartyId: subject,
          assessmentId,
          kind: "ASSESSMENT_REPORT",
          title: `Fuzz fixture report ${tagOf()}`,
          content: `Fixture ${run}`,
        },
      })
    ).issueDocument.id;
  const partyToken = (p: string): Promise<string> =>
    system.token("PARTY_USER", p);
  /** Providers made in beforeAll (so every service knows them before they nominate or vote). */
  const providerPool: string[] = [];
  const provider = (): string => {
    const p = providerPool.shift();
    if (!p) throw new Error("provider pool exhausted");
    return p;
  };
  const nominate = async (
    electionId: string,
    nominator: string,
    nomineeName = `Fuzz nominee ${tagOf()}`,
  ): Promise<string> =>
    (
      await ok(await partyToken(nominator), M.nominate, {
        input: {
          electionId,
          nomineeName,
          nominatingPartyId: nominator,
          nominatorName: "Chief Executive",
          nominatorHoldsSeniorPosition: true,
          securityExpertiseConfirmed: true,
          bs7858ScreeningCompleted: true,
        },
      })
    ).nominate.id;
  /** The open SRP election (one at a time): E of beforeAll until closed, then a new one with a nominee. */
  let openSrp: Promise<Fx> | undefined;
  const srpElection = (): Promise<Fx> =>
    (openSrp ??= (async () => {
      const e = (
        await ok(t.admin!, M.openElection, {
          k: "SHARED_RESOURCE_PROVIDER",
          o: TODAY,
          c: addDays(TODAY, 30),
        })
      ).openElection.id as string;
      const nominator = provider();
      return {
        election: e,
        nomination: await nominate(e, nominator),
        nominator,
      };
    })());
  const closedSrp = async (): Promise<Fx> => {
    const fx = await srpElection();
    openSrp = undefined;
    const closed = (await ok(t.admin!, M.closeElection, { e: fx.election }))
      .closeElection;
    return { election: fx.election, winner: closed.winner?.id };
  };

  // ---- snapshots: what a refused call could have touched, read back as SECAS (oversight) ----
  const PARTY_STATE = `query($id: ID!) { party(id: $id) { id name userRoles isSharedResourceProvider domesticPremises(asOf: "2099-12-31")
    engagementsAsUser { id startDate endDate } engagementsAsProvider { id startDate endDate }
    assessments { id type state calendarYear scheduledFor scheduledOn fieldworkCompletedOn assuranceStatus assuranceStatusSetOn directedBySsc }
    documentsReceived { id } } }`;
  const snapshotOf = async (refs: Ref[]): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (const ref of refs) {
      if (ref[0] === "party")
        out.push((await ok(t.admin!, PARTY_STATE, { id: ref[1] })).party);
      else if (ref[0] === "assessment")
        out.push(
          (
            await ok(
              t.admin!,
              `query($id: ID!) { assessment(id: $id) { id state scheduledFor fieldworkCompletedOn assuranceStatus assuranceStatusSetOn directedBySsc } }`,
              { id: ref[1] },
            )
          ).assessment,
        );
      else if (ref[0] === "document")
        out.push(
          (
            await ok(
              t.admin!,
              `query($id: ID!) { document(id: $id) { id title issuedOn sha256 recipients { party { id } acknowledgedAt issuedInError } } }`,
              { id: ref[1] },
            )
          ).document,
        );
      else if (ref[0] === "election")
        out.push(
          (
            await ok(
              t.admin!,
              `query($id: ID!) { election(id: $id) { id state opensOn closesOn candidates { id nomineeName approvedBySsc } winner { id } } }`,
              { id: ref[1] },
            )
          ).election,
        );
      else if (ref[0] === "partyCount")
        out.push(
          (
            (await ok(t.admin!, `{ parties(first: 500) { id } }`))
              .parties as Data[]
          ).length,
        );
      else
        out.push(
          (
            await ok(
              t.admin!,
              `{ sscSeats { kind count members { id name } } }`,
            )
          ).sscSeats,
        );
    }
    return out;
  };

  /** A string read back: exactly as sent, or (for `padded` only) trimmed; records which. */
  const sameString = (
    field: string,
    sent: unknown,
    got: unknown,
    v: Variant,
  ): string[] => {
    if (typeof sent !== "string") return [];
    if (got === sent) {
      if (v.label === "padded") padding[field] = "kept";
      return [];
    }
    if (v.label === "padded" && got === sent.trim()) {
      padding[field] = "trimmed";
      return [];
    }
    return [
      `${field} ${v.label}: accepted ${show(sent)} but reads back ${show(got)}`,
    ];
  };

  // ---- the plans: one per contract field (and per owning role) ----
  const WRONG_KINDS = (): Record<Kind, string> => ({
    party: id.u!,
    resource: id.res!,
    engagement: id.eng!,
    assessment: id.xp!,
    document: id.doc!,
    election: id.election!,
    nomination: id.nomination!,
  });
  const admin = async (): Promise<string> => t.admin!;
  const plans: Plan[] = [
    // ---- Query
    {
      field: "Query.party",
      cites:
        "(R-DIST-4: an unknown id is null, like one the caller may not see)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.p }),
    },
    {
      field: "Query.parties",
      cites: "(first >= 0, after a cursor)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ first: 5 }),
      tune: (leaf) => (leaf === "after" ? { want: "any" } : undefined),
    },
    {
      field: "Query.requiredAssessment",
      cites:
        "(RequirementInput; R-PREM-2, R-PREM-3, R-MATRIX-3: cyclePosition 1..3)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({
        input: {
          userRoles: ["GAS_SUPPLIER"],
          domesticPremises: 1_000,
          determinationDate: "2024-01-10",
        },
      }),
      readBack: async (_vars, a, v, leaf) => {
        const problems: string[] = [];
        if (![1, 2, 3].includes(a.cyclePosition))
          problems.push(`${leaf} ${v.label}: cyclePosition ${a.cyclePosition}`);
        if (a.premisesUsed < 0)
          problems.push(`${leaf} ${v.label}: premisesUsed ${a.premisesUsed}`);
        if (new Set(a.coveredCategories).size !== a.coveredCategories.length)
          problems.push(
            `${leaf} ${v.label}: coveredCategories with duplicates ${show(a.coveredCategories)}`,
          );
        return problems;
      },
    },
    {
      field: "Query.assessment",
      cites: "(an unknown id is null)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.xp }),
    },
    {
      field: "Query.assessmentLoad",
      cites: "(R-IMPACT-1: total = user + provider assessments)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ year: 2024, ruleSet: "SECMP0044" }),
      readBack: async (_vars, a, v, leaf) =>
        a.total === a.userAssessments + a.providerAssessments && a.total >= 0
          ? []
          : [
              `${leaf} ${v.label}: total ${a.total} user ${a.userAssessments} provider ${a.providerAssessments}`,
            ],
    },
    {
      field: "Query.document",
      cites: "(R-DIST-4: absent like one that does not exist)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.doc }),
    },
    {
      field: "Query.sscSeats",
      cites: "(R-SSC-1)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({}),
    },
    {
      field: "Query.election",
      cites: "(an unknown id is null)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.election }),
    },
    {
      field: "Party.domesticPremises",
      cites: "(asOf: Date, R-PREM-2)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.u, asOf: TODAY }),
      document: `query Fuzz($id: ID!, $asOf: Date) { party(id: $id) { id domesticPremises(asOf: $asOf) } }`,
      only: ["asOf"],
    },
    {
      field: "Party.nextAssessment",
      cites: "(asOf: Date, R-PREM-2, R-MATRIX-6)",
      token: admin,
      ownerIsAdmin: true,
      vars: () => ({ id: id.u, asOf: TODAY }),
      document: `query Fuzz($id: ID!, $asOf: Date) { party(id: $id) { id nextAssessment(asOf: $asOf) { type cyclePosition premisesUsed } } }`,
      only: ["asOf"],
    },
    // ---- Mutation: party-registry
    {
      field: "Mutation.registerParty",
      cites:
        "(RegisterPartyInput: name 1..200 unique, premises >= 0; R-PARTY-1, R-PREM-1)",
      token: admin,
      ownerIsAdmin: true,
      vars: (_fx, tag) => ({
        input: {
          name: `Fuzz party ${tag}`,
          userRoles: ["OTHER_USER"],
          domesticPremises: 10,
          premisesEffectiveFrom: "2021-01-01",
        },
      }),
      refs: () => [["partyCount"]],
      readBack: async (vars, a, v, leaf) => {
        const read = (
          await ok(
            t.admin!,
            `query($id: ID!) { party(id: $id) { name userRoles domesticPremises(asOf: "9999-12-31") } }`,
            { id: a.id },
          )
        ).party;
        const problems =
          leaf === "input.name"
            ? sameString("registerParty.name", vars.input.name, read.name, v)
            : [];
        const roles = vars.input.userRoles as string[];
        if (new Set(read.userRoles).size !== read.userRoles.length)
          problems.push(
            `${leaf} ${v.label}: userRoles read back with duplicates ${show(read.userRoles)}`,
          );
        if (
          [...new Set(roles)].sort().join() !==
          [...new Set(read.userRoles as string[])].sort().join()
        )
          problems.push(
            `${leaf} ${v.label}: userRoles ${show(roles)} read back ${show(read.userRoles)}`,
          );
        if (
          vars.input.domesticPremises != null &&
          read.domesticPremises !== vars.input.domesticPremises
        )
          problems.push(
            `${leaf} ${v.label}: premises ${vars.input.domesticPremises} read back ${read.domesticPremises}`,
          );
        return problems;
      },
    },
    {
      field: "Mutation.recordDomesticPremises",
      cites:
        "(R-PREM-1: a dated count, never overwritten; count >= 0, 0 is a real count R-PREM-2)",
      token: admin,
      ownerIsAdmin: true,
      fixture: async () => ({
        party: await party("Fuzz counted", ["OTHER_USER"]),
      }),
      vars: (fx) => ({
        partyId: fx.party,
        count: 5,
        effectiveFrom: addDays("2010-01-01", seq++),
      }),
      refs: (fx) => [["party", fx.party!]],
      readBack: async (vars, _a, v, leaf, fx) => {
        const read = (
          await ok(
            t.admin!,
            `query($id: ID!, $d: Date) { party(id: $id) { domesticPremises(asOf: $d) } }`,
            { id: fx.party, d: vars.effectiveFrom },
          )
        ).party;
        return read?.domesticPremises === vars.count
          ? []
          : [
              `${leaf} ${v.label}: count ${vars.count} from ${vars.effectiveFrom} reads back ${show(read)}`,
            ];
      },
    },
    {
      field: "Mutation.registerSharedResource",
      cites:
        "(RegisterSharedResourceInput; R-SRP-2, R-SRP-3: provider must be a registered party)",
      token: admin,
      ownerIsAdmin: true,
      fixture: async () => ({
        provider: await party("Fuzz part provider", []),
      }),
      vars: (fx, tag) => ({
        input: {
          name: `Fuzz hub ${tag}`,
          scope: "PART_OF_USER_SYSTEM",
          providerPartyId: fx.provider,
          availableFrom: "2021-01-01",
        },
      }),
      refs: (fx) => [["party", fx.provider!]],
      readBack: async (vars, a, v, leaf) =>
        leaf === "input.name"
          ? sameString(
              "registerSharedResource.name",
              vars.input.name,
              a.name,
              v,
            )
          : [],
    },
    {
      field: "Mutation.engageSharedResource",
      cites: "(EngageSharedResourceInput; R-SRP-2, R-SRP-7)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => ({
        user: await party("Fuzz engaging user", ["GAS_SUPPLIER"], 1_000),
      }),
      vars: (fx) => ({
        input: {
          userPartyId: fx.user,
          sharedResourceId: id.res,
          startDate: "2024-06-03",
        },
      }),
      refs: (fx) => [
        ["party", fx.user!],
        ["party", id.p!],
      ],
    },
    {
      field: "Mutation.endEngagement",
      cites:
        "(R-SRP-7, R-DIST-7: no end before a document issued to that user)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => {
        const user = await party("Fuzz ending user", ["OTHER_USER"], 10);
        return { user, engagement: await engage(user, id.res!, "2024-02-01") };
      },
      vars: (fx) => ({
        engagementId: fx.engagement,
        endDate: addDays(TODAY, 1),
      }),
      refs: (fx) => [["party", fx.user!]],
    },
    // ---- Mutation: assessment-scheduling
    {
      field: "Mutation.scheduleAssessment",
      cites: "(ScheduleAssessmentInput; R-MATRIX-6, R-SRP-5)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => ({
        party: await party("Fuzz scheduled", ["OTHER_USER"], 50),
      }),
      vars: (fx) => ({
        input: {
          partyId: fx.party,
          determinationDate: "2024-01-10",
          scheduledFor: "2024-02-01",
        },
      }),
      refs: (fx) => [["party", fx.party!]],
    },
    {
      field: "Mutation.completeFieldwork",
      cites: "(USER_CIO; R-SCHED-3)",
      token: async () => t.cio!,
      ownerIsAdmin: false,
      consumes: true,
      fixture: async () => {
        const p = await party("Fuzz fieldwork", ["OTHER_USER"], 50);
        return { party: p, assessment: await schedule(p) };
      },
      vars: (fx) => ({
        assessmentId: fx.assessment,
        completedOn: "2024-03-01",
      }),
      refs: (fx) => [["assessment", fx.assessment!]],
    },
    {
      field: "Mutation.setAssuranceStatus",
      cites:
        "(SSC_MEMBER; R-STATUS-1: APPROVED_SUBJECT_TO with conditions, R-SCHED-1)",
      token: async () => t.ssc!,
      ownerIsAdmin: false,
      consumes: true,
      fixture: async () => {
        const p = await party("Fuzz status", ["OTHER_USER"], 50);
        const a = await schedule(p);
        await complete(a);
        return { party: p, assessment: a };
      },
      vars: (fx) => ({
        assessmentId: fx.assessment,
        status: "APPROVED_SUBJECT_TO",
        setOn: "2024-04-01",
        conditions: "Patch the firewall by June",
      }),
      refs: (fx) => [["assessment", fx.assessment!]],
    },
    ...(["requestFollowUp", "directFullAssessment"] as const).map(
      (m): Plan => ({
        field: `Mutation.${m}`,
        cites:
          m === "requestFollowUp"
            ? "(SSC_MEMBER; R-STATUS-1: after DEFERRED / REJECTED)"
            : "(SSC_MEMBER; R-STATUS-2)",
        token: async () => t.ssc!,
        ownerIsAdmin: false,
        consumes: true,
        fixture: async () => {
          const p = await party(`Fuzz ${m}`, ["OTHER_USER"], 50);
          const a = await schedule(p);
          await complete(a);
          await status(a, "DEFERRED");
          return { party: p, assessment: a };
        },
        vars: (fx, tag) => ({
          partyId: fx.party,
          reason: `Fuzz reason ${tag}`,
          scheduledFor: addDays(TODAY, 30),
        }),
        refs: (fx) => [["party", fx.party!]],
      }),
    ),
    {
      field: "Mutation.cancelAssessment",
      cites: "(SECAS_ADMIN; R-STATUS-2: with a reason)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => {
        const p = await party("Fuzz cancelled", ["OTHER_USER"], 50);
        return { party: p, assessment: await schedule(p) };
      },
      vars: (fx, tag) => ({
        assessmentId: fx.assessment,
        reason: `Fuzz cancel ${tag}`,
      }),
      refs: (fx) => [["assessment", fx.assessment!]],
    },
    // ---- Mutation: report-distribution
    {
      field: "Mutation.issueDocument",
      cites:
        "(USER_CIO, ASSESSMENT_REPORT; IssueDocumentInput; R-DIST-1, R-DIST-2: issuedOn only today)",
      token: async () => t.cio!,
      ownerIsAdmin: false,
      vars: (_fx, tag) => ({
        input: {
          subjectPartyId: id.p,
          assessmentId: id.xp,
          kind: "ASSESSMENT_REPORT",
          title: `Fuzz report ${tag}`,
          content: `Fuzz content ${tag}`,
        },
      }),
      refs: () => [
        ["party", id.p!],
        ["party", id.u!],
      ],
      tune: (leaf, v) =>
        leaf === "input.issuedOn" && EDGE_DATES.includes(v.value as string)
          ? { want: "refuse", codes: ["BAD_USER_INPUT"] }
          : leaf === "input.assessmentId" &&
              ["empty", "blank"].includes(v.label)
            ? { label: `${v.label} assessmentId` }
            : undefined,
      extra: () => ({
        "input.assessmentId": [
          {
            label: "another party's assessment",
            value: id.xu2,
            want: "refuse",
          },
        ],
      }),
      readBack: async (vars, a, v, leaf) =>
        readDocument("issueDocument", vars, a, v, leaf),
    },
    {
      field: "Mutation.issueDocument",
      variant: " (PARTY_USER, MANAGEMENT_RESPONSE about its own party)",
      cites:
        "(contract §2: a party issues MANAGEMENT_RESPONSE about itself; R-DIST-1)",
      token: async () => t.p!,
      ownerIsAdmin: false,
      vars: (_fx, tag) => ({
        input: {
          subjectPartyId: id.p,
          assessmentId: id.xp,
          kind: "MANAGEMENT_RESPONSE",
          title: `Fuzz response ${tag}`,
          content: `Fuzz response content ${tag}`,
        },
      }),
      refs: () => [
        ["party", id.p!],
        ["party", id.u!],
      ],
      only: [
        "input.subjectPartyId",
        "input.assessmentId",
        "input.title",
        "input.content",
      ],
      tune: (leaf, v) =>
        leaf === "input.assessmentId" && ["empty", "blank"].includes(v.label)
          ? { label: `${v.label} assessmentId` }
          : undefined,
      extra: () => ({
        "input.subjectPartyId": [
          {
            label: "another party (its user U)",
            value: id.u,
            want: "refuse",
            codes: ["FORBIDDEN"],
          },
        ],
        "input.assessmentId": [
          {
            label: "another party's assessment",
            value: id.xu2,
            want: "refuse",
          },
        ],
      }),
      readBack: async (vars, a, v, leaf) =>
        readDocument("issueDocument(party)", vars, a, v, leaf),
    },
    {
      field: "Mutation.acknowledgeDocument",
      cites: "(PARTY_USER, its own copy; R-DIST-3, R-DIST-4)",
      token: async () => t.u!,
      ownerIsAdmin: false,
      vars: () => ({ documentId: id.doc }),
      refs: () => [["document", id.doc!]],
      tune: (_leaf, v) =>
        v.label === "UUID of nothing" ? { codes: ["NOT_FOUND"] } : undefined,
      // R-DIST-4: a document U does not receive is absent exactly like one that does not exist.
      extra: () => ({
        documentId: [
          {
            label: "a document U does not receive",
            value: id.docU2,
            want: "refuse",
            codes: ["NOT_FOUND"],
          },
        ],
      }),
    },
    {
      field: "Mutation.markCopyIssuedInError",
      cites: "(SECAS_ADMIN; R-DIST-7: a reason, the copy kept)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => ({ document: await issue(id.p!, id.xp!) }),
      vars: (fx, tag) => ({
        documentId: fx.document,
        partyId: id.u,
        reason: `Fuzz mark ${tag}`,
      }),
      refs: (fx) => [["document", fx.document!]],
      extra: () => ({
        partyId: [
          {
            label: "a party holding no copy",
            value: id.u2,
            want: "refuse",
            codes: ["NOT_FOUND"],
          },
        ],
      }),
    },
    // ---- Mutation: ssc-membership
    {
      field: "Mutation.nominate",
      cites: "(PARTY_USER for its own party; NominationInput; R-SSC-2)",
      token: async (fx) => partyToken(fx.nominator!),
      ownerIsAdmin: false,
      consumes: true,
      fixture: async () => ({
        nominator: provider(),
        election: (await srpElection()).election!,
      }),
      vars: (fx, tag) => ({
        input: {
          electionId: fx.election,
          nomineeName: `Fuzz nominee ${tag}`,
          nominatingPartyId: fx.nominator,
          nominatorName: `Chief Executive ${tag}`,
          nominatorHoldsSeniorPosition: true,
          securityExpertiseConfirmed: true,
          bs7858ScreeningCompleted: true,
        },
      }),
      refs: (fx) => [["election", fx.election!]],
      extra: () => ({
        "input.nominatingPartyId": [
          {
            label: "another party",
            value: id.u,
            want: "refuse",
            codes: ["FORBIDDEN"],
          },
        ],
      }),
      readBack: async (vars, a, v, leaf) => {
        if (leaf !== "input.nomineeName") return [];
        const e = (
          await ok(
            t.admin!,
            `query($id: ID!) { election(id: $id) { candidates { id nomineeName } } }`,
            { id: vars.input.electionId },
          )
        ).election;
        const c = (e.candidates as Data[]).find((x) => x.id === a.id);
        return [
          ...sameString(
            "nominate.nomineeName",
            vars.input.nomineeName,
            c?.nomineeName,
            v,
          ),
          ...(a.nomineeName === c?.nomineeName
            ? []
            : [
                `nominate ${v.label}: answered ${show(a.nomineeName)}, election reads ${show(c?.nomineeName)}`,
              ]),
        ];
      },
    },
    {
      field: "Mutation.castVote",
      cites: "(PARTY_USER for its own party; R-SSC-3: one vote each)",
      token: async (fx) => partyToken(fx.voter!),
      ownerIsAdmin: false,
      consumes: true,
      fixture: async () => {
        const e = await srpElection();
        return {
          voter: provider(),
          election: e.election!,
          nomination: e.nomination!,
        };
      },
      vars: (fx) => ({
        electionId: fx.election,
        nominationId: fx.nomination,
        voterPartyId: fx.voter,
      }),
      refs: (fx) => [["election", fx.election!]],
      extra: () => ({
        voterPartyId: [
          {
            label: "another eligible provider",
            value: id.p,
            want: "refuse",
            codes: ["FORBIDDEN"],
          },
        ],
      }),
    },
    {
      field: "Mutation.closeElection",
      cites: "(SECAS_ADMIN; R-SSC-3: casting vote only for a candidate)",
      token: admin,
      ownerIsAdmin: true,
      consumes: true,
      fixture: async () => {
        const e = await srpElection();
        return { election: e.election!, nomination: e.nomination! };
      },
      vars: (fx) => ({ electionId: fx.election }),
      refs: (fx) => [["election", fx.election!]],
      ids: (fx) => ({ castingVoteNominationId: fx.nomination! }),
      extra: () => ({
        castingVoteNominationId: [
          {
            label: "a nomination of another election",
            value: id.nomination,
            want: "refuse",
          },
        ],
      }),
      onAccepted: async () => {
        openSrp = undefined;
      },
    },
    {
      field: "Mutation.appointMember",
      cites: "(SSC_MEMBER; R-SSC-4: impartiality declared)",
      token: async () => t.ssc!,
      ownerIsAdmin: false,
      consumes: true,
      fixture: async () => closedSrp(),
      vars: (fx) => ({ electionId: fx.election, impartialityDeclared: true }),
      refs: (fx) => [["election", fx.election!], ["seats"]],
    },
    {
      field: "Mutation.openElection",
      cites: "(SECAS_ADMIN; R-SSC-1, R-SSC-3)",
      token: admin,
      ownerIsAdmin: true,
      // Only the SRP seat is elected (BAD_USER_INPUT names R-SSC-3 for any other kind): opened once none is open.
      fixture: async () => ({ seatKind: "SHARED_RESOURCE_PROVIDER" }),
      vars: (fx) => ({
        seatKind: fx.seatKind,
        opensOn: TODAY,
        closesOn: addDays(TODAY, 30),
      }),
      onAccepted: async (a) =>
        void (await ok(t.admin!, M.closeElection, { e: a.id })),
    },
  ];
  async function readDocument(
    field: string,
    vars: Data,
    a: Data,
    v: Variant,
    leaf: string,
  ): Promise<string[]> {
    const read = (
      await ok(
        t.admin!,
        `query($id: ID!) { document(id: $id) { title content sha256 issuedOn assessmentId } }`,
        { id: a.id },
      )
    ).document;
    const problems: string[] = [];
    const sentAssessment = vars.input.assessmentId as string | undefined;
    if (
      typeof sentAssessment === "string" &&
      read.assessmentId?.toLowerCase() !== sentAssessment.trim().toLowerCase()
    )
      problems.push(
        `${field} ${leaf} ${v.label}: assessmentId ${show(sentAssessment)} stored as ${show(read.assessmentId)}`,
      );
    if (leaf === "input.title")
      problems.push(
        ...sameString(`${field}.title`, vars.input.title, read.title, v),
      );
    if (leaf === "input.content")
      problems.push(
        ...sameString(`${field}.content`, vars.input.content, read.content, v),
      );
    if (
      read.sha256 !==
      createHash("sha256").update(read.content, "utf8").digest("hex")
    )
      problems.push(
        `${field} ${leaf} ${v.label}: sha256 ${read.sha256} is not the hash of the content read back`,
      );
    if (read.issuedOn !== TODAY)
      problems.push(
        `${field} ${leaf} ${v.label}: issuedOn ${read.issuedOn}, not today ${TODAY} (R-DIST-2)`,
      );
    return problems;
  }

  beforeAll(async () => {
    system = await startSystem({ ownTopics: true });
    for (const topic of TOPICS)
      recordings[topic] = await recordTopic(
        system.topic(topic),
        `co-fuzz-${topic}-${run}`,
      );
    t.admin = await system.token("SECAS_ADMIN");
    t.ssc = await system.token("SSC_MEMBER");
    t.cio = await system.token("USER_CIO");
    // P: a provider (no User Role) of RES since 2020; U uses it since 2024-02-01; XP: P's assessment; DOC: P's report.
    id.p = await party("Fuzz provider", []);
    id.u = await party("Fuzz user", ["GAS_SUPPLIER"], 10_000);
    id.u2 = await party("Fuzz outsider", ["OTHER_USER"], 20);
    id.res = await resource(id.p);
    id.eng = await engage(id.u, id.res);
    id.xp = await schedule(id.p, "2024-03-01", "2024-03-02");
    id.xu2 = await schedule(id.u2, "2024-03-01", "2024-03-02");
    id.doc = await issue(id.p, id.xp);
    id.docU2 = (
      await ok(t.cio!, M.issueDocument, {
        input: {
          subjectPartyId: id.u2,
          assessmentId: id.xu2,
          kind: "ASSESSMENT_REPORT",
          title: `Fuzz U2 report ${run}`,
          content: "U2 only",
        },
      })
    ).issueDocument.id;
    t.p = await partyToken(id.p);
    t.u = await partyToken(id.u);
    for (let i = 0; i < 48; i++) {
      const p = await party("Fuzz pool provider", []);
      await resource(p);
      providerPool.push(p);
    }
    const e = await srpElection();
    id.election = e.election!;
    id.nomination = e.nomination!;
    // Every fixture event has arrived (the pool's last resource is the last thing registered).
    await recordings["sec.party-registry.v1"]!.waitFor(
      (ms) =>
        ms.some(
          (m) => m.event.subject === providerPool[providerPool.length - 1],
        ) || undefined,
    );
    await recordings["sec.ssc-membership.v1"]!.waitFor(
      (ms) =>
        ms.some((m) => m.event.type === "NominationAccepted") || undefined,
    );
  }, 180_000);
  afterAll(async () => {
    for (const rec of Object.values(recordings)) await rec.stop();
    await system?.stop();
  });

  it("contract.graphql parsed with graphql-js: every Query and Mutation field, argument and input field has a probe and a value class (no Float in the contract)", () => {
    const fields = [
      ...Object.keys(SCHEMA.getQueryType()!.getFields()).map(
        (f) => `Query.${f}`,
      ),
      ...Object.keys(SCHEMA.getMutationType()!.getFields()).map(
        (f) => `Mutation.${f}`,
      ),
    ];
    expect(fields.filter((f) => !plans.some((p) => p.field === f))).toEqual([]);
    const leafTypes = new Set<string>();
    for (const f of fields)
      for (const l of leavesOf(rootField(f).args))
        leafTypes.add(getNamedType(l.type).name);
    // Every named type an argument can take has a value class (variantsFor throws otherwise).
    for (const f of fields)
      for (const l of leavesOf(rootField(f).args))
        variantsFor(
          l,
          "x",
          isNonNullType(l.type) && getNamedType(l.type).name === "ID"
            ? randomUUID()
            : undefined,
          [],
          undefined,
        );
    expect([...leafTypes].sort()).toEqual(
      expect.arrayContaining(["Boolean", "Date", "ID", "Int", "String"]),
    );
    expect(leafTypes.has("Float")).toBe(false);
    expect(fields).toHaveLength(27);
  });

  /** Sends every variant of every leaf of a plan; returns one line per answer outside the contract. */
  async function probe(
    plan: Plan,
    keep: (v: Variant, leaf: string) => boolean = (v) => !SEPARATE.has(v.label),
  ): Promise<string[]> {
    const problems: string[] = [];
    const field = plan.field.startsWith("Party.")
      ? rootField("Query.party")
      : rootField(plan.field);
    const isMutation = plan.field.startsWith("Mutation.");
    const args = plan.field.startsWith("Party.")
      ? rootField(plan.field).args
      : field.args;
    const leaves = leavesOf(args).filter(
      (l) => !plan.only || plan.only.includes(l.path.join(".")),
    );
    let fx: Fx = plan.fixture ? await plan.fixture() : {};
    let before = plan.refs ? await snapshotOf(plan.refs(fx)) : [];
    const fresh = async (): Promise<void> => {
      if (plan.consumes && plan.fixture) fx = await plan.fixture();
      if (plan.refs) before = await snapshotOf(plan.refs(fx));
    };
    const resultOf = (body: Data | undefined): Data | null | undefined => {
      if (!body?.data) return undefined;
      if (plan.field.startsWith("Party.")) return body.data.party;
      return body.data[plan.field.split(".")[1]!];
    };
    const label = `${plan.field}${plan.variant ?? ""}`;
    const log = (codeOrOk: string): void => {
      codeLog[label] ??= {};
      codeLog[label]![codeOrOk] = (codeLog[label]![codeOrOk] ?? 0) + 1;
    };
    // The valid call itself is accepted (else nothing below would test the input).
    {
      const vars = plan.vars(fx, tagOf());
      const { text, variables } = plan.document
        ? { text: plan.document, variables: vars }
        : operationFor(plan.field, vars);
      const r = await send(await plan.token(fx), text, variables);
      if (!resultOf(r.body) || r.body?.errors)
        throw new Error(
          `${label}: the valid call is refused: ${r.status} ${r.raw.slice(0, 400)}`,
        );
      if (isMutation) await plan.onAccepted?.(resultOf(r.body)!, fx);
      await fresh();
    }
    for (const leaf of leaves) {
      const leafName = leaf.path.join(".");
      const named = getNamedType(leaf.type);
      const parentType =
        leaf.path.length > 1
          ? String(
              getNamedType(args.find((a) => a.name === leaf.path[0])!.type),
            )
          : undefined;
      let kind: Kind | undefined;
      let validId: string | undefined;
      let wrong: Array<[Kind, string]> = [];
      if (named.name === "ID") {
        kind = kindOf(plan.field, leaf.path[leaf.path.length - 1]!);
        validId =
          (getAt(plan.vars(fx, "probe"), leaf.path) as string | undefined) ??
          plan.ids?.(fx)[leafName] ??
          WRONG_KINDS()[kind];
        wrong = Object.entries(WRONG_KINDS()).filter(
          ([k]) => k !== kind,
        ) as Array<[Kind, string]>;
      }
      for (const base of [
        ...variantsFor(leaf, tagOf(), validId, wrong, parentType),
        ...(plan.extra?.(fx)[leafName] ?? []),
      ]) {
        const v: Variant = { ...base, ...(plan.tune?.(leafName, base) ?? {}) };
        if (!keep(v, leafName)) continue;
        const tag = tagOf();
        const vars = v.literal
          ? plan.vars(fx, tag)
          : setAt(plan.vars(fx, tag), leaf.path, v.value);
        if (v.literal && getAt(vars, leaf.path) === undefined)
          Object.assign(vars, setAt(vars, leaf.path, "PLACEHOLDER"));
        const { text, variables } = plan.document
          ? { text: plan.document, variables: vars }
          : operationFor(
              plan.field,
              vars,
              v.literal ? { path: leaf.path, text: v.literal } : undefined,
            );
        const where = `${label} ${leafName} ${v.label}`;
        const r = await send(await plan.token(fx), text, variables);
        const errors = (r.body?.errors ?? []) as Data[];
        const result = resultOf(r.body);
        const allowed =
          v.literal || v.codes === GRAPHQL_CODES
            ? [...CONTRACT_CODES, ...GRAPHQL_CODES]
            : CONTRACT_CODES;
        const got = `${r.status} ${errors[0]?.extensions?.code ?? "(no error)"}: ${String(errors[0]?.message ?? show(result)).slice(0, 200)}`;
        log(errors.length > 0 ? String(errors[0]?.extensions?.code) : "OK");
        if (named.name === "String")
          (stringLog[`${label} ${leafName}`] ??= []).push(
            `${v.label}=${errors.length > 0 ? String(errors[0]?.extensions?.code) : "OK"}`,
          );
        if (r.hang) {
          problems.push(
            `${where}: no answer within 30 s (${r.raw.slice(0, 100)})`,
          );
          continue;
        }
        if (r.status >= 500 || !r.body) {
          problems.push(`${where}: HTTP ${r.status} ${r.raw.slice(0, 200)}`);
          continue;
        }
        if (errors.length > 0) {
          const bad = errors.find(
            (e) => !allowed.includes(e.extensions?.code as string),
          );
          if (bad)
            problems.push(
              `${where}: code outside the contract: ${r.status} ${bad.extensions?.code}: ${String(bad.message).slice(0, 200)}`,
            );
          else if (
            v.codes &&
            !v.codes.includes(errors[0]!.extensions?.code as string)
          )
            problems.push(
              `${where}: expected ${v.codes.join("|")}, got ${got}`,
            );
          else if (
            typeof errors[0]!.message !== "string" ||
            errors[0]!.message.trim().length < 12 ||
            LEAK.test(errors[0]!.message)
          )
            problems.push(`${where}: message not actionable: ${got}`);
          else if (
            errors[0]!.extensions?.code === "BAD_USER_INPUT" &&
            !v.literal &&
            !namesField(errors[0]!, leaf.path[leaf.path.length - 1]!)
          )
            problems.push(
              `${where}: BAD_USER_INPUT does not say which field: ${got}`,
            );
          if (result)
            problems.push(
              `${where}: refused with data ${show(result)} (${got})`,
            );
          if (v.want === "accept")
            problems.push(`${where}: must be accepted, got ${got}`);
          if (isMutation && v.mark)
            refusedMarks.push({ mark: v.mark, label: where });
          if (v.label === "padded" && NAME_FIELDS[`${label}|${leafName}`])
            padding[NAME_FIELDS[`${label}|${leafName}`]!] = "refused";
          // No partial write: what the call could have touched reads back as before.
          if (isMutation && plan.refs) {
            const after = await snapshotOf(plan.refs(fx));
            if (JSON.stringify(after) !== JSON.stringify(before))
              problems.push(
                `${where}: refused (${got}) but state changed: ${show(before)} -> ${show(after)}`,
              );
          }
          // The administrator sees the same refusal (or FORBIDDEN), never an internal error.
          if (!plan.ownerIsAdmin) {
            const ra = await send(t.admin!, text, variables);
            const ca = codeOf(ra);
            if (ra.status >= 500 || ra.hang || !ra.body)
              problems.push(
                `${where} as SECAS_ADMIN: HTTP ${ra.status} ${ra.raw.slice(0, 200)}`,
              );
            else if (!ca)
              problems.push(
                `${where} as SECAS_ADMIN: accepted what the owner was refused (${got})`,
              );
            else if (![...allowed].includes(ca))
              problems.push(
                `${where} as SECAS_ADMIN: code outside the contract: ${ca}: ${ra.body.errors[0].message}`,
              );
          }
          continue;
        }
        // Accepted.
        if (
          !isMutation &&
          v.want === "refuse" &&
          (named.name === "ID" ? result !== null : true)
        ) {
          // A query answering null for an id of nothing is the contract's "absent".
          if (named.name !== "ID" || result)
            problems.push(
              `${where}: answered ${show(result)} for ${show(v.value ?? v.literal)}, expected a refusal${named.name === "ID" ? " or null" : ""}`,
            );
        } else if (isMutation && v.want === "refuse")
          problems.push(
            `${where}: accepted ${show(v.value ?? v.literal)} (${show(result)})`,
          );
        if (result && plan.readBack)
          problems.push(
            ...(await plan.readBack(vars, result, v, leafName, fx)),
          );
        if (isMutation && result) {
          await plan.onAccepted?.(result, fx);
          await fresh();
        }
      }
    }
    return problems;
  }

  const probeTimeout = 150_000;
  for (const plan of plans.filter((p) => p.field !== "Party.nextAssessment")) {
    const name = `${plan.field}${plan.variant ?? ""} ${plan.cites}: every argument / input field given empty, blank, long, control, NUL, unicode, wrong-kind ids, edge Ints, bad dates, wrong-case enums, odd lists: contract codes only, no 5xx / hang, no partial write, accepted strings read back as sent`;
    it(
      name,
      async () => {
        expect(await probe(plan)).toEqual([]);
      },
      probeTimeout,
    );
  }

  it(
    'Party.nextAssessment(asOf: Date) (R-PREM-2; contract: null means "needs none"): an impossible date is BAD_USER_INPUT with no answer for the field, never a null that reads as "needs no assessment"',
    async () => {
      expect(
        await probe(plans.find((p) => p.field === "Party.nextAssessment")!),
      ).toEqual([]);
    },
    probeTimeout,
  );

  it(
    'contract header: a String argument holding a lone surrogate (JSON "\\ud83d") is BAD_USER_INPUT or stored exactly, on every String argument / input field of every mutation; never INTERNAL_SERVER_ERROR',
    async () => {
      const hasString = (p: Plan): boolean =>
        p.field.startsWith("Mutation.") &&
        leavesOf(rootField(p.field).args).some(
          (l) =>
            getNamedType(l.type).name === "String" &&
            (!p.only || p.only.includes(l.path.join("."))),
        );
      const problems: string[] = [];
      for (const plan of plans.filter(hasString))
        problems.push(
          ...(await probe(plan, (v) => v.label === "lone surrogate")),
        );
      expect(problems).toEqual([]);
    },
    probeTimeout,
  );

  it(
    'IssueDocumentInput.assessmentId "" / "   " (R-DIST-1: a document about an assessment) is refused like any id of nothing, not issued with no assessment; as USER_CIO and as PARTY_USER',
    async () => {
      const problems: string[] = [];
      for (const plan of plans.filter(
        (p) => p.field === "Mutation.issueDocument",
      ))
        problems.push(
          ...(await probe(plan, (v) =>
            /^(empty|blank) assessmentId$/.test(v.label),
          )),
        );
      expect(problems).toEqual([]);
    },
    probeTimeout,
  );

  it("RegisterPartyInput.name, RegisterSharedResourceInput.name, NominationInput.nomineeName, IssueDocumentInput.title: surrounding blanks are handled one way (kept or trimmed) everywhere; a trimmed party name stays unique", async () => {
    const seen = Object.fromEntries(
      Object.entries(padding).filter(([k]) =>
        Object.values(NAME_FIELDS).includes(k),
      ),
    );
    expect(Object.keys(seen).length).toBeGreaterThan(0);
    expect(new Set(Object.values(seen)).size).toBe(1);
    // Whatever the policy, two parties may not end up with the same stored name.
    const tag = tagOf();
    const padded = await send(t.admin!, M.registerParty, {
      input: { name: `  Same ${tag}  `, userRoles: [] },
    });
    const plain = await send(t.admin!, M.registerParty, {
      input: { name: `Same ${tag}`, userRoles: [] },
    });
    const names = await Promise.all(
      [padded, plain]
        .filter((r) => r.body?.data?.registerParty)
        .map(
          async (r) =>
            (
              await ok(
                t.admin!,
                `query($id: ID!) { party(id: $id) { name } }`,
                { id: r.body!.data!.registerParty.id },
              )
            ).party.name,
        ),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(
      [padded, plain].every(
        (r) =>
          r.body?.data?.registerParty ||
          CONTRACT_CODES.includes(codeOf(r) ?? ""),
      ),
    ).toBe(true);
  });

  it("Int edges (R-PREM-1, R-PREM-2, R-SET-2, R-SRP-5): a count of 2^31-1 is BAD_USER_INPUT naming the bound; two users at the largest count a person may give make every aggregate read answer (no Int overflow, no INTERNAL_SERVER_ERROR)", async () => {
    const refused = await send(t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, { input: { name: "Fuzz too many premises", userRoles: ["IMPORT_SUPPLIER"], domesticPremises: INT_MAX } });
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    expect(refused.body?.errors?.[0]?.message).toMatch(/domesticPremises.*0 to 50,000,000/);
    const prov = await party("Fuzz huge provider", []);
    const res = await resource(prov);
    const users = [
      await party("Fuzz huge user", ["IMPORT_SUPPLIER"], 50_000_000),
      await party("Fuzz huge user", ["IMPORT_SUPPLIER"], 50_000_000),
    ];
    for (const u of users) await engage(u, res, "2024-02-01");
    const problems: string[] = [];
    for (const [who, q, v] of [
      [
        "provider nextAssessment",
        `query($id: ID!) { party(id: $id) { nextAssessment { type premisesUsed premisesKnown } } }`,
        { id: prov },
      ],
      [
        "user nextAssessment",
        `query($id: ID!) { party(id: $id) { nextAssessment { type premisesUsed } } }`,
        { id: users[0] },
      ],
      [
        "assessmentLoad LEGACY",
        `{ assessmentLoad(year: 2017, ruleSet: LEGACY) { total userAssessments providerAssessments } }`,
        {},
      ],
      [
        "assessmentLoad SECMP0044",
        `{ assessmentLoad(year: ${new Date().getFullYear()}, ruleSet: SECMP0044) { total userAssessments providerAssessments } }`,
        {},
      ],
      [
        "requiredAssessment LEGACY own + others 2^31-1",
        `query($i: RequirementInput!) { requiredAssessment(input: $i) { type premisesUsed } }`,
        {
          i: {
            userRoles: ["GAS_TRANSPORTER"],
            domesticPremises: INT_MAX,
            otherUsersSharedPremises: INT_MAX,
            annualAssessmentsSinceLastFull: 1,
            ruleSet: "LEGACY",
            determinationDate: "2017-05-01",
          },
        },
      ],
      [
        "requiredAssessment SRP 2^31-1",
        `query($i: RequirementInput!) { requiredAssessment(input: $i) { type premisesUsed cyclePosition } }`,
        {
          i: {
            userRoles: [],
            isSharedResourceProvider: true,
            domesticPremises: INT_MAX,
            annualAssessmentsSinceLastFull: INT_MAX,
          },
        },
      ],
    ] as Array<[string, string, Data]>) {
      const r = await send(t.admin!, q, v);
      const c = codeOf(r);
      if (r.status >= 500 || r.hang || !r.body)
        problems.push(`${who}: HTTP ${r.status} ${r.raw.slice(0, 200)}`);
      else if (c && !CONTRACT_CODES.includes(c))
        problems.push(`${who}: ${c}: ${r.body.errors[0].message}`);
      else if (!c && JSON.stringify(r.body.data).includes("-"))
        problems.push(
          `${who}: a negative number in ${JSON.stringify(r.body.data)}`,
        );
    }
    expect(problems).toEqual([]);
  }, 60_000);

  describe("the same valid mutation sent twice at once: one result plus a refusal where a second one (sent after) is refused, two where it is accepted; never a 5xx", () => {
    interface Pair {
      mutation: string;
      token: () => Promise<string>;
      vars: () => Promise<Data>;
      /** The contract makes it unique (must be one result plus a refusal): the rule that does. */
      unique?: string;
    }
    const pairs: Pair[] = [
      {
        mutation: "registerParty",
        unique: "RegisterPartyInput.name unique",
        token: admin,
        vars: async () => ({
          input: { name: `Twice ${tagOf()}`, userRoles: ["OTHER_USER"] },
        }),
      },
      {
        mutation: "recordDomesticPremises",
        token: admin,
        vars: async () => ({
          partyId: await party("Twice counted", ["OTHER_USER"]),
          count: 7,
          effectiveFrom: "2023-05-01",
        }),
      },
      {
        mutation: "registerSharedResource",
        token: admin,
        vars: async () => ({
          input: {
            name: `Twice hub ${tagOf()}`,
            scope: "WHOLE_USER_SYSTEM",
            providerPartyId: await party("Twice provider", []),
            availableFrom: "2021-01-01",
          },
        }),
      },
      {
        mutation: "engageSharedResource",
        token: admin,
        vars: async () => ({
          input: {
            userPartyId: await party("Twice user", ["GAS_SUPPLIER"], 5),
            sharedResourceId: id.res,
            startDate: "2024-06-03",
          },
        }),
      },
      {
        mutation: "endEngagement",
        token: admin,
        vars: async () => ({
          engagementId: await engage(
            await party("Twice ending", ["OTHER_USER"], 5),
            id.res!,
            "2024-02-01",
          ),
          endDate: addDays(TODAY, 2),
        }),
      },
      {
        mutation: "scheduleAssessment",
        token: admin,
        vars: async () => ({
          input: {
            partyId: await party("Twice scheduled", ["OTHER_USER"], 5),
            determinationDate: "2024-01-10",
            scheduledFor: "2024-02-01",
          },
        }),
      },
      {
        mutation: "scheduleAssessment",
        token: admin,
        unique:
          "R-SRP-5: one annual assessment of a provider per calendar year",
        vars: async () => {
          const p = await party("Twice provider scheduled", []);
          await resource(p);
          return {
            input: {
              partyId: p,
              determinationDate: TODAY,
              scheduledFor: addDays(TODAY, 10),
            },
          };
        },
      },
      {
        mutation: "completeFieldwork",
        token: async () => t.cio!,
        vars: async () => ({
          assessmentId: await schedule(
            await party("Twice fieldwork", ["OTHER_USER"], 5),
          ),
          completedOn: "2024-03-01",
        }),
      },
      {
        mutation: "setAssuranceStatus",
        token: async () => t.ssc!,
        vars: async () => {
          const a = await schedule(
            await party("Twice status", ["OTHER_USER"], 5),
          );
          await complete(a);
          return { assessmentId: a, status: "APPROVED", setOn: "2024-04-01" };
        },
      },
      ...(["requestFollowUp", "directFullAssessment"] as const).map(
        (m): Pair => ({
          mutation: m,
          token: async () => t.ssc!,
          vars: async () => {
            const p = await party(`Twice ${m}`, ["OTHER_USER"], 5);
            const a = await schedule(p);
            await complete(a);
            await status(a, "DEFERRED");
            return {
              partyId: p,
              reason: `Twice ${m}`,
              scheduledFor: addDays(TODAY, 30),
            };
          },
        }),
      ),
      {
        mutation: "cancelAssessment",
        token: admin,
        vars: async () => ({
          assessmentId: await schedule(
            await party("Twice cancelled", ["OTHER_USER"], 5),
          ),
          reason: "Booked in error",
        }),
      },
      {
        mutation: "issueDocument",
        token: async () => t.cio!,
        vars: async () => ({
          input: {
            subjectPartyId: id.p,
            assessmentId: id.xp,
            kind: "ASSESSMENT_REPORT",
            title: `Twice ${tagOf()}`,
            content: "twice",
          },
        }),
      },
      {
        mutation: "acknowledgeDocument",
        token: async () => t.u!,
        vars: async () => ({ documentId: await issue(id.p!, id.xp!) }),
      },
      {
        mutation: "markCopyIssuedInError",
        token: admin,
        vars: async () => ({
          documentId: await issue(id.p!, id.xp!),
          partyId: id.u,
          reason: "Sent twice",
        }),
      },
      {
        mutation: "nominate",
        token: async () => partyToken(pairNominator),
        vars: async () => {
          pairNominator = provider();
          return {
            input: {
              electionId: (await srpElection()).election,
              nomineeName: `Twice nominee ${tagOf()}`,
              nominatingPartyId: pairNominator,
              nominatorName: "Chief Executive",
              nominatorHoldsSeniorPosition: true,
              securityExpertiseConfirmed: true,
              bs7858ScreeningCompleted: true,
            },
          };
        },
      },
      {
        mutation: "castVote",
        token: async () => partyToken(pairVoter),
        vars: async () => {
          pairVoter = provider();
          const e = await srpElection();
          return {
            electionId: e.election,
            nominationId: e.nomination,
            voterPartyId: pairVoter,
          };
        },
      },
      {
        mutation: "closeElection",
        token: admin,
        vars: async () => ({ electionId: (await srpElection()).election }),
      },
      {
        mutation: "appointMember",
        token: async () => t.ssc!,
        vars: async () => ({
          electionId: (await closedSrp()).election,
          impartialityDeclared: true,
        }),
      },
      // Last: none is open now (R-SSC-1: one SRP election at a time).
      {
        mutation: "openElection",
        token: admin,
        vars: async () => ({
          seatKind: "SHARED_RESOURCE_PROVIDER",
          opensOn: TODAY,
          closesOn: addDays(TODAY, 20),
        }),
      },
    ];
    let pairNominator = "";
    let pairVoter = "";

    it("every contract mutation has a pair (schema-driven: Mutation fields of contract.graphql)", () => {
      expect(
        Object.keys(SCHEMA.getMutationType()!.getFields()).filter(
          (m) => !pairs.some((p) => p.mutation === m),
        ),
      ).toEqual([]);
    });

    for (const pair of pairs) {
      it(`Mutation.${pair.mutation}${pair.unique ? ` (${pair.unique})` : ""}: two at once agree with one sent after`, async () => {
        const vars = await pair.vars();
        const token = await pair.token();
        const { text } = operationFor(`Mutation.${pair.mutation}`, vars);
        const [a, b] = await Promise.all([
          send(token, text, vars),
          send(token, text, vars),
        ]);
        if (pair.mutation === "closeElection") openSrp = undefined;
        const third = await send(token, text, vars);
        const outcome = (r: Answer): string =>
          r.hang
            ? "HANG"
            : r.status >= 500 || !r.body
              ? `HTTP ${r.status}`
              : (codeOf(r) ?? "OK");
        const outcomes = [outcome(a), outcome(b)].sort();
        const problems: string[] = [];
        for (const r of [a, b, third]) {
          const c = outcome(r);
          if (c !== "OK" && !CONTRACT_CODES.includes(c))
            problems.push(`${c}: ${r.raw.slice(0, 200)}`);
        }
        const oks = outcomes.filter((o) => o === "OK").length;
        if (oks === 0)
          problems.push(
            `neither of two valid calls was accepted: ${outcomes.join(", ")} (${a.raw.slice(0, 200)})`,
          );
        if (pair.unique && oks !== 1)
          problems.push(`unique by the contract, yet ${oks} results`);
        // A second call made after the first is refused: then at once only one may win (no lost update, no duplicate).
        if (outcome(third) !== "OK" && oks === 2)
          problems.push(
            `two results at once, but the same call after them is ${outcome(third)}: ${third.body?.errors?.[0]?.message}`,
          );
        if (oks === 2 && pair.mutation === "acknowledgeDocument") {
          if (
            a.body!.data!.acknowledgeDocument.acknowledgedAt !==
            b.body!.data!.acknowledgeDocument.acknowledgedAt
          )
            problems.push(
              "two acknowledgements of one copy with different instants",
            );
        }
        expect({ outcomes, third: outcome(third), problems }).toEqual({
          outcomes,
          third: outcome(third),
          problems: [],
        });
      }, 60_000);
    }
  });

  it("README §3: the topics carry exactly the committed changes: one event per accepted call of each mutation, and no event mentions a refused value or an id of nothing", async () => {
    const oneToOne: Array<[string, string]> = [
      ["PartyRegistered", "registerParty"],
      ["SharedResourceRegistered", "registerSharedResource"],
      ["EngagementStarted", "engageSharedResource"],
      ["EngagementEnded", "endEngagement"],
      ["FieldworkCompleted", "completeFieldwork"],
      ["AssuranceStatusSet", "setAssuranceStatus"],
      ["ElectionOpened", "openElection"],
      ["NominationAccepted", "nominate"],
      ["VoteCast", "castVote"],
      ["ElectionClosed", "closeElection"],
      ["MemberAppointed", "appointMember"],
    ];
    const count = (type: string): number =>
      allEvents().filter((m) => m.event.type === type).length;
    const expected = (m: string): number => accepted[m] ?? 0;
    await waitFor(
      () =>
        oneToOne.every(([type, m]) => count(type) >= expected(m)) || undefined,
      "the events of every accepted call",
      60_000,
    ).catch(() => undefined);
    await settle(3_000);
    const counts = Object.fromEntries(
      oneToOne.map(([type, m]) => [
        type,
        { events: count(type), accepted: expected(m) },
      ]),
    );
    // registerParty carries its first count in PartyRegistered; each recordDomesticPremises publishes one DomesticPremisesRecorded.
    const premises = {
      events: count("DomesticPremisesRecorded"),
      accepted: expected("recordDomesticPremises"),
    };
    const leaked = refusedMarks
      .filter(({ mark }) =>
        allEvents().some((m) => JSON.stringify(m.event).includes(mark)),
      )
      .map((x) => x.label);
    expect({ counts, premises, leaked }).toEqual({
      counts: Object.fromEntries(
        oneToOne.map(([type, m]) => [
          type,
          { events: expected(m), accepted: expected(m) },
        ]),
      ),
      premises: { events: premises.accepted, accepted: premises.accepted },
      leaked: [],
    });
  }, 90_000);

  afterAll(() => {
    // The codes met per field and what each String argument did with each value class (FUZZ_LOG=1).
    if (process.env.FUZZ_LOG)
      console.log(
        `input fuzz codes per field: ${JSON.stringify(codeLog)}\npadding: ${JSON.stringify(padding)}\nstrings:\n${Object.entries(
          stringLog,
        )
          .map(([k, v]) => `${k}: ${v.join(" ")}`)
          .join("\n")}`,
      );
  });
});
