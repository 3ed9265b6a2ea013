// nx g @sec-assure/tools:event <Name> --topic=<service> --subjectField=<field>
// Writes libs/events/src/<service>/<kebab>.ts and its line in that folder's index: the registry,
// the event types, the JSON Schemas and the AsyncAPI document all derive from them.
import { formatFiles, names, type Tree } from '@nx/devkit';

export interface EventGeneratorSchema {
  name: string;
  topic: 'party-registry' | 'assessment-scheduling' | 'report-distribution' | 'ssc-membership';
  subjectField: string;
  description?: string;
}

const TOPIC_KEYS: Record<EventGeneratorSchema['topic'], string> = {
  'party-registry': 'partyRegistry',
  'assessment-scheduling': 'assessmentScheduling',
  'report-distribution': 'reportDistribution',
  'ssc-membership': 'sscMembership',
};

export function eventFile(schema: EventGeneratorSchema): string {
  const type = names(schema.name).className;
  const description = (schema.description ?? 'TODO: what happened (rule id).').replace(/'/g, "\\'");
  return `import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const ${type}Data = z.object({
  ${schema.subjectField}: Id,
});
export type ${type}Data = z.infer<typeof ${type}Data>;

export const ${type} = defineEvent({
  type: '${type}',
  topic: TOPICS.${TOPIC_KEYS[schema.topic]},
  description: '${description}',
  subjectField: '${schema.subjectField}',
  data: ${type}Data,
});
`;
}

export default async function eventGenerator(tree: Tree, schema: EventGeneratorSchema): Promise<() => void> {
  const file = names(schema.name).fileName;
  const folder = `libs/events/src/${schema.topic}`;
  if (!tree.exists(`${folder}/index.ts`)) throw new Error(`${folder}/index.ts not found: --topic names a service's topic folder`);
  if (tree.exists(`${folder}/${file}.ts`)) throw new Error(`${folder}/${file}.ts exists already`);
  tree.write(`${folder}/${file}.ts`, eventFile(schema));
  const index = tree.read(`${folder}/index.ts`, 'utf-8') ?? '';
  tree.write(`${folder}/index.ts`, `${index.trimEnd()}\nexport * from './${file}';\n`);
  await formatFiles(tree);
  return () => {
    console.log(`Next: fill in ${folder}/${file}.ts, then \`npx nx run events:generate\` (JSON Schema, AsyncAPI; \`npx nx run events:schemas-check\` fails while they are stale); publish it with appendToOutbox in the command that changes the state.`);
  };
}
