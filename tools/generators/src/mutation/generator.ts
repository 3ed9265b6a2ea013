// nx g @sec-assure/tools:mutation <name> --service=<app> --event=<EventType> --subjectField=<id>
// Writes the pieces of a new mutation that follow the layout of every app: the domain decision
// (plain function, typed refusals) with its test, the command (one transaction with its outbox
// event), the resolver field in its own file, and the schema field. What stays by hand is listed
// at the end (the role table entry and one line in resolvers/Mutation.ts).
import { formatFiles, names, type Tree } from '@nx/devkit';

export interface MutationGeneratorSchema {
  name: string;
  service: 'party-registry' | 'assessment-scheduling' | 'report-distribution' | 'ssc-membership';
  event: string;
  subjectField: string;
  rule?: string;
}

export function mutationFiles(schema: MutationGeneratorSchema): Record<string, string> {
  const { className, fileName, propertyName } = names(schema.name);
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
import { ${propertyName} } from '../../commands/${fileName}';

/** Thin: who may ask (the role table), then the command. */
export const ${propertyName}Field: NonNullable<MutationResolvers['${propertyName}']> = async (_root, args, ctx) => {
  authorize(ctx.caller, '${propertyName}');
  return ${propertyName}(ctx.dataSource, args, { actor: ctx.caller.sub, now: ctx.now, today: ctx.today, correlationId: ctx.correlationId } as never);
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

export default async function mutationGenerator(tree: Tree, schema: MutationGeneratorSchema): Promise<() => void> {
  const schemaFile = `apps/${schema.service}/src/schema.graphql`;
  const schemaText = tree.read(schemaFile, 'utf-8');
  if (schemaText === null) throw new Error(`${schemaFile} not found`);
  if (schemaText.includes(`  ${schema.name}(`)) throw new Error(`${schema.name} is already a field of ${schemaFile}`);
  for (const [file, text] of Object.entries(mutationFiles(schema))) {
    if (tree.exists(file)) throw new Error(`${file} exists already`);
    tree.write(file, text);
  }
  tree.write(schemaFile, withMutationField(schemaText, schema));
  await formatFiles(tree);
  return () => {
    console.log(
      [
        `By hand: the role table entry '${schema.name}' in libs/auth/src/policy.ts and the field's rule in apps/${schema.service}/src/authorization/policy.ts,`,
        `and \`${schema.name}: ${schema.name}Field\` in apps/${schema.service}/src/resolvers/Mutation.ts.`,
        `Then: npx nx run ${schema.service}:codegen, npx tsx tools/supergraph/compose-cli.ts, npx tsx tools/supergraph/api-schema-cli.ts.`,
      ].join('\n'),
    );
  };
}
