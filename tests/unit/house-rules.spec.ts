/**
 * The house rules a reviewer would otherwise check by hand: small functions where the harness
 * lives, a library that stands alone (no import of the mock server, none of Playwright's
 * internals), and a lib/ whose top level stays a short list of entry points.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test, expect } from '../../fixtures/index.js';
import { LOCAL_DEFAULTS } from '../../lib/config/embedded.js';
import { DEFAULT_CLIENT, DEFAULT_USER } from '../../mock-server/defaults.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_FUNCTION_LINES = 100;
const MAX_LOOSE_LIB_FILES = 10;

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every function, method, arrow function and accessor longer than the limit, as `file:line name (N lines)`. */
function longFunctions(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = node.name !== undefined && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
        found.push(`${file}:${start + 1} ${name} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Module specifiers of every import, export-from and dynamic import() in a file. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    // createRequire(...)('x'): the way Playwright's internals were reached before
    if (ts.isCallExpression(node) && ts.isCallExpression(node.expression) && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

const LIB = sourcesUnder('lib');


test.describe('house rules', () => {
  for (const folder of ['lib', 'pages', 'fixtures']) {
    test(`no function in ${folder}/ is longer than ${MAX_FUNCTION_LINES} lines`, () => {
      const long = sourcesUnder(folder).flatMap((file) => longFunctions(file));
      expect(long).toEqual([]);
    });
  }

  test('the check finds a long function: a 101-line method is reported, a 100-line function is not', () => {
    const body = (lines: number) => `${'  x();\n'.repeat(lines - 2)}`;
    const text = `function short() {\n${body(100)}}\nclass C {\n  long() {\n${body(101)}  }\n}\n`;
    expect(longFunctions('example.ts', text)).toEqual(['example.ts:102 long (101 lines)']);
  });

  test('lib/ and pages/ import nothing from mock-server/', () => {
    const offending = [...LIB, ...sourcesUnder('pages')].flatMap((file) => importsOf(file).filter((specifier) => /(^|\/)mock-server(\/|$)/.test(specifier)).map((specifier) => `${file} -> ${specifier}`));
    expect(offending).toEqual([]);
  });

  test("lib/ uses no Playwright internals (playwright-core/lib/…, playwright/lib/…)", () => {
    const offending = LIB.flatMap((file) => importsOf(file).filter((specifier) => /^(@playwright\/test|playwright(-core)?)\/lib\//.test(specifier)).map((specifier) => `${file} -> ${specifier}`));
    expect(offending).toEqual([]);
  });

  test(`lib/ has at most ${MAX_LOOSE_LIB_FILES} loose files; every folder says what it holds`, () => {
    const entries = readdirSync(join(ROOT, 'lib'), { withFileTypes: true });
    const loose = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(loose.length, loose.join(', ')).toBeLessThanOrEqual(MAX_LOOSE_LIB_FILES);
    for (const folder of entries.filter((entry) => entry.isDirectory())) {
      const readme = join(ROOT, 'lib', folder.name, 'README.md');
      expect(() => readFileSync(readme, 'utf8').trim(), `lib/${folder.name}/README.md`).not.toThrow();
      expect(readFileSync(readme, 'utf8').trim().length, `lib/${folder.name}/README.md is empty`).toBeGreaterThan(20);
    }
  });

  test("the library's local defaults are the embedded server's", () => {
    expect(LOCAL_DEFAULTS).toEqual({
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      redirectUri: DEFAULT_CLIENT.redirectUris[0],
      username: DEFAULT_USER.username,
      password: DEFAULT_USER.password,
    });
  });
});
