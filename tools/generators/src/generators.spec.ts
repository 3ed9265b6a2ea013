import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import eventGenerator from './event/generator';
import mutationGenerator, { type MutationGeneratorSchema } from './mutation/generator';

const ROOT = join(__dirname, '../../..');
const SERVICES: Array<MutationGeneratorSchema['service']> = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership'];

/** A tree holding an app's real schema, resolvers and field policy (what the generator edits and reads). */
function treeWithApp(service: MutationGeneratorSchema['service']): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const src = `apps/${service}/src`;
  for (const file of ['schema.graphql', 'resolvers/Mutation.ts', 'authorization/policy.ts']) {
    tree.write(`${src}/${file}`, readFileSync(join(ROOT, src, file), 'utf-8'));
  }
  for (const file of ['meta.ts', 'command-meta.ts']) {
    try {
      tree.write(`${src}/resolvers/${file}`, readFileSync(join(ROOT, src, 'resolvers', file), 'utf-8'));
    } catch {
      // not every app has one
    }
  }
  return tree;
}

describe('local generators', () => {
  it('event: writes the event file and its line in the topic index (the registry derives the rest)', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('libs/events/src/ssc-membership/index.ts', "export * from './vote-cast';\n");
    await eventGenerator(tree, { name: 'ElectionCancelled', topic: 'ssc-membership', subjectField: 'electionId', description: "It's cancelled." });
    const file = tree.read('libs/events/src/ssc-membership/election-cancelled.ts', 'utf-8') ?? '';
    expect(file).toContain("type: 'ElectionCancelled'");
    expect(file).toContain('topic: TOPICS.sscMembership');
    expect(file).toContain("subjectField: 'electionId'");
    expect(file).toContain("description: 'It\\'s cancelled.'");
    expect(tree.read('libs/events/src/ssc-membership/index.ts', 'utf-8')).toBe("export * from './vote-cast';\nexport * from './election-cancelled';\n");
    await expect(eventGenerator(tree, { name: 'ElectionCancelled', topic: 'ssc-membership', subjectField: 'electionId' })).rejects.toThrow(/exists already/);
  });

  it('mutation: writes domain, its test, command and resolver field, and adds the schema field inside type Mutation', async () => {
    const tree = treeWithApp('ssc-membership');
    await mutationGenerator(tree, { name: 'cancelElection', service: 'ssc-membership', event: 'ElectionCancelled', subjectField: 'electionId', rule: 'R-SSC-3' });
    for (const file of ['domain/cancel-election.ts', 'domain/cancel-election.spec.ts', 'commands/cancel-election.ts', 'resolvers/mutations/cancel-election.ts']) {
      expect(tree.exists(`apps/ssc-membership/src/${file}`)).toBe(true);
    }
    expect(tree.read('apps/ssc-membership/src/commands/cancel-election.ts', 'utf-8')).toContain("type: 'ElectionCancelled'");
    const schema = tree.read('apps/ssc-membership/src/schema.graphql', 'utf-8') ?? '';
    const mutationType = schema.slice(schema.indexOf('type Mutation {'));
    expect(mutationType.slice(0, mutationType.indexOf('\n}'))).toContain('cancelElection(electionId: ID!, reason: String!): Boolean!');
    await expect(mutationGenerator(tree, { name: 'cancelElection', service: 'ssc-membership', event: 'ElectionCancelled', subjectField: 'electionId' })).rejects.toThrow(/already a field/);
  });

  it.each(SERVICES)("mutation in %s: the field is wired into resolvers/Mutation.ts and the app's field policy (deny by default)", async (service) => {
    const tree = treeWithApp(service);
    await mutationGenerator(tree, { name: 'cancelThing', service, event: 'ThingCancelled', subjectField: 'thingId' });
    const mutation = tree.read(`apps/${service}/src/resolvers/Mutation.ts`, 'utf-8') ?? '';
    const importLine = "import { cancelThingField } from './mutations/cancel-thing';\n";
    expect(mutation).toContain(importLine);
    // The import comes after every other import; the entry is the last of the Mutation object.
    expect(mutation.slice(mutation.indexOf(importLine) + importLine.length, mutation.indexOf('export const Mutation'))).not.toMatch(/^import /m);
    const body = mutation.slice(mutation.indexOf('export const Mutation: MutationResolvers = {'));
    expect(body.slice(0, body.indexOf('\n};') + 3)).toMatch(/\n {2}cancelThing: cancelThingField,\n};$/);
    const policy = tree.read(`apps/${service}/src/authorization/policy.ts`, 'utf-8') ?? '';
    const mutationRules = policy.slice(policy.indexOf('  Mutation: {'));
    expect(mutationRules.slice(0, mutationRules.indexOf('\n    },'))).toMatch(/\n {6}cancelThing: rolesOf\('cancelThing'\),$/);
  });

  it("mutation: the resolver builds the command's meta with the app's own builder, never a cast", async () => {
    const expected: Record<MutationGeneratorSchema['service'], RegExp> = {
      'party-registry': /import \{ metaOf \} from '\.\.\/meta';[\s\S]*args, metaOf\(ctx\)\);/,
      'assessment-scheduling': /import \{ commandMeta \} from '\.\.\/command-meta';[\s\S]*args, commandMeta\(ctx\)\);/,
      // No builder: the fields every CommandMeta has, held to the app's type by the checker.
      'report-distribution': /args, \{ actor: ctx\.caller\.sub, now: ctx\.now, correlationId: ctx\.correlationId \}\);/,
      'ssc-membership': /import \{ metaOf \} from '\.\.\/meta';[\s\S]*args, metaOf\(ctx\)\);/,
    };
    for (const service of SERVICES) {
      const tree = treeWithApp(service);
      await mutationGenerator(tree, { name: 'cancelThing', service, event: 'ThingCancelled', subjectField: 'thingId' });
      const field = tree.read(`apps/${service}/src/resolvers/mutations/cancel-thing.ts`, 'utf-8') ?? '';
      expect(field).toMatch(expected[service]);
      expect(field).not.toContain(' as ');
    }
  });

  it('mutation: a refusal writes nothing (a field of that name exists already)', async () => {
    const tree = treeWithApp('ssc-membership');
    const before = tree.read('apps/ssc-membership/src/resolvers/Mutation.ts', 'utf-8');
    await expect(mutationGenerator(tree, { name: 'castVote', service: 'ssc-membership', event: 'VoteCast', subjectField: 'electionId' })).rejects.toThrow(/already a field/);
    expect(tree.read('apps/ssc-membership/src/resolvers/Mutation.ts', 'utf-8')).toBe(before);
    expect(tree.exists('apps/ssc-membership/src/domain/cast-vote.ts')).toBe(false);
  });
});
