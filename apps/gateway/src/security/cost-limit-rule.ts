import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface CostLimitOptions {
  maxCost: number;
  assumedListSize: number;
  maxListSize: number;
}

/**
 * Schema-aware cost estimate. graphql-armor's cost rule does not know which fields are lists, so
 * `parties { assessments { ... } }` would look cheap; here every object field costs 1 plus its
 * selections, and a list of objects multiplies that by its expected size:
 *   - `first`/`last` as a literal: that number;
 *   - as a variable: maxListSize (the page size the services cap at);
 *   - absent: assumedListSize.
 * Aliases count because every aliased field is a separate selection. Scalars cost 1.
 * Introspection (__schema, __type) is free: GraphiQL needs it and it does not reach the subgraphs.
 */
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
              `Lists count as ${options.assumedListSize} items unless \`first\` says otherwise; request fewer items, fewer fields or fewer aliases.`,
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
  return isListType(getNullableType(definition.type)) ? inner * listSize(field, options) : inner;
}

function fieldDefinition(parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}

function listSize(field: FieldNode, options: CostLimitOptions): number {
  const sizeArgument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (!sizeArgument) return options.assumedListSize;
  if (sizeArgument.value.kind === Kind.INT) return Math.max(1, Number.parseInt(sizeArgument.value.value, 10));
  return options.maxListSize;
}
