import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The paths of the API schema from each root Query field: chains of object-returning fields, each
 * checked on its own (one alias per path), so a refusal on one path never hides another.
 */
export interface WalkPath {
  root: GraphQLField<unknown, unknown>;
  /** Object fields after the root, in order. */
  edges: Array<GraphQLField<unknown, unknown>>;
  /** e.g. "party.engagementsAsUser.provider" */
  label: string;
}

type AnyField = GraphQLField<unknown, unknown>;

const hasRequiredArgs = (field: AnyField): boolean => field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** Every path of at most `depth` fields (the root included) from every root Query field. */
export function walkPaths(schema: GraphQLSchema, depth: number): WalkPath[] {
  const query = schema.getQueryType();
  if (!query) return [];
  const paths: WalkPath[] = [];
  for (const root of Object.values(query.getFields())) {
    const type = getNamedType(root.type);
    if (!isObjectType(type)) {
      paths.push({ root, edges: [], label: root.name });
      continue;
    }
    const visit = (at: GraphQLObjectType, edges: AnyField[]): void => {
      paths.push({ root, edges, label: [root.name, ...edges.map((e) => e.name)].join('.') });
      if (edges.length + 1 >= depth) return;
      for (const field of Object.values(at.getFields())) {
        const next = getNamedType(field.type);
        if (isObjectType(next) && !hasRequiredArgs(field)) visit(next, [...edges, field]);
      }
    };
    visit(type, []);
  }
  return paths;
}

/**
 * What identifies an object for the checks: __typename, its id, and the id of every single Party it
 * names (a copy's party, an engagement's two sides), whatever the rest of the path asks.
 */
function identity(type: GraphQLObjectType): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (hasRequiredArgs(field)) continue;
    const named = getNamedType(field.type);
    if (field.name === 'id' && isLeafType(named)) parts.push('id');
    // One party (not a list): a copy's party, an engagement's two sides, an assessment's party.
    else if (isObjectType(named) && named.name === 'Party' && !String(field.type).startsWith('[')) parts.push(`${field.name} { __typename id }`);
  }
  return parts.join(' ');
}

/** Leaf fields (scalars and enums without required arguments) other than id. */
function leafNames(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !hasRequiredArgs(f) && f.name !== 'id')
    .map((f) => f.name);
}

/** The leaves of the path's last object: one refused non-null leaf nulls its siblings, so each may be asked alone. */
export function lastLeaves(path: WalkPath): string[] {
  const last = getNamedType(path.edges.length > 0 ? path.edges[path.edges.length - 1]!.type : path.root.type);
  return isObjectType(last) ? leafNames(last) : [];
}

/** The selection below the root field: identities on the way, every leaf at the end (or only `leaf`). */
export function selectionOf(path: WalkPath, leaf?: string): string {
  const rootType = getNamedType(path.root.type);
  if (!isObjectType(rootType)) return '';
  const types: GraphQLObjectType[] = [rootType];
  for (const edge of path.edges) types.push(getNamedType(edge.type) as GraphQLObjectType);
  const last = types[types.length - 1]!;
  let inner = [identity(last), ...(leaf === undefined ? leafNames(last) : [leaf])].join(' ');
  for (let i = path.edges.length - 1; i >= 0; i--) {
    inner = `${identity(types[i]!)} ${path.edges[i]!.name} { ${inner} }`;
  }
  return `{ ${inner} }`;
}

