import fs from 'node:fs';
import path from 'node:path';
import { envPrefixOf, SUBGRAPHS } from './subgraphs';

// docker-compose.yml and README.md cannot import the table: each port must appear there as it is here.
const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe('the subgraph table is the one source of ports', () => {
  it('has distinct ports and databases', () => {
    expect(new Set(SUBGRAPHS.map((s) => s.port)).size).toBe(SUBGRAPHS.length);
    expect(new Set(SUBGRAPHS.map((s) => s.database)).size).toBe(SUBGRAPHS.length);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('docker-compose.yml runs %s on its port', (name, s) => {
    const compose = read('docker-compose.yml');
    expect(compose).toContain(`${envPrefixOf(name)}_PORT: "${s.port}"`);
    expect(compose).toContain(`${envPrefixOf(name)}_URL: http://${name}:${s.port}/graphql`);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('README.md shows %s on its port', (name, s) => {
    expect(read('README.md')).toContain(`${name} :${s.port}]`);
  });
});
