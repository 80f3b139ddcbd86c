// Tests that schemas/claude-request.schema.json keeps in step with the request types of the installed
// @anthropic-ai/sdk: the same fields, block types, tool types and literals (read from the SDK's TypeScript source).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { branchValues, resolveRef, schema, type Schema, SDK_MESSAGES } from '../support/requestSchema';

describe('request schema (schemas/claude-request.schema.json)', () => {
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
