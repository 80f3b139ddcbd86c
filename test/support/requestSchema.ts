// The request schema (schemas/claude-request.schema.json) as the schema tests read it: its paths, the schema
// itself, Ajv set up as VS Code's JSON language service reads it (draft-07 with VS Code's keywords), and ways to
// walk it. Shared by schema.test.ts (the schema and the files it accepts or flags) and schemaSdk.test.ts (its
// agreement with the installed SDK).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const root = path.resolve(__dirname, '../../..');
export const SCHEMA_PATH = path.join(root, 'schemas', 'claude-request.schema.json');
export const FIXTURES = path.join(root, 'test', 'unit', 'fixtures', 'schema');
export const SDK_MESSAGES = path.join(root, 'node_modules', '@anthropic-ai', 'sdk', 'src', 'resources', 'messages', 'messages.ts');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// A JSON Schema is walked generically here, keyword by keyword: `any` is the honest type of its nodes.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Schema = { [key: string]: any };

export const schema: Schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
export const SCHEMA_ID = 'claude-request.schema.json';

/** VS Code's additions to JSON Schema, declared so that Ajv's strict mode catches any other unknown (misspelt) keyword. */
export const VSCODE_KEYWORDS: [string, 'string' | 'array' | 'boolean'][] = [
  ['markdownDescription', 'string'],
  ['enumDescriptions', 'array'],
  ['markdownEnumDescriptions', 'array'],
  ['defaultSnippets', 'array'],
  ['errorMessage', 'string'],
  ['patternErrorMessage', 'string'],
  ['deprecationMessage', 'string'],
  ['doNotSuggest', 'boolean'],
  ['suggestSortText', 'string'],
];

export function makeAjv(): Ajv {
  // Draft-07 is the default of the Ajv class. Strict, so that a misspelt keyword fails to compile; union types
  // (["string", "null"]) are allowed because the API takes null for many fields, and "required" may name a property
  // that the same subschema does not declare (conditions such as {"not": {"required": ["type"]}}).
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  for (const [keyword, schemaType] of VSCODE_KEYWORDS) {
    ajv.addKeyword({ keyword, schemaType });
  }
  ajv.addSchema(schema, SCHEMA_ID);
  return ajv;
}

export function readJsonc(file: string): Json {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
  assert.deepEqual(
    errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`),
    [],
    `${path.relative(root, file)} is not valid JSON with comments`,
  );
  return value as Json;
}

export function claudeFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.claude.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Resolves a local `$ref` ("#/definitions/x" or a deeper pointer). */
export function resolveRef(ref: string): Schema {
  assert.ok(ref.startsWith('#/'), `only local references are used, not ${ref}`);
  let node: any = schema;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  assert.ok(node && typeof node === 'object', `${ref} does not resolve`);
  return node;
}

/**
 * Every subschema with its JSON pointer. `inCondition` marks conditions (the `if` of an if/then, and `not`), which
 * only test a value: VS Code shows no text from them.
 */
export function walk(node: Schema, pointer: string, visit: (node: Schema, pointer: string, inCondition: boolean) => void, inCondition = false): void {
  visit(node, pointer, inCondition);
  const child = (value: any, p: string, cond = inCondition) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) walk(value, p, visit, cond);
  };
  for (const key of ['properties', 'definitions']) {
    for (const [name, sub] of Object.entries(node[key] ?? {})) child(sub, `${pointer}/${key}/${name}`);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    (node[key] ?? []).forEach((sub: Schema, i: number) => child(sub, `${pointer}/${key}/${i}`));
  }
  for (const key of ['items', 'then', 'else', 'additionalProperties', 'propertyNames', 'contains']) {
    child(node[key], `${pointer}/${key}`);
  }
  child(node.if, `${pointer}/if`, true);
  child(node.not, `${pointer}/not`, true);
}

/** The `type` values a union definition discriminates with if/then, or undefined for other schemas. */
export function branchValues(node: Schema): string[] | undefined {
  const branches = (node.allOf ?? []).filter((s: Schema) => s.if?.properties?.type);
  if (branches.length === 0) return undefined;
  return branches.flatMap((s: Schema) => {
    const t = s.if.properties.type;
    return t.const !== undefined ? [t.const] : t.enum;
  });
}
