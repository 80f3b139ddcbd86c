// Tests of schemas/claude-request.schema.json, the JSON Schema VS Code uses for `*.claude.json` request files.
// Ajv stands in for VS Code's JSON language service: both run draft-07 with the same keywords, and every broken
// fixture is built to give exactly one problem, so one warning in the editor. schemaSdk.test.ts keeps the schema in
// step with the request types of the installed @anthropic-ai/sdk; their helpers are in test/support/requestSchema.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DEFAULT_MODEL } from '../../src/shared/defaults';
import { branchValues, claudeFiles, FIXTURES, type Json, makeAjv, readJsonc, resolveRef, root, schema, SCHEMA_ID, type Schema, walk } from '../support/requestSchema';

// A JSON Schema is walked generically here, keyword by keyword: `any` is the honest type of its nodes.
/* eslint-disable @typescript-eslint/no-explicit-any */

// Compiled in a `before` hook, so that a schema that does not compile fails as a test rather than at load time.
let ajv: Ajv;
let validateRequest: ValidateFunction;

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

});
