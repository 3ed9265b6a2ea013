import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { textProblem } from './text-rule';

type Refusal = { field: string; message: string };

/** Walks one argument's value along its input type; returns the first thing to refuse, if any. */
function inspect(value: unknown, type: GraphQLInputType | null, path: string): Refusal | null {
  if (value === null || value === undefined) return null;
  const t = type ? getNullableType(type) : null;
  if (Array.isArray(value)) {
    const item = t && isListType(t) ? (t.ofType as GraphQLInputType) : null;
    for (let i = 0; i < value.length; i++) {
      const found = inspect(value[i], item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object') {
    const fields = t && isInputObjectType(t) ? t.getFields() : {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const found = inspect(inner, fields[key]?.type ?? null, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  const problem = textProblem(value);
  if (problem) return { field: path, message: `${path}: ${problem}` };
  return null;
}

/**
 * One argument of a document, in document order: a literal is judged once (`refusal`), an argument
 * that takes variables again on every request (`node`, `type`).
 */
type ArgumentSite = { refusal: Refusal | null } | { node: ArgumentNode; type: GraphQLInputType | null };

function hasVariable(node: ArgumentNode['value']): boolean {
  if (node.kind === 'Variable') return true;
  if (node.kind === 'ListValue') return node.values.some(hasVariable);
  if (node.kind === 'ObjectValue') return node.fields.some((field) => hasVariable(field.value));
  return false;
}

function argumentSites(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  const typeInfo = new TypeInfo(schema);
  const sites: ArgumentSite[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getArgument()?.type ?? null;
        sites.push(hasVariable(node.value) ? { node, type } : { refusal: inspect(valueFromASTUntyped(node.value), type, node.name.value) });
      },
    }),
  );
  return sites;
}

/**
 * The input edge every subgraph shares, before any resolver runs: no string argument (variables and
 * literals alike, at any depth) may carry control or bidirectional-override characters
 * (BAD_USER_INPUT), so none reaches PostgreSQL (a NUL there is a 500) or a stored name. Whether an
 * id is a UUID stays with each service, after its authorization (FORBIDDEN before NOT_FOUND). Answered with HTTP 200 so
 * the gateway passes the code through instead of reporting a subgraph failure.
 */
export function inputGuardPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  // Apollo keeps one parsed document per query text, so the typed walk of a document (a few percent
  // of a subgraph's CPU per request when done every time) is done once per query and schema.
  const sitesBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, ArgumentSite[]>>();
  const sitesOf = (schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] => {
    let byDocument = sitesBySchema.get(schema);
    if (!byDocument) sitesBySchema.set(schema, (byDocument = new WeakMap()));
    let sites = byDocument.get(document);
    if (!sites) byDocument.set(document, (sites = argumentSites(schema, document)));
    return sites;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const variables = request.variables ?? {};
          for (const site of sitesOf(schema, document)) {
            const refusal = 'refusal' in site ? site.refusal : inspect(valueFromASTUntyped(site.node.value, variables), site.type, site.node.name.value);
            if (refusal) throw new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT', field: refusal.field, http: { status: 200 } } });
          }
        },
      };
    },
  };
}
