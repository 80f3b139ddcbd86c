// Tests of schemas/claude-request.schema.json, the JSON Schema VS Code uses for `*.claude.json` request files.
// Ajv stands in for VS Code's JSON language service: both run draft-07 with the same keywords, and every broken
// fixture is built to give exactly one problem, so one warning in the editor. The SDK test keeps the schema in step
// with the request types of the installed @anthropic-ai/sdk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DEFAULT_MODEL } from '../../src/shared/defaults';

const root = path.resolve(__dirname, '../../..');
const SCHEMA_PATH = path.join(root, 'schemas', 'claude-request.schema.json');
const FIXTURES = path.join(root, 'test', 'unit', 'fixtures', 'schema');
const SDK_MESSAGES = path.join(root, 'node_modules', '@anthropic-ai', 'sdk', 'src', 'resources', 'messages', 'messages.ts');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// A JSON Schema is walked generically here, keyword by keyword: `any` is the honest type of its nodes.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = { [key: string]: any };

const schema: Schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
const SCHEMA_ID = 'claude-request.schema.json';

/** VS Code's additions to JSON Schema, declared so that Ajv's strict mode catches any other unknown (misspelt) keyword. */
const VSCODE_KEYWORDS: [string, 'string' | 'array' | 'boolean'][] = [
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

function makeAjv(): Ajv {
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

// Compiled in a `before` hook, so that a schema that does not compile fails as a test rather than at load time.
let ajv: Ajv;
let validateRequest: ValidateFunction;

function readJsonc(file: string): Json {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
  assert.deepEqual(
    errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`),
    [],
    `${path.relative(root, file)} is not valid JSON with comments`,
  );
  return value as Json;
}

function errorsOf(body: unknown): ErrorObject[] {
  const ok = validateRequest(body);
  return ok ? [] : [...(validateRequest.errors ?? [])];
}

/** The errors a user would see: Ajv also reports each failing `then` as an `if` error on the object around it. */
function problemsOf(body: unknown): ErrorObject[] {
  return errorsOf(body).filter((e) => e.keyword !== 'if');
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n');
}

function claudeFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.claude.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Resolves a local `$ref` ("#/definitions/x" or a deeper pointer). */
function resolveRef(ref: string): Schema {
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
function walk(node: Schema, pointer: string, visit: (node: Schema, pointer: string, inCondition: boolean) => void, inCondition = false): void {
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
function branchValues(node: Schema): string[] | undefined {
  const branches = (node.allOf ?? []).filter((s: Schema) => s.if?.properties?.type);
  if (branches.length === 0) return undefined;
  return branches.flatMap((s: Schema) => {
    const t = s.if.properties.type;
    return t.const !== undefined ? [t.const] : t.enum;
  });
}

describe('request schema (schemas/claude-request.schema.json)', () => {
  before(() => {
    ajv = makeAjv();
    const compiled = ajv.getSchema(SCHEMA_ID);
    assert.ok(compiled, 'the schema does not compile');
    validateRequest = compiled;
  });

  describe('the schema itself', () => {
    it('is draft-07, valid against the draft-07 meta-schema, and compiles in Ajv strict mode', () => {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      const fresh = new Ajv({ strict: false });
      assert.equal(fresh.validateSchema(schema), true, JSON.stringify(fresh.errors));
      assert.equal(typeof validateRequest, 'function');
    });

    it('requires only "messages": model and max_tokens come from the settings', () => {
      assert.deepEqual(schema.required, ['messages']);
      assert.match(schema.properties.model.description, /claudeInspector\.defaultModel/);
      assert.match(schema.properties.max_tokens.description, /claudeInspector\.defaultMaxTokens/);
      assert.match(schema.properties.stream.description, /claudeInspector\.stream/);
    });

    it('accepts any model id, and offers the current ones (with the default model) as examples', () => {
      const model = schema.properties.model;
      assert.equal(model.type, 'string');
      assert.equal(model.enum, undefined);
      for (const id of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-haiku-4-5', 'claude-opus-4-8', 'claude-sonnet-5', 'claude-fable-5-1', 'claude-mythos-5-1']) {
        assert.ok(model.examples.includes(id), `${id} is not among the examples`);
      }
      assert.ok(model.examples.includes(DEFAULT_MODEL));
      assert.deepEqual(problemsOf({ model: 'claude-some-future-model-9', messages: [{ role: 'user', content: 'Hi' }] }), []);
    });

    it('gives every definition and every property a description (through its $ref when it is one)', () => {
      const missing: string[] = [];
      for (const [name, def] of Object.entries(schema.definitions as Record<string, Schema>)) {
        if (!(typeof def.description === 'string' && def.description.trim())) missing.push(`#/definitions/${name}`);
      }
      walk(schema, '#', (node, pointer, inCondition) => {
        if (inCondition) return; // conditions are not shown to users
        for (const [name, prop] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
          const where = `${pointer}/properties/${name}`;
          if (prop.$ref) {
            // VS Code copies the target's keys over the ones next to a $ref: a description there would never show.
            assert.equal(prop.description, undefined, `${where}: a description next to $ref is overwritten in VS Code`);
            assert.equal(prop.markdownDescription, undefined, `${where}: a markdownDescription next to $ref is overwritten in VS Code`);
            if (!resolveRef(prop.$ref).description) missing.push(`${where} (-> ${prop.$ref})`);
          } else if (!(typeof prop.description === 'string' && prop.description.trim())) {
            missing.push(where);
          }
        }
      });
      assert.deepEqual(missing, [], 'without a description');
    });

    it('keeps enum descriptions aligned with their enums, and a plain description wherever there is a markdown one', () => {
      walk(schema, '#', (node, pointer, inCondition) => {
        for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
          if (node[key] !== undefined) {
            assert.ok(Array.isArray(node.enum), `${pointer}: ${key} without enum`);
            assert.equal(node[key].length, node.enum.length, `${pointer}: ${key} has ${node[key].length} entries for ${node.enum.length} values`);
          }
        }
        if (Array.isArray(node.enum) && node.enum.length > 1 && !inCondition) {
          assert.ok(node.enumDescriptions, `${pointer}: an enum without enumDescriptions`);
        }
        if (node.markdownDescription !== undefined) assert.ok(node.description, `${pointer}: markdownDescription without description`);
        if (node.deprecationMessage !== undefined) assert.equal(node.deprecated, true, `${pointer}: deprecationMessage without deprecated`);
      });
    });

    it('discriminates every union by "type": an enum, and one if/then per value that only objects with that type enter', () => {
      let unions = 0;
      walk(schema, '#', (node, pointer) => {
        assert.equal(node.oneOf, undefined, `${pointer}: oneOf gives poor messages in VS Code; use the if/then convention`);
        const values = branchValues(node);
        if (!values) return;
        unions++;
        for (const branch of node.allOf.filter((s: Schema) => s.if?.properties?.type)) {
          assert.equal(branch.if.type, 'object', `${pointer}: an if without "type": "object" also fires on strings and numbers`);
          assert.deepEqual(branch.if.required, ['type'], `${pointer}: an if without required "type" fires on every object without a type`);
          assert.ok(branch.then?.$ref, `${pointer}: each branch refers to one definition`);
          resolveRef(branch.then.$ref);
        }
        const declared: unknown[] = node.properties.type.enum ?? [node.properties.type.const];
        const extra = pointer === '#/definitions/tool' ? ['custom', null] : []; // custom tools: the branch for a missing type
        assert.deepEqual([...declared].sort(), [...values, ...extra].sort(), `${pointer}: the type enum and the if/then branches differ`);
        assert.equal(new Set(values).size, values.length, `${pointer}: two branches for the same type`);
      });
      assert.ok(unions >= 15, `only ${unions} unions found`);
    });

    it('gives a default snippet body that is itself valid wherever it offers one', () => {
      const fill = (value: any): any => {
        if (typeof value === 'string') {
          return value
            .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
            .replace(/\$\{\d+:([^}]*)\}/g, '$1')
            .replace(/\$\{\d+\}/g, 'x');
        }
        if (Array.isArray(value)) return value.map(fill);
        if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k), fill(v)]));
        return value;
      };
      let snippets = 0;
      walk(schema, '#', (node, pointer) => {
        for (const snippet of node.defaultSnippets ?? []) {
          snippets++;
          assert.ok(snippet.label, `${pointer}: a snippet without label`);
          const validate = ajv.getSchema(pointer === '#' ? SCHEMA_ID : `${SCHEMA_ID}${pointer}`);
          assert.ok(validate, `${pointer} cannot be compiled on its own`);
          const body = fill(snippet.body);
          assert.ok(validate(body), `${pointer} snippet "${snippet.label}" is invalid: ${JSON.stringify(validate.errors)}`);
        }
      });
      assert.ok(snippets >= 20, `only ${snippets} snippets`);
    });
  });

  describe('valid request files', () => {
    const examples = claudeFiles(path.join(root, 'examples'));
    it('has examples to check', () => assert.ok(examples.length > 0));
    for (const file of examples) {
      it(`accepts examples/${path.basename(file)}`, () => {
        assert.equal(describeErrors(errorsOf(readJsonc(file))), '');
      });
    }

    const valid = claudeFiles(path.join(FIXTURES, 'valid'));
    for (const file of valid) {
      it(`accepts fixtures/schema/valid/${path.basename(file)}`, () => {
        assert.match(fs.readFileSync(file, 'utf8'), /^\/\/ Shows: /, 'a fixture starts with a "// Shows:" comment');
        assert.equal(describeErrors(errorsOf(readJsonc(file))), '');
      });
    }

    it('exercise every block type, tool type, source, citation and variant the schema knows', () => {
      const seen = new Set<unknown>();
      let customToolWithoutType = false;
      const collect = (value: Json) => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === 'object') {
          if ('type' in value) seen.add(value.type);
          Object.values(value).forEach(collect);
        }
      };
      for (const file of [...valid, ...examples]) {
        const body = readJsonc(file) as { [key: string]: Json };
        collect(body);
        if (Array.isArray(body.tools) && body.tools.some((t) => t && typeof t === 'object' && !Array.isArray(t) && !('type' in t))) {
          customToolWithoutType = true;
        }
      }
      assert.ok(customToolWithoutType, 'no custom tool without "type"');
      const unseen: string[] = [];
      walk(schema, '#', (node, pointer) => {
        for (const value of branchValues(node) ?? []) {
          if (!seen.has(value)) unseen.push(`${pointer}: ${value}`);
        }
      });
      assert.deepEqual(unseen, [], 'not exercised by any valid fixture');
    });

    it('lets blocks carry fields the schema does not know (only the top level is closed)', () => {
      const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', some_future_field: 1 }] }] };
      assert.deepEqual(problemsOf(body), []);
    });

    it('accepts the sampling parameters of older API versions but marks them deprecated', () => {
      for (const name of ['temperature', 'top_p', 'top_k']) {
        const prop = schema.properties[name];
        assert.equal(prop.deprecated, true, `${name} is not deprecated`);
        assert.match(prop.deprecationMessage, /2026-10-21/);
        assert.match(prop.description, /2026-10-21/);
      }
      assert.deepEqual(problemsOf({ temperature: 0.2, top_p: 0.9, top_k: 40, messages: [{ role: 'user', content: 'Hi' }] }), []);
    });
  });

  describe('broken request files', () => {
    const broken = claudeFiles(path.join(FIXTURES, 'invalid'));
    it('has broken fixtures to check', () => assert.ok(broken.length >= 9));
    for (const file of broken) {
      const text = fs.readFileSync(file, 'utf8');
      const expectLine = /^\/\/ expect: (\S+) (\S+)(?: (\S+))?$/m.exec(text);
      it(`flags fixtures/schema/invalid/${path.basename(file)} once, at ${expectLine?.[1]} (${expectLine?.[2]})`, () => {
        assert.match(text, /^\/\/ Shows: /, 'a fixture starts with a "// Shows:" comment');
        assert.ok(expectLine, 'a broken fixture has a "// expect: <path> <keyword> [<property>]" line');
        const [, where, keyword, property] = expectLine;
        const instancePath = where === '(root)' ? '' : where;
        const problems = problemsOf(readJsonc(file));
        assert.equal(problems.length, 1, `expected exactly one problem, got:\n${describeErrors(problems)}`);
        const [problem] = problems;
        assert.equal(problem.instancePath, instancePath, describeErrors(problems));
        assert.equal(problem.keyword, keyword, describeErrors(problems));
        if (property !== undefined) {
          const params = problem.params as { missingProperty?: string; additionalProperty?: string };
          assert.equal(params.missingProperty ?? params.additionalProperty, property, describeErrors(problems));
        }
      });
    }

    it('flags an unknown top-level field only through the top-level additionalProperties (one warning)', () => {
      const errors = errorsOf({ model: 'claude-sonnet-5-5', max_token: 1024, messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(errors.length, 1, describeErrors(errors));
      assert.equal(errors[0].keyword, 'additionalProperties');
      assert.equal(errors[0].schemaPath, '#/additionalProperties');
      assert.equal(errors[0].instancePath, '');
      assert.ok(schema.errorMessage, 'the top level explains unknown fields');
    });

    it('flags a block that is not an object once, without trying every block type', () => {
      const problems = problemsOf({ messages: [{ role: 'user', content: ['Hello'] }] });
      assert.equal(problems.length, 1, describeErrors(problems));
      assert.equal(problems[0].instancePath, '/messages/0/content/0');
      assert.equal(problems[0].keyword, 'type');
    });
  });

  describe('agreement with the installed SDK (@anthropic-ai/sdk request types)', () => {
    const sdk = fs.readFileSync(SDK_MESSAGES, 'utf8');

    /** The fields of `export interface Name`, each with whether it is optional. */
    function sdkFields(name: string): Map<string, boolean> {
      const start = sdk.indexOf(`\nexport interface ${name} {\n`);
      assert.ok(start >= 0, `interface ${name} is not in the SDK`);
      const end = sdk.indexOf('\n}\n', start);
      const fields = new Map<string, boolean>();
      for (const match of sdk.slice(start, end).matchAll(/^ {2}(\w+)(\?)?:/gm)) fields.set(match[1], match[2] === '?');
      return fields;
    }
    /** The string literals of one field (by default `type`) of an interface. */
    function sdkTypeLiterals(name: string, field = 'type'): string[] {
      const start = sdk.indexOf(`\nexport interface ${name} {\n`);
      assert.ok(start >= 0, `interface ${name} is not in the SDK`);
      const body = sdk.slice(start, sdk.indexOf('\n}\n', start));
      const line = new RegExp(`^ {2}${field}\\??: ([^;]+);`, 'm').exec(body);
      assert.ok(line, `${name} has no ${field} field`);
      return [...line[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    }
    /** The member names of `export type Name = A | B | ...`. */
    function sdkUnion(name: string): string[] {
      const match = new RegExp(`\\nexport type ${name} =([^;]+);`).exec(sdk);
      assert.ok(match, `type ${name} is not in the SDK`);
      return match[1].split('|').map((s) => s.trim()).filter(Boolean);
    }
    function sdkLiterals(name: string): string[] {
      return sdkUnion(name).flatMap((member) => [...member.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    }
    const unionTypes = (name: string) => sdkUnion(name).flatMap((member) => sdkTypeLiterals(member)).sort();
    const schemaTypes = (pointer: string) => (resolveRef(pointer).properties.type.enum as unknown[]).filter((v) => v !== null).sort();

    it('has the same top-level fields as MessageCreateParams (plus the deprecated sampling parameters)', () => {
      const sdkKeys = [...sdkFields('MessageCreateParamsBase').keys()].sort();
      const schemaKeys = Object.keys(schema.properties).filter((k) => !schema.properties[k].deprecated).sort();
      assert.deepEqual(schemaKeys, sdkKeys);
    });

    it('knows every content block type of ContentBlockParam', () => {
      assert.deepEqual(schemaTypes('#/definitions/contentBlock'), unionTypes('ContentBlockParam'));
    });

    it('knows every tool type of ToolUnion', () => {
      assert.deepEqual(schemaTypes('#/definitions/tool'), unionTypes('ToolUnion'));
    });

    it('knows every citation, thinking, tool_choice and tool_result content type, and every message role', () => {
      assert.deepEqual(schemaTypes('#/definitions/textCitation'), unionTypes('TextCitationParam'));
      assert.deepEqual(schemaTypes('#/definitions/thinking'), unionTypes('ThinkingConfigParam'));
      assert.deepEqual(schemaTypes('#/definitions/toolChoice'), unionTypes('ToolChoice'));
      assert.deepEqual(schemaTypes('#/definitions/browserStateChange'), unionTypes('BrowserStateChange'));
      assert.deepEqual(schemaTypes('#/definitions/codeExecutionToolResultContent'), unionTypes('CodeExecutionToolResultBlockParamContent'));
      const roles = sdkUnion('MessageParam').flatMap((m) => sdkTypeLiterals(m, 'role'));
      assert.deepEqual([...schema.definitions.message.properties.role.enum].sort(), roles.sort());
      const toolResult = /\n {2}content\?:([^;]+);/.exec(sdk.slice(sdk.indexOf('\nexport interface ToolResultBlockParam {')))![1];
      const toolResultTypes = [...toolResult.matchAll(/\b(\w+BlockParam)\b/g)].flatMap((m) => sdkTypeLiterals(m[1])).sort();
      assert.deepEqual(schemaTypes('#/definitions/toolResultContentBlock'), toolResultTypes);
    });

    it('has the same enums as the SDK', () => {
      const pairs: [string, string[]][] = [
        ['#/definitions/webSearchToolResultError/properties/error_code', sdkLiterals('WebSearchToolResultErrorCode')],
        ['#/definitions/webFetchToolResultError/properties/error_code', sdkLiterals('WebFetchToolResultErrorCode')],
        ['#/definitions/codeExecutionToolResultError/properties/error_code', sdkLiterals('CodeExecutionToolResultErrorCode')],
        ['#/definitions/bashCodeExecutionToolResultError/properties/error_code', sdkLiterals('BashCodeExecutionToolResultErrorCode')],
        ['#/definitions/textEditorCodeExecutionToolResultError/properties/error_code', sdkLiterals('TextEditorCodeExecutionToolResultErrorCode')],
        ['#/definitions/toolSearchToolResultError/properties/error_code', sdkLiterals('ToolSearchToolResultErrorCode')],
        ['#/definitions/browserToolset_20260801/properties/configs/properties', sdkLiterals('BrowserMemberName')],
        ['#/definitions/computerToolset_20260801/properties/configs/properties', sdkLiterals('ComputerMemberName')],
      ];
      for (const [pointer, expected] of pairs) {
        const node = resolveRef(pointer);
        const actual = pointer.endsWith('/properties') ? Object.keys(node) : node.enum;
        assert.deepEqual([...actual].sort(), [...expected].sort(), pointer);
      }
      const examples: string[] = schema.properties.model.examples;
      const models = sdkLiterals('Model');
      assert.deepEqual(examples.filter((m) => !models.includes(m)), [], 'model examples that the SDK does not list');
    });

    // Each definition and the SDK interface it mirrors: same fields, same required fields.
    const MIRRORS: Record<string, string> = {
      textBlock: 'TextBlockParam',
      imageBlock: 'ImageBlockParam',
      documentBlock: 'DocumentBlockParam',
      searchResultBlock: 'SearchResultBlockParam',
      thinkingBlock: 'ThinkingBlockParam',
      redactedThinkingBlock: 'RedactedThinkingBlockParam',
      toolUseBlock: 'ToolUseBlockParam',
      toolResultBlock: 'ToolResultBlockParam',
      serverToolUseBlock: 'ServerToolUseBlockParam',
      webSearchToolResultBlock: 'WebSearchToolResultBlockParam',
      webFetchToolResultBlock: 'WebFetchToolResultBlockParam',
      codeExecutionToolResultBlock: 'CodeExecutionToolResultBlockParam',
      bashCodeExecutionToolResultBlock: 'BashCodeExecutionToolResultBlockParam',
      textEditorCodeExecutionToolResultBlock: 'TextEditorCodeExecutionToolResultBlockParam',
      toolSearchToolResultBlock: 'ToolSearchToolResultBlockParam',
      containerUploadBlock: 'ContainerUploadBlockParam',
      imageSourceBase64: 'Base64ImageSource',
      imageSourceUrl: 'URLImageSource',
      imageSourceFile: 'FileImageSource',
      documentSourceBase64: 'Base64PDFSource',
      documentSourceText: 'PlainTextSource',
      documentSourceContent: 'ContentBlockSource',
      documentSourceUrl: 'URLPDFSource',
      documentSourceFile: 'FileDocumentSource',
      citationCharLocation: 'CitationCharLocationParam',
      citationPageLocation: 'CitationPageLocationParam',
      citationContentBlockLocation: 'CitationContentBlockLocationParam',
      citationWebSearchResultLocation: 'CitationWebSearchResultLocationParam',
      citationSearchResultLocation: 'CitationSearchResultLocationParam',
      cacheControl: 'CacheControlEphemeral',
      citationsConfig: 'CitationsConfigParam',
      callerDirect: 'DirectCaller',
      callerCodeExecution_20250825: 'ServerToolCaller',
      callerCodeExecution_20260120: 'ServerToolCaller20260120',
      toolReferenceBlock: 'ToolReferenceBlockParam',
      browserStateBlock: 'BrowserStateBlockParam',
      browserStateTab: 'BrowserStateTabEntry',
      browserTabOpened: 'BrowserStateChangeTabOpened',
      browserDownloadStarted: 'BrowserStateChangeDownloadStarted',
      browserDownloadCompleted: 'BrowserStateChangeDownloadCompleted',
      browserDownloadFailed: 'BrowserStateChangeDownloadFailed',
      webSearchResult: 'WebSearchResultBlockParam',
      webSearchToolResultError: 'WebSearchToolRequestErrorObject',
      webFetchResult: 'WebFetchBlockParam',
      webFetchToolResultError: 'WebFetchToolResultErrorBlockParam',
      codeExecutionResult: 'CodeExecutionResultBlockParam',
      encryptedCodeExecutionResult: 'EncryptedCodeExecutionResultBlockParam',
      codeExecutionToolResultError: 'CodeExecutionToolResultErrorParam',
      bashCodeExecutionResult: 'BashCodeExecutionResultBlockParam',
      bashCodeExecutionToolResultError: 'BashCodeExecutionToolResultErrorParam',
      textEditorCodeExecutionViewResult: 'TextEditorCodeExecutionViewResultBlockParam',
      textEditorCodeExecutionCreateResult: 'TextEditorCodeExecutionCreateResultBlockParam',
      textEditorCodeExecutionStrReplaceResult: 'TextEditorCodeExecutionStrReplaceResultBlockParam',
      textEditorCodeExecutionToolResultError: 'TextEditorCodeExecutionToolResultErrorParam',
      toolSearchToolSearchResult: 'ToolSearchToolSearchResultBlockParam',
      toolSearchToolResultError: 'ToolSearchToolResultErrorParam',
      message: 'UserMessageParam',
      thinkingAdaptive: 'ThinkingConfigAdaptive',
      thinkingEnabled: 'ThinkingConfigEnabled',
      thinkingDisabled: 'ThinkingConfigDisabled',
      thinkingBetweenTools: 'ThinkingConfigBetweenTools',
      toolChoiceAuto: 'ToolChoiceAuto',
      toolChoiceAny: 'ToolChoiceAny',
      toolChoiceTool: 'ToolChoiceTool',
      toolChoiceNone: 'ToolChoiceNone',
      customTool: 'Tool',
      bashTool_20250124: 'ToolBash20250124',
      codeExecutionTool_20250522: 'CodeExecutionTool20250522',
      codeExecutionTool_20250825: 'CodeExecutionTool20250825',
      codeExecutionTool_20260120: 'CodeExecutionTool20260120',
      codeExecutionTool_20260521: 'CodeExecutionTool20260521',
      browserToolset_20260801: 'BrowserToolset20260801',
      memoryTool_20250818: 'MemoryTool20250818',
      computerToolset_20260801: 'ComputerToolset20260801',
      textEditorTool_20250124: 'ToolTextEditor20250124',
      textEditorTool_20250429: 'ToolTextEditor20250429',
      textEditorTool_20250728: 'ToolTextEditor20250728',
      webSearchTool_20250305: 'WebSearchTool20250305',
      webSearchTool_20260209: 'WebSearchTool20260209',
      webSearchTool_20260318: 'WebSearchTool20260318',
      webFetchTool_20250910: 'WebFetchTool20250910',
      webFetchTool_20260209: 'WebFetchTool20260209',
      webFetchTool_20260309: 'WebFetchTool20260309',
      webFetchTool_20260318: 'WebFetchTool20260318',
      toolSearchToolBm25: 'ToolSearchToolBm25_20251119',
      toolSearchToolRegex: 'ToolSearchToolRegex20251119',
      toolsetMemberConfig: 'BrowserNavigateConfig',
      userLocation: 'UserLocation',
      webFetchUrlSources: 'WebFetchURLSources',
      webFetchUrlSourceAll: 'WebFetchURLSourceAll',
      webFetchUrlSourceNone: 'WebFetchURLSourceNone',
      webFetchUrlSourceOnly: 'WebFetchURLSourceOnly',
      webFetchUrlSourceExcept: 'WebFetchURLSourceExcept',
      outputConfig: 'OutputConfig',
      jsonOutputFormat: 'JSONOutputFormat',
      containerParams: 'ContainerParams',
    };
    const INLINE_MIRRORS: [string, string][] = [
      ['#/properties/metadata', 'Metadata'],
      ['#/properties/diagnostics', 'DiagnosticsParam'],
      ['#/definitions/containerParams/properties/skills/items', 'SkillParams'],
      ['#/definitions/webFetchUrlSourceOnly/properties/tools/items', 'WebFetchURLSourceToolReference'],
    ];

    /** Properties and required fields of a definition, including those of the bases it $refs in allOf. */
    function ownShape(node: Schema): { properties: Set<string>; required: Set<string> } {
      const properties = new Set<string>(Object.keys(node.properties ?? {}));
      const required = new Set<string>(node.required ?? []);
      for (const base of node.allOf ?? []) {
        if (base.$ref) {
          const inner = ownShape(resolveRef(base.$ref));
          inner.properties.forEach((p) => properties.add(p));
          inner.required.forEach((p) => required.add(p));
        }
      }
      return { properties, required };
    }

    const mirrors: [string, string][] = [...Object.entries(MIRRORS).map(([def, sdkName]) => [`#/definitions/${def}`, sdkName] as [string, string]), ...INLINE_MIRRORS];
    for (const [pointer, sdkName] of mirrors) {
      it(`${pointer.replace('#/definitions/', '')} has the fields of ${sdkName}`, () => {
        const fields = sdkFields(sdkName);
        const { properties, required } = ownShape(resolveRef(pointer));
        assert.deepEqual([...properties].sort(), [...fields.keys()].sort(), 'fields');
        assert.deepEqual([...required].sort(), [...fields].filter(([, optional]) => !optional).map(([f]) => f).sort(), 'required fields');
      });
    }

    it('mirrors every definition that stands for one SDK type (the rest are unions or shared pieces)', () => {
      const notMirrored = Object.keys(schema.definitions).filter((name) => !(name in MIRRORS) && branchValues(schema.definitions[name]) === undefined);
      assert.deepEqual(notMirrored.sort(), [
        'systemPrompt', // top-level `system`: string or text blocks
        'thinkingDisplay', // enum shared by adaptive and enabled thinking
        'toolAllowedCallers',
        'toolDeferLoading',
        'toolInputExamples',
        'toolInputSchema', // Tool.InputSchema, a namespaced interface
        'toolStrict',
        'webFetchToolBase', // fields shared by the web fetch versions
        'webSearchToolBase', // fields shared by the web search versions
      ].sort());
    });
  });
});
