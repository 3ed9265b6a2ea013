import { parse } from 'graphql';
import { reservedAliasRefusal } from './reserved-aliases';

describe('reserved aliases (the entity key and __typename stay the gateway\'s)', () => {
  it.each([
    ['{ party(id: "p") { id: nextAssessment { type } } }', 'id'],
    ['{ party(id: "p") { __typename: name } }', '__typename'],
    ['{ party(id: "p") { name __x: id } }', '__x'],
    ['mutation { acknowledgeDocument(documentId: "d") { party { ...P } } } fragment P on Party { id: name }', 'id'],
  ])('refuses %s (BAD_USER_INPUT, names the alias)', (query, alias) => {
    const refusal = reservedAliasRefusal(parse(query));
    expect(refusal?.extensions['code']).toBe('BAD_USER_INPUT');
    expect(refusal?.message).toContain(`The alias "${alias}"`);
  });

  it.each([
    '{ party(id: "p") { id name } }',
    '{ party(id: "p") { id: id key: id typename: __typename } }',
    '{ a: party(id: "p") { id } b: party(id: "q") { identity: id } }',
  ])('accepts %s', (query) => {
    expect(reservedAliasRefusal(parse(query))).toBeNull();
  });

  it('walks a document once', () => {
    const document = parse('{ party(id: "p") { id: name } }');
    expect(reservedAliasRefusal(document)).toBe(reservedAliasRefusal(document));
  });
});
