// nx g @sec-assure/tools:mutation <name> --service=<app> --event=<EventType> --subjectField=<id>
// Writes the pieces of a new mutation that follow the layout of every app: the domain decision
// (plain function, typed refusals) with its test, the command (one transaction with its outbox
// event), the resolver field in its own file wired into resolvers/Mutation.ts, its rule in the
// app's field policy, and the schema field. What stays by hand is listed at the end (the role
// table entry of libs/auth, which is shared by every app).
import { formatFiles, names, type Tree } from '@nx/devkit';

export interface MutationGeneratorSchema {
  name: string;
  service: 'party-registry' | 'assessment-scheduling' | 'report-distribution' | 'ssc-membership';
  event: string;
  subjectField: string;
  rule?: string;
}

/** How the app's resolvers build a command's CommandMeta: its own builder when it has one. */
export interface MetaBuilder {
  /** Import path from resolvers/mutations/, e.g. '../meta'; null: no builder, the fields every app's meta has. */
  from: string | null;
  name: string;
}

const META_EXPORT = /export (?:const (\w+) = \(ctx: Context\): CommandMeta\b|function (\w+)\(ctx: Context\): CommandMeta\b)/;

/**
 * Each app's CommandMeta differs (assessment-scheduling's carries its tariff and rule settings, some
 * have `today`), so the resolver uses the app's own `(ctx: Context): CommandMeta` of resolvers/ when
 * there is one; otherwise the literal of the fields all share, which the type checker then holds to
 * the app's CommandMeta (no cast: a missing field is a compile error, not undefined at run time).
 */
export function findMetaBuilder(tree: Tree, service: MutationGeneratorSchema['service']): MetaBuilder | null {
  const dir = `apps/${service}/src/resolvers`;
  if (!tree.exists(dir)) return null;
  for (const file of tree.children(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).sort()) {
    const match = META_EXPORT.exec(tree.read(`${dir}/${file}`, 'utf-8') ?? '');
    if (match) return { from: `../${file.replace(/\.ts$/, '')}`, name: match[1] ?? match[2] };
  }
  return null;
}

export function mutationFiles(schema: MutationGeneratorSchema, meta: MetaBuilder | null = null): Record<string, string> {
  const { className, fileName, propertyName } = names(schema.name);
  const metaImport = meta?.from ? `\nimport { ${meta.name} } from '${meta.from}';` : '';
  const metaArg = meta?.from ? `${meta.name}(ctx)` : '{ actor: ctx.caller.sub, now: ctx.now, correlationId: ctx.correlationId }';
  const rule = schema.rule ?? 'R-TODO';
  const id = schema.subjectField;
  const root = `apps/${schema.service}/src`;
  return {
    [`${root}/domain/${fileName}.ts`]: `import { badInput } from '@sec-assure/rules';

export interface ${className}Request {
  ${id}: string;
  reason: string;
}

/** ${rule}: what the rules require before ${propertyName} changes anything (plain function, typed refusals). */
export function decide${className}(request: ${className}Request): ${className}Request {
  const reason = request.reason.trim();
  if (reason === '') throw badInput('reason', 'must say why (${rule})');
  return { ...request, reason };
}
`,
    [`${root}/domain/${fileName}.spec.ts`]: `import { refusalOf } from '@sec-assure/testing';
import { decide${className} } from './${fileName}';

describe('${rule}: ${propertyName}', () => {
  it('${rule}: refuses a blank reason, naming the field', () => {
    expect(refusalOf(() => decide${className}({ ${id}: 'x', reason: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
  });

  it('${rule}: keeps the reason trimmed', () => {
    expect(decide${className}({ ${id}: 'x', reason: ' why ' }).reason).toBe('why');
  });
});
`,
    [`${root}/commands/${fileName}.ts`]: `import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { decide${className}, type ${className}Request } from '../domain/${fileName}';
import type { CommandMeta } from './command-meta';

/** ${rule}: one transaction: the change and its ${schema.event} event in the outbox. */
export async function ${propertyName}(dataSource: DataSource, request: ${className}Request, meta: CommandMeta): Promise<boolean> {
  const decided = decide${className}(request);
  return dataSource.transaction(async (manager) => {
    // TODO: read under lock, change the rows through \`manager\`.
    await appendToOutbox(manager, { type: '${schema.event}', correlationId: meta.correlationId, data: { ${id}: decided.${id} } });
    return true;
  });
}
`,
    [`${root}/resolvers/mutations/${fileName}.ts`]: `import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { ${propertyName} } from '../../commands/${fileName}';${metaImport}

/** Thin: who may ask (the role table), then the command. */
export const ${propertyName}Field: NonNullable<MutationResolvers['${propertyName}']> = async (_root, args, ctx) => {
  authorize(ctx.caller, '${propertyName}');
  return ${propertyName}(ctx.dataSource, args, ${metaArg});
};
`,
  };
}

