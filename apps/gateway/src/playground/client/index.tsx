// Browser code lives in .tsx files: the gateway's tsconfig compiles src/**/*.ts for Node (no DOM
// types); this folder is type-checked with its own tsconfig.json (DOM + JSX).
import { GraphiQL } from 'graphiql';
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './playground.css';
import { exampleTabs } from './examples';
import { createFetcher } from './fetcher';
import { installMonacoWorkers } from './monaco-workers';
import { TokenBar } from './token-bar';
import { loadToken, saveToken } from './token-store';

// The page is served at /playground/ and the gateway at /graphql on the same origin.
installMonacoWorkers(document.baseURI);
const GRAPHQL_ENDPOINT = new URL('/graphql', window.location.origin).toString();

function Playground() {
  const [token, setToken] = useState(loadToken);
  // A new fetcher per token: GraphiQL re-runs introspection when its fetcher changes, and
  // introspection needs authentication. (Remounting GraphiQL instead would dispose Monaco mid-work.)
  const fetcher = useMemo(() => createFetcher(GRAPHQL_ENDPOINT, token), [token]);
  const tabs = useMemo(exampleTabs, []);
  return (
    <div className="sa-playground">
      <TokenBar
        token={token}
        onApply={(next) => {
          saveToken(next);
          setToken(next);
        }}
      />
      <div className="sa-graphiql">
        <GraphiQL fetcher={fetcher} defaultTabs={tabs} defaultEditorToolsVisibility={false} />
      </div>
    </div>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('playground: #root element missing');
createRoot(container).render(<Playground />);
