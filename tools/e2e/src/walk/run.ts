import { getNamedType, isLeafType, type GraphQLSchema } from 'graphql';
import type { RunningSystem } from '../system';
import { idLabels, rootCalls } from './arguments';
import { expectationOf, inspect, type Json, type WalkCaller } from './oracle';
import { lastLeaves, selectionOf, walkPaths } from './paths';
import type { Population } from './seed';

/** One root call (a root field with seeded arguments) and the paths below it. */
export interface WalkCall {
  label: string;
  /** The root call alone ({ __typename }): refused here, every path below is refused at its root. */
  probe: string;
  /** One query per path; and per leaf of its last object, asked when the path met a refusal below its root. */
  paths: Array<{ label: string; text: string; leaves: Array<{ label: string; text: string }> }>;
}

export interface WalkPlan {
  calls: WalkCall[];
  paths: number;
  /** Root fields whose required arguments the walk cannot fill. */
  skippedRoots: string[];
}

export interface CallerReport {
  label: string;
  /** Paths that answered data. */
  answered: number;
  /** Paths refused at their root field. */
  refusedAtRoot: number;
  /** Paths asked (those whose root call the caller may make). */
  asked: number;
  /** Leaves asked one by one, below paths that met a refusal. */
  leavesAlone: number;
  codes: Record<string, number>;
  findings: string[];
}

/** Paths of at most `depth` fields from every root Query field, each root called with every seeded argument. */
export function walkPlan(schema: GraphQLSchema, population: Population, depth: number): WalkPlan {
  const labels = idLabels(population);
  const byRoot = new Map<string, ReturnType<typeof walkPaths>>();
  for (const path of walkPaths(schema, depth)) byRoot.set(path.root.name, [...(byRoot.get(path.root.name) ?? []), path]);
  const calls: WalkCall[] = [];
  const skippedRoots: string[] = [];
  for (const paths of byRoot.values()) {
    const root = paths[0]!.root;
    const rootCallsOf = rootCalls(root, population, labels);
    if (rootCallsOf === null) {
      skippedRoots.push(root.name);
      continue;
    }
    for (const call of rootCallsOf) {
      calls.push({
        label: call.label,
        probe: `${root.name}${call.args}${isLeafType(getNamedType(root.type)) ? '' : ' { __typename }'}`,
        paths: paths.map((p) => {
          const label = `${call.label}${p.edges.map((e) => `.${e.name}`).join('')}`;
          return {
            label,
            text: `${root.name}${call.args} ${selectionOf(p)}`,
            leaves: lastLeaves(p).map((leaf) => ({ label: `${label}.${leaf}`, text: `${root.name}${call.args} ${selectionOf(p, leaf)}` })),
          };
        }),
      });
    }
  }
  return { calls, paths: calls.reduce((n, c) => n + c.paths.length, 0), skippedRoots };
}

interface GatewayError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string };
}

interface WalkResult {
  status?: number;
  data?: Record<string, Json> | null;
  errors?: GatewayError[];
  /** The gateway's own nulling of a non-null field a subgraph left null (Apollo Gateway puts it here, not in errors). */
  extensions?: { valueCompletion?: GatewayError[] };
}

/** What one aliased query answered: its value (undefined when the whole response was nulled) and its errors. */
interface Answer {
  value: Json | undefined;
  errors: GatewayError[];
}

/**
 * Asks every query as one caller, `size` aliases per request. A refusal under a non-null root field
 * nulls the whole response: those aliases keep their errors, and the rest is asked again without them.
 */
async function askAll(system: RunningSystem, token: string, texts: string[], size: number): Promise<Answer[]> {
  const answers: Answer[] = texts.map(() => ({ value: undefined, errors: [] }));
  const aliasOf = (i: number): string => `q${i}`;
  const indexOf = (error: GatewayError): number => Number(String(error.path?.[0] ?? 'q-1').slice(1));
  for (let start = 0; start < texts.length; start += size) {
    let pending = texts.slice(start, start + size).map((_t, j) => start + j);
    while (pending.length > 0) {
      const result = await answer(system, token, `query Walk { ${pending.map((i) => `${aliasOf(i)}: ${texts[i]}`).join('\n')} }`);
      const located = [...(result.errors ?? []), ...(result.extensions?.valueCompletion ?? [])].filter((e) => e.path !== undefined && e.path.length > 0);
      for (const error of located) answers[indexOf(error)]?.errors.push(error);
      if (result.data) {
        for (const i of pending) answers[i]!.value = result.data[aliasOf(i)] ?? null;
        break;
      }
      const refused = new Set(located.map(indexOf));
      if (refused.size === 0) throw new Error(`the walk's own query failed (HTTP ${result.status}): ${JSON.stringify(result).slice(0, 500)}`);
      pending = pending.filter((i) => !refused.has(i));
    }
  }
  return answers;
}

