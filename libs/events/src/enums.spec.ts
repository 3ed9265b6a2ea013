import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { ASSESSMENT_CATEGORIES, ASSESSMENT_TYPES, ASSURANCE_STATUSES, DOCUMENT_KINDS, RULE_SET_NAMES, SSC_SEAT_KINDS, USER_ROLES } from '@sec-assure/rules';
import { AssessmentCategory, AssessmentType, AssuranceStatus, DocumentKind, RuleSet, SharedResourceScope, SscSeatKind, UserRole } from './enums';

// The event contract keeps its own value lists (the public package depends on zod alone), the rules
// theirs, the API schema its enums: none can import another, so this test ties the three.
const apiSchema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../apps/gateway/api-schema.graphql'), 'utf8'), { assumeValidSDL: true });
const sdlValues = (name: string): string[] => {
  const type = apiSchema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of the API schema`);
  return type.getValues().map((v) => v.name).sort();
};
const sorted = (values: readonly string[]): string[] => [...values].sort();

describe('each value list means the same in the events, the rules and the API schema', () => {
  it.each([
    ['UserRole', UserRole.options, USER_ROLES],
    ['AssessmentType', AssessmentType.options, ASSESSMENT_TYPES],
    ['AssessmentCategory', AssessmentCategory.options, ASSESSMENT_CATEGORIES],
    ['AssuranceStatus', AssuranceStatus.options, ASSURANCE_STATUSES],
    ['DocumentKind', DocumentKind.options, DOCUMENT_KINDS],
    ['SscSeatKind', SscSeatKind.options, SSC_SEAT_KINDS],
    ['RuleSet', RuleSet.options, RULE_SET_NAMES],
  ] as const)('%s', (name, events, rules) => {
    expect(sorted(events)).toEqual(sorted(rules));
    expect(sorted(events)).toEqual(sdlValues(name));
  });

  it('SharedResourceScope (events and API schema)', () => {
    expect(sorted(SharedResourceScope.options)).toEqual(sdlValues('SharedResourceScope'));
  });
});
