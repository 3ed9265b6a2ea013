// All event definitions in one list, and the types derived from it. Adding an event means: a file
// in its topic folder and its line in the folder's index (`nx g @sec-assure/tools:event` writes
// both), then `nx run events:generate`.
import type { z } from 'zod';
import type { Envelope, EventDefinition } from './envelope';
import * as assessmentScheduling from './assessment-scheduling';
import * as partyRegistry from './party-registry';
import * as reportDistribution from './report-distribution';
import * as sscMembership from './ssc-membership';
import type { TopicName } from './topics';

/** The definitions a topic folder's index exports (its `...Data` schemas aside), in export order. */
type DefinitionsIn<M> = Extract<M[keyof M], { readonly topic: TopicName; readonly subjectField: string; readonly envelope: unknown }>;
const isDefinition = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'topic' in value && 'subjectField' in value && 'envelope' in value;
const definitionsIn = <M extends object>(folder: M): Array<DefinitionsIn<M>> => Object.values(folder).filter(isDefinition) as Array<DefinitionsIn<M>>;

// Derived from the topic folders: a new event is its file and its line in the folder's index.
export const EVENT_DEFINITIONS = [
  ...definitionsIn(partyRegistry),
  ...definitionsIn(assessmentScheduling),
  ...definitionsIn(reportDistribution),
  ...definitionsIn(sscMembership),
] as const;

type AnyDefinition = (typeof EVENT_DEFINITIONS)[number];

export type EventType = AnyDefinition['type'];
export type DefinitionOf<T extends EventType> = Extract<AnyDefinition, { type: T }>;
export type EventData<T extends EventType> = z.output<DefinitionOf<T>['data']>;
export type TopicOf<T extends EventType> = DefinitionOf<T>['topic'];
export type SourceOf<T extends EventType> = DefinitionOf<T>['source'];
/** The types that may appear on a topic. */
export type EventTypeOn<Tp extends TopicName> = Extract<AnyDefinition, { topic: Tp }>['type'];

/** A typed envelope; for a union of types, the discriminated union of their envelopes. */
export type EventEnvelope<T extends EventType = EventType> = T extends EventType
  ? Envelope<T, EventData<T>, SourceOf<T>>
  : never;
/** Any event that may appear on a topic (switch on `type` to narrow `data`). */
export type EventOnTopic<Tp extends TopicName> = EventEnvelope<EventTypeOn<Tp>>;

const BY_TYPE: ReadonlyMap<string, EventDefinition> = new Map(
  EVENT_DEFINITIONS.map((definition) => [definition.type, definition as unknown as EventDefinition]),
);

export function isEventType(value: string): value is EventType {
  return BY_TYPE.has(value);
}

export function definitionOf<T extends EventType>(type: T): DefinitionOf<T>;
export function definitionOf(type: string): EventDefinition | undefined;
export function definitionOf(type: string): EventDefinition | undefined {
  return BY_TYPE.get(type);
}
