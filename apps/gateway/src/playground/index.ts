// GraphiQL served by the gateway, bundled locally (no CDN), with the contract's examples.
export { PLAYGROUND_PATH, playgroundEnabledFromEnv, playgroundRouter, type PlaygroundRouterOptions } from './router';
export { playgroundPaths, repoRoot, type PlaygroundPaths } from './paths';
