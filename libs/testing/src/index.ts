// Shared test helpers of every subgraph: the refusal as a client sees it, and the in-process harness.
export * from './refusal';
export * from './subgraph-harness';
