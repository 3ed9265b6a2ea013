import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import eventGenerator from './event/generator';
import mutationGenerator from './mutation/generator';

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
    const tree = createTreeWithEmptyWorkspace();
    tree.write('apps/ssc-membership/src/schema.graphql', 'type Query {\n  a: Int\n}\n\ntype Mutation {\n  castVote(electionId: ID!): Boolean!\n}\n\ntype B {\n  c: Int\n}\n');
    await mutationGenerator(tree, { name: 'cancelElection', service: 'ssc-membership', event: 'ElectionCancelled', subjectField: 'electionId', rule: 'R-SSC-3' });
    for (const file of ['domain/cancel-election.ts', 'domain/cancel-election.spec.ts', 'commands/cancel-election.ts', 'resolvers/mutations/cancel-election.ts']) {
      expect(tree.exists(`apps/ssc-membership/src/${file}`)).toBe(true);
    }
    expect(tree.read('apps/ssc-membership/src/commands/cancel-election.ts', 'utf-8')).toContain("type: 'ElectionCancelled'");
    const schema = tree.read('apps/ssc-membership/src/schema.graphql', 'utf-8') ?? '';
    expect(schema.indexOf('cancelElection(electionId: ID!, reason: String!): Boolean!')).toBeGreaterThan(schema.indexOf('type Mutation {'));
    expect(schema.indexOf('cancelElection(')).toBeLessThan(schema.indexOf('type B {'));
    await expect(mutationGenerator(tree, { name: 'cancelElection', service: 'ssc-membership', event: 'ElectionCancelled', subjectField: 'electionId' })).rejects.toThrow(/already a field/);
  });
});