/** Adds the field to the subgraph schema's `type Mutation` (the truth the resolver types are generated from). */
export function withMutationField(schemaText: string, schema: MutationGeneratorSchema): string {
  const start = schemaText.indexOf('type Mutation {');
  if (start < 0) throw new Error('schema.graphql has no `type Mutation {`');
  const end = schemaText.indexOf('\n}', start);
  const field = `  """${schema.rule ?? 'R-TODO'}: TODO describe."""\n  ${schema.name}(${schema.subjectField}: ID!, reason: String!): Boolean!\n`;
  return `${schemaText.slice(0, end + 1)}${field}${schemaText.slice(end + 1)}`;
}

/** Wires the field file into resolvers/Mutation.ts: its import, and its entry last in `export const Mutation`. */
export function withMutationResolver(mutationText: string, schema: MutationGeneratorSchema): string {
  const { fileName, propertyName } = names(schema.name);
  const start = mutationText.indexOf('export const Mutation: MutationResolvers = {');
  if (start < 0) throw new Error('resolvers/Mutation.ts has no `export const Mutation: MutationResolvers = {`');
  const end = mutationText.indexOf('\n};', start);
  if (end < 0) throw new Error('resolvers/Mutation.ts: `export const Mutation` does not end with a line `};`');
  const imports = mutationText.slice(0, start);
  const lastImport = imports.lastIndexOf('\nimport ');
  const afterImports = lastImport < 0 ? 0 : imports.indexOf('\n', imports.indexOf(';', lastImport)) + 1;
  const importLine = `import { ${propertyName}Field } from './mutations/${fileName}';\n`;
  return `${mutationText.slice(0, afterImports)}${importLine}${mutationText.slice(afterImports, end)}\n  ${propertyName}: ${propertyName}Field,${mutationText.slice(end)}`;
}

/**
 * Adds the field's rule to the app's field policy (a field without one is denied, and the policy
 * spec names it): the role table's action of the same name, as the app's other mutations have.
 */
export function withPolicyRule(policyText: string, schema: MutationGeneratorSchema): string {
  const start = policyText.indexOf('  Mutation: {');
  const fields = start < 0 ? -1 : policyText.indexOf('    fields: {', start);
  if (fields < 0) throw new Error('authorization/policy.ts has no `Mutation: { ... fields: {`');
  const end = policyText.indexOf('\n    },', fields);
  if (end < 0) throw new Error('authorization/policy.ts: the Mutation fields do not end with a line `    },`');
  return `${policyText.slice(0, end)}\n      ${schema.name}: rolesOf('${schema.name}'),${policyText.slice(end)}`;
}

export default async function mutationGenerator(tree: Tree, schema: MutationGeneratorSchema): Promise<() => void> {
  const schemaFile = `apps/${schema.service}/src/schema.graphql`;
  const schemaText = tree.read(schemaFile, 'utf-8');
  if (schemaText === null) throw new Error(`${schemaFile} not found`);
  if (schemaText.includes(`  ${schema.name}(`)) throw new Error(`${schema.name} is already a field of ${schemaFile}`);
  const mutationFile = `apps/${schema.service}/src/resolvers/Mutation.ts`;
  const policyFile = `apps/${schema.service}/src/authorization/policy.ts`;
  const mutationText = tree.read(mutationFile, 'utf-8');
  const policyText = tree.read(policyFile, 'utf-8');
  if (mutationText === null) throw new Error(`${mutationFile} not found`);
  if (policyText === null) throw new Error(`${policyFile} not found`);
  // Everything is computed before anything is written, so a refusal leaves the tree as it was.
  const writes: Record<string, string> = {
    ...mutationFiles(schema, findMetaBuilder(tree, schema.service)),
    [schemaFile]: withMutationField(schemaText, schema),
    [mutationFile]: withMutationResolver(mutationText, schema),
    [policyFile]: withPolicyRule(policyText, schema),
  };
  for (const file of Object.keys(mutationFiles(schema))) {
    if (tree.exists(file)) throw new Error(`${file} exists already`);
  }
  for (const [file, text] of Object.entries(writes)) tree.write(file, text);
  await formatFiles(tree);
  return () => {
    console.log(
      [
        `Wired: the field in resolvers/Mutation.ts and its rule (rolesOf('${schema.name}')) in authorization/policy.ts of apps/${schema.service}.`,
        `By hand: the role table entry '${schema.name}' in libs/auth/src/policy.ts (ACTIONS and POLICY) and in libs/auth/src/authorize.spec.ts;`,
        `the field's description and return type in src/schema.graphql; the decision, the command's rows and the tests.`,
        `Then: npx nx run ${schema.service}:codegen; TSX_TSCONFIG_PATH=$PWD/tsconfig.base.json npx tsx tools/supergraph/compose-cli.ts && npx tsx tools/supergraph/api-schema-cli.ts (same env);`,
        `npx nx run supergraph:compose-check supergraph:api-schema-check contract:contract-check.`,
      ].join('\n'),
    );
  };
}