/**
 * Walks every call as each caller, each path on its own alias (so a refusal nulls only its own
 * path), and checks every response against what the caller may see.
 */
export async function runWalk(
  system: RunningSystem,
  plan: WalkPlan,
  callers: WalkCaller[],
  population: Population,
  sizes: { paths: number },
): Promise<CallerReport[]> {
  const labels = idLabels(population);
  const walkAs = async (caller: WalkCaller): Promise<CallerReport> => {
    const token = await system.token(caller.role, caller.partyId);
    const expectation = expectationOf(caller, population);
    const report: CallerReport = { label: caller.label, answered: 0, refusedAtRoot: 0, asked: 0, leavesAlone: 0, codes: {}, findings: [] };
    const check = (label: string, result: Answer): void => {
      inspect(expectation, result.value, label, labels, report.findings);
      for (const error of result.errors) {
        const code = error.extensions?.code ?? 'NO_CODE';
        report.codes[code] = (report.codes[code] ?? 0) + 1;
        // A read that fails inside the system is a defect whoever asks (the contract's codes are for refusals).
        if (code === 'INTERNAL_SERVER_ERROR') report.findings.push(`${label} ${error.path?.join('.') ?? ''}: internal error: ${error.message}`);
        // Oversight reads everything (contract README §2): a refusal there is a rule that denies too much.
        if (expectation.kind === 'oversight' && code === 'FORBIDDEN') report.findings.push(`${label} ${error.path?.slice(1).join('.')}: oversight refused: ${error.message}`);
      }
    };
    // First each root call alone: where the root is refused, so is every path below it.
    const probes = await askAll(system, token, plan.calls.map((c) => c.probe), sizes.paths);
    const asked: WalkCall['paths'] = [];
    plan.calls.forEach((call, i) => {
      const probe = probes[i]!;
      check(call.label, probe);
      if (probe.errors.some((e) => e.path?.length === 1)) report.refusedAtRoot += call.paths.length;
      else asked.push(...call.paths);
    });
    const answers = await askAll(system, token, asked.map((p) => p.text), sizes.paths);
    const leaves: Array<{ label: string; text: string }> = [];
    answers.forEach((result, i) => {
      check(asked[i]!.label, result);
      if (result.value !== null && result.value !== undefined) report.answered += 1;
      // A refusal below the root nulls the refused leaf's siblings too: ask each leaf on its own.
      if (result.errors.some((e) => (e.path?.length ?? 0) > 1)) leaves.push(...asked[i]!.leaves);
    });
    const leafAnswers = await askAll(system, token, leaves.map((l) => l.text), sizes.paths);
    leafAnswers.forEach((result, i) => check(leaves[i]!.label, result));
    report.asked = asked.length;
    report.leavesAlone = leaves.length;
    return report;
  };
  // Callers in parallel: the gateway serves them concurrently, as it would real clients.
  return Promise.all(callers.map(walkAs));
}

/**
 * One request; asked again (at most 10 times) while the gateway answers neither data nor a located
 * error: a transport failure between gateway and subgraph (a kept-alive connection that the subgraph
 * closed as the gateway reused it: "socket hang up", answered as a 500), not an answer to check.
 */
async function answer(system: RunningSystem, token: string, document: string): Promise<WalkResult> {
  const ask = async (): Promise<WalkResult> => (await system.query<Record<string, Json>>(token, document)) as WalkResult;
  const transportFailure = (r: WalkResult): boolean =>
    !r.data && ![...(r.errors ?? []), ...(r.extensions?.valueCompletion ?? [])].some((e) => e.path !== undefined && e.path.length > 0);
  let result = await ask();
  for (let attempt = 0; attempt < 10 && transportFailure(result); attempt++) result = await ask();
  return result;
}
