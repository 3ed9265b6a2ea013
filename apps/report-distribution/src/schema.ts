import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';

/** Read next to this file, never relative to the working directory. */
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));
