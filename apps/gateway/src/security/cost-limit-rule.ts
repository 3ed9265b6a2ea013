import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  isEnumType,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { SSC_SEATS } from '@sec-assure/rules';

export interface CostLimitOptions {
  maxCost: number;
  /** Items assumed for a list that is neither paged nor bounded by the rule that produces it. */
  assumedListSize: number;
  /** Kept for configuration compatibility: a `first` is now counted at its real value. */
  maxListSize: number;
  /**
   * The request's variable values: `first: $n` counts as the value of $n. Undefined during static
   * validation (cached per document), where a variable counts as 1 until the plugin knows it.
   */
  variables?: Readonly<Record<string, unknown>> | null;
}

/**
 * Lists bounded by the rule that produces them: one item per value of an enum at most
 * (`Type.field` -> the enum). Counted at that enum's size, however many items they could
 * otherwise be assumed to hold.
 */
export const ENUM_BOUNDED_LISTS: Readonly<Record<string, string>> = {
  'Query.sscSeats': 'SscSeatKind', // one row per seat kind
  'AssessmentLoad.byType': 'AssessmentType', // one row per assessment type
  'Engagement.notices': 'EngagementNoticeKind', // one notice per kind
  'EngagementNotificationGap.notices': 'EngagementNoticeKind',
};

/** Lists bounded by a number of the rules: `Type.field` -> the most items it can hold. */
export const RULE_BOUNDED_LISTS: Readonly<Record<string, number>> = {
  // R-SSC-1: a seat holds at most its count of members (6 Large Supplier seats is the most).
  'SscSeat.members': Math.max(...SSC_SEATS.map((seat) => seat.count)),
};

/** Paged lists and the page size their service uses when `first` is absent. */
export const DEFAULT_PAGE_SIZES: Readonly<Record<string, number>> = {
  'Query.parties': 100,
};

/**
 * Paged lists and the largest `first` their service serves (party-registry's MAX_PAGE). A larger one
 * counts as that largest page: the service refuses it as BAD_USER_INPUT naming the range, the same
 * answer whatever the size asked for, rather than a cost refusal here for only the larger values.
 */
export const MAX_PAGE_SIZES: Readonly<Record<string, number>> = {
  'Query.parties': 500,
};

export function costLimitRule(options: CostLimitOptions): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const rootType =
        operation.operation === 'query'
          ? context.getSchema().getQueryType()
          : operation.operation === 'mutation'
            ? context.getSchema().getMutationType()
            : context.getSchema().getSubscriptionType();
      if (!rootType) return;
      const cost = selectionSetCost(context, options, operation.selectionSet, rootType, new Set());
      if (cost > options.maxCost) {
        context.reportError(
          new GraphQLError(
            `Operation cost ${cost} exceeds the limit of ${options.maxCost}. ` +
              `Lists count as the \`first\` they ask for (or ${options.assumedListSize} items when unpaged); request fewer items, fewer fields or fewer aliases.`,
            { nodes: [operation], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: options.maxCost } },
          ),
        );
      }
    },
  });
}

function selectionSetCost(
  context: ValidationContext,
  options: CostLimitOptions,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragmentsOnPath: ReadonlySet<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(context, options, selection, parentType, fragmentsOnPath);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeCondition = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parentType;
      if (typeCondition && isCompositeType(typeCondition)) {
        total += selectionSetCost(context, options, selection.selectionSet, typeCondition, fragmentsOnPath);
      }
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A fragment cycle is reported by the standard NoFragmentCycles rule; just stop here.
      if (!fragment || fragmentsOnPath.has(name)) continue;
      const typeCondition = context.getSchema().getType(fragment.typeCondition.name.value);
      if (typeCondition && isCompositeType(typeCondition)) {
        total += selectionSetCost(context, options, fragment.selectionSet, typeCondition, new Set([...fragmentsOnPath, name]));
      }
    }
  }
  return total;
}

function fieldCost(
  context: ValidationContext,
  options: CostLimitOptions,
  field: FieldNode,
  parentType: GraphQLCompositeType,
  fragmentsOnPath: ReadonlySet<string>,
): number {
  const name = field.name.value;
  if (name === '__schema' || name === '__type') return 0;
  if (!field.selectionSet) return 1;
  const definition = fieldDefinition(parentType, name);
  // Unknown fields are reported by FieldsOnCorrectType; count them as plain objects meanwhile.
  if (!definition) return 1;
  const namedType = getNamedType(definition.type);
  if (!isCompositeType(namedType)) return 1;
  const inner = 1 + selectionSetCost(context, options, field.selectionSet, namedType, fragmentsOnPath);
  return isListType(getNullableType(definition.type)) ? inner * listSize(context, field, `${parentType.name}.${name}`, options) : inner;
}

function fieldDefinition(parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}

function listSize(context: ValidationContext, field: FieldNode, coordinate: string, options: CostLimitOptions): number {
  const sizeArgument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  const requested = sizeArgument ? argumentValue(context, sizeArgument.value, options.variables) : undefined;
  if (requested !== undefined) return Math.max(1, Math.min(requested, MAX_PAGE_SIZES[coordinate] ?? requested));
  const page = DEFAULT_PAGE_SIZES[coordinate];
  if (page !== undefined) return page;
  const ruleBound = RULE_BOUNDED_LISTS[coordinate];
  if (ruleBound !== undefined) return ruleBound;
  const boundingEnum = ENUM_BOUNDED_LISTS[coordinate];
  const enumType = boundingEnum === undefined ? undefined : context.getSchema().getType(boundingEnum);
  if (enumType && isEnumType(enumType)) return enumType.getValues().length;
  return options.assumedListSize;
}

/** An integer literal, or a variable's value (else its default in the operation); undefined when neither. */
function argumentValue(context: ValidationContext, value: ValueNode, variables: CostLimitOptions['variables']): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind !== Kind.VARIABLE) return undefined;
  // Static validation (no request yet): count the minimum; costLimitPlugin counts the real value.
  if (variables === undefined) return 1;
  const name = value.name.value;
  const provided = variables?.[name];
  if (typeof provided === 'number' && Number.isFinite(provided)) return Math.trunc(provided);
  if (provided !== undefined && provided !== null) return undefined;
  for (const definition of context.getDocument().definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const declared = definition.variableDefinitions?.find((v) => v.variable.name.value === name);
    if (declared?.defaultValue?.kind === Kind.INT) return Number.parseInt(declared.defaultValue.value, 10);
  }
  return undefined;
}
