/**
 * Adapter option schemas. Each adapter declares its options once — name, spelling, type, range,
 * default and description — and `readOptions` parses provider attributes, URL parameters (strings)
 * and JS values (typed) against it, reporting every invalid one. `<onair-platform>` observes the
 * attributes the schemas declare, the OBS page lists the same problems, and the manifest documents
 * them from here.
 */
import { locale as validLocale, num, oneOf as pickOne, text as cleanText, THEMES } from '../validate.js';

/**
 * Adapter options as given by provider attributes, URL query parameters, or JS properties
 * (`ext` for a Stripchat helper object, for example). Every adapter reads them through its schema.
 */
export type PlatformOptions = Record<string, unknown>;

export interface OptionSpec<T> {
  /** The attribute / URL parameter spelling (kebab-case); JS options may also use camelCase. */
  attribute?: string;
  /** `string`, `integer`, `number`, `boolean`, `enum`, `json` or `object` (JS only). */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'json' | 'object';
  description: string;
  default?: T;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** The cleaned value, or `undefined` when `raw` is invalid. */
  parse: (raw: unknown) => T | undefined;
  /** A secret: its value never appears in a problem report. */
  secret?: boolean;
}

/** An adapter's options, keyed by their camelCase name. */
export type OptionSchema = Record<string, OptionSpec<unknown>>;

export type OptionValues<S extends OptionSchema> = { [K in keyof S]: S[K] extends OptionSpec<infer T> ? T | undefined : never };

/** An option that was given but could not be used; reported as `invalid-option`. */
export interface OptionProblem {
  option: string;
  message: string;
  payload?: unknown;
}

/** `spendTimeoutMs` → `spend-timeout-ms`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `spend-timeout` → `spendTimeout`. */
export function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** The attribute spelling of option `key`. */
export function attributeOf(key: string, spec: OptionSpec<unknown>): string {
  return spec.attribute ?? kebab(key);
}

/** Every attribute a schema declares (JS-only options have none). */
export function schemaAttributes(schema: OptionSchema): string[] {
  return Object.entries(schema)
    .filter(([, spec]) => spec.type !== 'object')
    .map(([key, spec]) => attributeOf(key, spec));
}

/** The raw value of option `key`, under any of its spellings. */
function rawValue(raw: PlatformOptions, key: string, spec: OptionSpec<unknown>): unknown {
  const attribute = attributeOf(key, spec);
  return raw[key] ?? raw[attribute] ?? raw[camel(attribute)];
}

/** Parses `raw` against `schema`: invalid options fall back to their default and are listed. */
export function readOptions<S extends OptionSchema>(schema: S, raw: PlatformOptions): { values: OptionValues<S>; problems: OptionProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: OptionProblem[] = [];
  for (const [key, spec] of Object.entries(schema)) {
    const given = rawValue(raw, key, spec);
    // An empty attribute is unset, except for a boolean, where it is the attribute's presence.
    const absent = given === undefined || (given === '' && spec.type !== 'boolean');
    const parsed = absent ? undefined : spec.parse(given);
    if (!absent && parsed === undefined) {
      const name = attributeOf(key, spec);
      problems.push({ option: name, message: `Ignored the invalid \`${name}\` option.`, payload: spec.secret ? undefined : given });
    }
    values[key] = parsed ?? spec.default;
  }
  return { values: values as OptionValues<S>, problems };
}

// ---- spec builders -------------------------------------------------------------------------------

type Common<T> = { description: string; default?: T; attribute?: string };

export function integer(options: Common<number> & { min: number; max: number }): OptionSpec<number> {
  return { ...options, type: 'integer', parse: (raw) => {
    const n = num(raw, options.min, options.max);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  } };
}

export function number(options: Common<number> & { min: number; max: number }): OptionSpec<number> {
  return { ...options, type: 'number', parse: (raw) => num(raw, options.min, options.max) };
}

export function text(options: Common<string> & { max?: number; pattern?: RegExp; secret?: boolean }): OptionSpec<string> {
  const { pattern, max = 200, ...rest } = options;
  return { ...rest, type: 'string', parse: (raw) => {
    const value = options.secret ? (typeof raw === 'string' && raw.length <= max ? raw : undefined) : cleanText(raw, max);
    return value !== undefined && (!pattern || pattern.test(value)) ? value : undefined;
  } };
}

/** A boolean: `true`/`false`, or the attribute strings `''`, `true`, `1`, `false`, `0`. */
export function flag(options: Common<boolean>): OptionSpec<boolean> {
  return { ...options, type: 'boolean', parse: (raw) => {
    if (raw === true || raw === 'true' || raw === '1' || raw === '') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    return undefined;
  } };
}

export function oneOf<T extends string>(values: readonly T[], options: Common<T>): OptionSpec<T> {
  return { ...options, type: 'enum', values, parse: (raw) => pickOne(values, raw) };
}

/** A value with its own parser; `object` marks a JS-only option (no attribute). */
export function custom<T>(type: OptionSpec<T>['type'], parse: (raw: unknown) => T | undefined, options: Common<T>): OptionSpec<T> {
  return { ...options, type, parse };
}

/** The options every adapter shares: the page's look and language. */
export const LOOK_OPTIONS = {
  theme: oneOf(THEMES, { description: 'The page\'s theme, `light` or `dark`, when the host gives none; widget attributes still win.' }),
  locale: custom('string', validLocale, { description: 'BCP 47 locale over the host\'s, e.g. `de-DE`.' }),
};
