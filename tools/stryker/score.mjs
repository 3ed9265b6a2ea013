// The mutation score of a project run in parts (see tools/stryker/rules-by-folder.sh).
//   node tools/stryker/score.mjs libs/rules [report folder, default test-output/stryker/rules]
// 1. Merges the JSON reports in test-output/stryker/<project>/ and its part folders (per source
//    file, the newest report that has it).
// 2. Type-checks every tested mutant the way StrykerJS's TypeScript checker does (the project's
//    tsconfig with allowUnreachableCode and without the unused-name checks): the mutated file is
//    checked in one in-process language service, about 0.1 s a mutant against 1.9 s for the
//    checker. A mutant TypeScript rejects becomes CompileError and leaves the score. Only the
//    mutated file is checked: a mutant that breaks only another file through an inferred type
//    still counts (it can only lower the score if it survives). Results are cached per source
//    hash in typecheck-cache.json.
// 3. Prints the score per folder of src/ and in total (detected = killed + timeout, over
//    detected + survived + no coverage; static mutants left out by ignoreStatic are counted
//    apart), and writes score.md (the table and every mutant left) and merged.json.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import ts from 'typescript';

const root = process.argv[2] ?? 'libs/rules';
const out = process.argv[3] ?? path.join('test-output', 'stryker', path.basename(root));

/** @returns {string[]} the reports, oldest first */
function reports() {
  const candidates = [path.join(out, 'mutation.json')];
  for (const entry of fs.existsSync(out) ? fs.readdirSync(out, { withFileTypes: true }) : []) {
    if (entry.isDirectory()) candidates.push(path.join(out, entry.name, 'mutation.json'));
  }
  return candidates.filter((file) => fs.existsSync(file)).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
}

/** @type {Record<string, { source: string, language: string, mutants: any[] }>} */
const files = {};
let schema;
for (const report of reports()) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  schema ??= json;
  for (const [file, result] of Object.entries(json.files)) files[path.relative('.', path.resolve(file))] = result;
}
if (Object.keys(files).length === 0) {
  console.error(`no mutation.json under ${out}`);
  process.exit(1);
}

// --- the TypeScript check -------------------------------------------------------------------
const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(root, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const options = { ...parsed.options, noEmit: true, allowUnreachableCode: true, noUnusedLocals: false, noUnusedParameters: false };
const overlay = new Map();
const versions = new Map();
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (f) => String(versions.get(path.resolve(f)) ?? 0),
    getScriptSnapshot: (f) => {
      const text = overlay.get(path.resolve(f)) ?? (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);

/** @returns {string[]} the messages TypeScript gives for `text` as the content of `file` */
function diagnostics(file, text) {
  const abs = path.resolve(file);
  overlay.set(abs, text);
  versions.set(abs, (versions.get(abs) ?? 0) + 1);
  return [...service.getSyntacticDiagnostics(abs), ...service.getSemanticDiagnostics(abs)].map((d) => {
    const { line, character } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1, character: -1 };
    return `${file}(${line + 1},${character + 1}): error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

function offsets(source) {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return ({ line, column }) => starts[line - 1] + column - 1;
}

const key = (m) => `${m.mutatorName}@${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}=${m.replacement}`;
const cacheFile = path.join(out, 'typecheck-cache.json');
const cache = fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {};
const tested = new Set(['Killed', 'Survived', 'Timeout', 'NoCoverage']);
let checked = 0;
const started = Date.now();
for (const [file, result] of Object.entries(files)) {
  const hash = crypto.createHash('sha1').update(result.source).digest('hex');
  if (cache[file]?.hash !== hash) cache[file] = { hash, rejected: {} };
  const known = cache[file].rejected;
  const todo = result.mutants.filter((m) => tested.has(m.status) && !(key(m) in known));
  if (todo.length > 0) {
    const baseline = diagnostics(file, result.source).length;
    const at = offsets(result.source);
    for (const m of todo) {
      const text = result.source.slice(0, at(m.location.start)) + m.replacement + result.source.slice(at(m.location.end));
      const found = diagnostics(file, text);
      known[key(m)] = found.length > baseline ? found[0] : '';
      checked++;
    }
    overlay.delete(path.resolve(file));
    versions.set(path.resolve(file), (versions.get(path.resolve(file)) ?? 0) + 1);
  }
  for (const m of result.mutants) {
    if (tested.has(m.status) && known[key(m)]) {
      m.testedStatus = m.status;
      m.status = 'CompileError';
      m.statusReason = known[key(m)];
    }
  }
}
fs.writeFileSync(cacheFile, JSON.stringify(cache));
fs.writeFileSync(path.join(out, 'merged.json'), JSON.stringify({ ...schema, files }, null, 1));

// --- the table ------------------------------------------------------------------------------
const src = path.join(root, 'src') + path.sep;
const partOf = (file) => {
  const rest = file.startsWith(src) ? file.slice(src.length) : file;
  return rest.includes(path.sep) ? rest.split(path.sep)[0] : 'root';
};
const empty = () => ({ files: 0, mutants: 0, Ignored: 0, CompileError: 0, RuntimeError: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Pending: 0 });
const rows = new Map();
const total = empty();
const left = [];
for (const [file, result] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const part = partOf(file);
  if (!rows.has(part)) rows.set(part, empty());
  for (const row of [rows.get(part), total]) {
    row.files++;
    for (const m of result.mutants) {
      row.mutants++;
      row[m.status] = (row[m.status] ?? 0) + 1;
    }
  }
  for (const m of result.mutants) {
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const line = result.source.split('\n')[m.location.start.line - 1].trim();
      left.push(`- ${m.status} ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} \`${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}\` in \`${line.slice(0, 100)}\``);
    }
  }
}
const score = (r) => {
  const detected = r.Killed + r.Timeout;
  const valid = detected + r.Survived + r.NoCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)}%`;
};
const header = '| part | files | mutants | static (ignored) | rejected by TypeScript | valid | killed | timeout | survived | no coverage | score |';
const line = (name, r) =>
  `| ${name} | ${r.files} | ${r.mutants} | ${r.Ignored} | ${r.CompileError} | ${r.Killed + r.Timeout + r.Survived + r.NoCoverage} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${score(r)} |`;
const table = [header, '|---|---|---|---|---|---|---|---|---|---|---|', ...[...rows].sort(([a], [b]) => a.localeCompare(b)).map(([name, r]) => line(name, r)), line('**total**', total)];
if (total.RuntimeError || total.Pending) table.push(`(runtime errors: ${total.RuntimeError}, pending: ${total.Pending})`);
fs.writeFileSync(path.join(out, 'score.md'), [...table, '', `Mutants left (${left.length}):`, ...left, ''].join('\n'));
console.log(table.join('\n'));
console.log(`\n${checked} mutants type-checked in ${((Date.now() - started) / 1000).toFixed(1)} s; ${left.length} left, listed in ${path.join(out, 'score.md')}`);
