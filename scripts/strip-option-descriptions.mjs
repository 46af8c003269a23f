/**
 * A build plugin that empties the `description` text of the adapters' option schemas
 * (`platform/<host>/options.ts`, `platform/kit/options.ts`) in the builds pages load
 * (dist/onair.js, dist/widgets/). At run time a schema's names, types, limits and defaults are all
 * an adapter reads; the descriptions are for people: the manifest and editor data (made from the
 * sources) and the OBS page's settings (a build that keeps them). A schema loads with its
 * adapter, so its prose would otherwise weigh on every page of that host.
 *
 * What is emptied, found in the syntax tree (no type information needed):
 * - the string literal of a `description:` property;
 * - a string literal passed to a function of the same file whose parameter at that place is
 *   named `description` (helpers such as `value(description, attribute)`).
 * Source maps still point at the original lines.
 */
import { RolldownMagicString } from 'rolldown';
import ts from 'typescript';

const SCHEMA_FILE = /[\\/]platform[\\/](?:[\w-]+[\\/])?options\.ts$/;

export function stripOptionDescriptions() {
  return {
    name: 'onair-strip-option-descriptions',
    transform(code, id) {
      if (!SCHEMA_FILE.test(id) || id.includes('node_modules')) return null;
      const literals = descriptionLiterals(id, code);
      if (literals.length === 0) return null;
      const text = new RolldownMagicString(code);
      for (const literal of literals) text.overwrite(literal.getStart(), literal.getEnd(), "''");
      const { version, sources, sourcesContent, names, mappings } = text.generateMap({ hires: true, source: id, includeContent: true });
      return { code: text.toString(), map: { version, sources, sourcesContent, names, mappings } };
    },
  };
}

const isText = (node) => node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text !== '';

/** The description string literals of one schema file. */
export function descriptionLiterals(fileName, code) {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // Functions of this file by name: the indexes of their parameters named `description`.
  const describing = new Map();
  const noteFunction = (name, parameters) => {
    const indexes = parameters.flatMap((parameter, index) => (ts.isIdentifier(parameter.name) && parameter.name.text === 'description' ? [index] : []));
    if (indexes.length > 0) describing.set(name, indexes);
  };
  const collect = (node) => {
    if (ts.isFunctionDeclaration(node) && node.name) noteFunction(node.name.text, node.parameters);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      noteFunction(node.name.text, node.initializer.parameters);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const found = [];
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'description' && isText(node.initializer)) found.push(node.initializer);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && describing.has(node.expression.text)) {
      for (const index of describing.get(node.expression.text)) if (isText(node.arguments[index])) found.push(node.arguments[index]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
