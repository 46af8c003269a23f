/**
 * A build plugin that shrinks the static text of Lit's `css`, `html` and `svg` tagged templates in our
 * own sources, which the JS minifier leaves as written:
 *
 * - css: comments go, whitespace runs become one space, and the space around `{ } ; , >` goes.
 * - html/svg: a whitespace run that holds a line break becomes one space. HTML collapses such runs to
 *   one space anyway, so nothing renders differently (no template of ours uses preformatted text).
 *
 * Only literal text changes; `${…}` expressions and everything outside the templates are kept, and
 * source maps still point at the original lines.
 */
import { RolldownMagicString } from 'rolldown';
import ts from 'typescript';

const TAGS = new Set(['css', 'html', 'svg']);

/** The plugin, for our own TypeScript only (node_modules is minified by its authors or left alone). */
export function minifyTemplates() {
  return {
    name: 'onair-minify-templates',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('node_modules') || !/\b(?:css|html|svg)`/.test(code)) return null;
      const text = new RolldownMagicString(code);
      let changed = false;
      for (const { start, end, tag, first, last } of templatePieces(id, code)) {
        const before = code.slice(start, end);
        const after = tag === 'css' ? minifyCss(before, first, last) : minifyMarkup(before);
        if (after === before) continue;
        if (after === '') text.remove(start, end);
        else text.overwrite(start, end, after);
        changed = true;
      }
      if (!changed) return null;
      const { version, sources, sourcesContent, names, mappings } = text.generateMap({ hires: true, source: id, includeContent: true });
      return { code: text.toString(), map: { version, sources, sourcesContent, names, mappings } };
    },
  };
}

/**
 * The literal pieces of every css/html/svg tagged template in `code`: source ranges of the text
 * between the backticks and `${…}`, with whether each piece starts or ends the template.
 */
function templatePieces(id, code) {
  const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const pieces = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const tag = node.tag.text;
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      literals.forEach((literal, i) => {
        // A literal's source starts after "`" or "}" and ends before "`" or "${".
        const start = literal.getStart(source) + 1;
        const end = literal.end - (i === literals.length - 1 ? 1 : 2);
        pieces.push({ start, end, tag, first: i === 0, last: i === literals.length - 1 });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pieces;
}

/**
 * A piece of CSS; `first`/`last`: whether it starts or ends the template (else it touches a `${…}`).
 * Quoted strings are kept as written; a space after `:` can go too (a selector never has one).
 */
function minifyCss(css, first, last) {
  if (css.includes('\\')) return minifyMarkup(css); // escapes: only the always-safe whitespace
  let out = css
    .split(/("[^"\n]*"|'[^'\n]*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, ' ')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':'),
    )
    .join('');
  if (first) out = out.replace(/^ /, '');
  if (last) out = out.replace(/ $/, '');
  return out;
}

/** Whitespace runs holding a line break become one space. */
function minifyMarkup(markup) {
  return markup.replace(/[ \t]*\n\s*/g, ' ');
}
