// GraphiQL 5 edits with Monaco, which runs language services in web workers. The build emits the
// three workers as separate files next to the page (see ../build.ts); this tells Monaco where they
// are. Same origin, no CDN: the playground must work offline.
interface MonacoEnvironmentLike {
  getWorker(workerId: string, label: string): Worker;
}

const WORKER_FILES: Readonly<Record<string, string>> = {
  graphql: 'workers/graphql.worker.js',
  json: 'workers/json.worker.js',
};
const DEFAULT_WORKER = 'workers/editor.worker.js';

export function installMonacoWorkers(baseUrl: string): void {
  const environment: MonacoEnvironmentLike = {
    getWorker(_workerId, label) {
      return new Worker(new URL(WORKER_FILES[label] ?? DEFAULT_WORKER, baseUrl), { name: label });
    },
  };
  (globalThis as { MonacoEnvironment?: MonacoEnvironmentLike }).MonacoEnvironment = environment;
}
