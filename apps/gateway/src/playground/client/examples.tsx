// Example operations embedded at build time from the contract's operations/*.graphql (../build.ts).
export interface ExampleFile {
  name: string;
  source: string;
}

declare const __PLAYGROUND_EXAMPLES__: ExampleFile[];

const WELCOME = `# sec-assure GraphQL playground
#
# 1. Paste a bearer token in the field above (local: npx tsx tools/token/mint.ts --role SECAS_ADMIN).
# 2. Press the run button (or Ctrl/Cmd+Enter).
# The other tabs hold the contract's example operations.

query SscSeats {
  sscSeats {
    kind
    count
  }
}
`;

export function exampleTabs(): { query: string }[] {
  return [{ query: WELCOME }, ...__PLAYGROUND_EXAMPLES__.map((file) => ({ query: `# ${file.name}\n${file.source}` }))];
}
