// The contents of the scenario answers: a rich (and hostile) markdown answer, a very large one, and one answer
// holding every block type the SDK knows plus one it does not. Block shapes are checked against the SDK's types, so
// a change in the SDK shows up here at compile time.
import type {
  BashCodeExecutionToolResultBlock,
  CitationCharLocation,
  CitationContentBlockLocation,
  CitationPageLocation,
  CitationsSearchResultLocation,
  CitationsWebSearchResultLocation,
  CodeExecutionToolResultBlock,
  Container,
  ContainerUploadBlock,
  RedactedThinkingBlock,
  ServerToolUseBlock,
  TextCitation,
  TextEditorCodeExecutionToolResultBlock,
  ThinkingBlock,
  ToolSearchToolResultBlock,
  ToolUseBlock,
  WebFetchToolResultBlock,
  WebSearchToolResultBlock,
} from '@anthropic-ai/sdk/resources/messages';
import { containerId, fileId, opaqueBase64, Rng, serverToolUseId, toolUseId } from './random';
import type { WireBlock } from './types';

/** The text block as the API sends it: no `citations` key unless there are citations. */
export function textBlock(text: string, citations?: TextCitation[]): WireBlock {
  return citations && citations.length > 0 ? { type: 'text', text, citations } : { type: 'text', text };
}

export function thinkingBlock(thinking: string, rng: Rng): WireBlock {
  const block: ThinkingBlock = { type: 'thinking', thinking, signature: opaqueBase64(rng, 180) };
  return { ...block };
}

const direct = { type: 'direct' } as const;

export const MARKDOWN_ANSWER = `(stand-in) # A rich markdown answer

This answer comes from the **local stand-in**, not from Claude. It has *emphasis*, **bold**, \`inline code\`,
~~strikethrough~~ and a [safe link](https://example.com/docs?a=1&b=2 "a title").

## Lists

1. First, an ordered item
2. Second, with a nested list:
   - nested bullet
   - another one with \`code\`
3. Third

- [x] a done task
- [ ] an open task

## A table

| Model | Input $/MTok | Output $/MTok | Note |
|:------|-------------:|--------------:|:----:|
| Opus 5.5 | 4 | 20 | <b>bold?</b> |
| Sonnet 5.5 | 2 | 10 | pipes \\| escaped |
| Haiku 5.5 | 0.10 | 0.50 | 🚀 ünïcödé |

## Code

\`\`\`typescript
function greet(name: string): string {
  return \`Hello, \${name}!\`; // a template literal inside a fence
}
\`\`\`

\`\`\`
plain fence, <not a tag>, & an ampersand
\`\`\`

> A blockquote with a line break,
> and a second line.

---

## Things a panel must not run

A script tag: <script>alert(1)</script>

An image with a handler: <img src=x onerror=alert(1)>

A javascript link: [x](javascript:alert(1)) and an autolink <javascript:alert(2)>

A data link: [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==)

Raw HTML: <iframe src="https://example.com"></iframe> <a href="javascript:alert(4)" onclick="alert(5)">click</a>

An HTML comment: <!-- hidden? -->

Entities: &lt;b&gt; &amp; &quot; &#x3C;script&#x3E;

Math-like text: 2 < 3 && 5 > 4, and a footnote-ish reference[^1].

[^1]: A footnote.
`;

const BIG_SECTION = (n: number) => `## Section ${n}

Paragraph ${n} of a very large stand-in answer, made to test how an inspector copes with a lot of text. It repeats
with a counter so that no two sections are the same: **section ${n}**, \`code ${n}\`, and unicode — ünïcödé ✓ 日本語 🙂.

- item ${n}.1
- item ${n}.2 with [a link](https://example.com/${n})

| n | square | note |
|---|--------|------|
| ${n} | ${n * n} | row |

\`\`\`js
console.log(${n});
\`\`\`

`;

/** About `kilobytes` KB of markdown (counted in UTF-8 bytes), starting with the stand-in's mark. */
export function bigMarkdown(kilobytes: number): string {
  const target = Math.max(1, kilobytes) * 1024;
  const parts = [`(stand-in) # A big answer of about ${kilobytes} KB\n\n`];
  let bytes = Buffer.byteLength(parts[0]);
  for (let n = 1; bytes < target; n++) {
    const section = BIG_SECTION(n);
    parts.push(section);
    bytes += Buffer.byteLength(section);
  }
  return parts.join('');
}

/** Plain prose of about `chars` characters, for answers that must be long (max-tokens, slow). */
export function filler(chars: number): string {
  const sentence =
    'The stand-in keeps writing plain sentences so that the answer is long enough to be cut or streamed slowly. ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

/** Every block type of the Messages API in one answer, plus one type from the future. */
export function allBlocksContent(rng: Rng): { content: WireBlock[]; container: Container } {
  const search1 = serverToolUseId(rng);
  const search2 = serverToolUseId(rng);
  const fetch = serverToolUseId(rng);
  const code = serverToolUseId(rng);
  const bash = serverToolUseId(rng);
  const editor = serverToolUseId(rng);
  const toolSearch = serverToolUseId(rng);
  const encrypted = () => opaqueBase64(rng, 48);

  const thinking: ThinkingBlock = {
    type: 'thinking',
    thinking: '(stand-in) Thinking first: the user wants to see every block type, so I will search, fetch, run code and cite.',
    signature: opaqueBase64(rng, 180),
  };
  const redacted: RedactedThinkingBlock = { type: 'redacted_thinking', data: opaqueBase64(rng, 120) };
  const searchUse: ServerToolUseBlock = { type: 'server_tool_use', id: search1, name: 'web_search', input: { query: 'claude messages api content blocks' }, caller: direct };
  const searchResult: WebSearchToolResultBlock = {
    type: 'web_search_tool_result',
    tool_use_id: search1,
    caller: direct,
    content: [
      { type: 'web_search_result', title: 'Messages API reference', url: 'https://docs.example.com/messages', page_age: 'November 20, 2026', encrypted_content: encrypted() },
      { type: 'web_search_result', title: 'Streaming messages', url: 'https://docs.example.com/streaming', page_age: null, encrypted_content: encrypted() },
    ],
  };
  const webCitation: CitationsWebSearchResultLocation = {
    type: 'web_search_result_location',
    cited_text: 'The Messages API returns content as an array of typed blocks.',
    url: 'https://docs.example.com/messages',
    title: 'Messages API reference',
    encrypted_index: encrypted(),
  };
  const searchUse2: ServerToolUseBlock = { type: 'server_tool_use', id: search2, name: 'web_search', input: { query: 'one search too many' }, caller: direct };
  const searchError: WebSearchToolResultBlock = {
    type: 'web_search_tool_result',
    tool_use_id: search2,
    caller: direct,
    content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
  };
  const fetchUse: ServerToolUseBlock = { type: 'server_tool_use', id: fetch, name: 'web_fetch', input: { url: 'https://example.com/page' }, caller: direct };
  const fetchResult: WebFetchToolResultBlock = {
    type: 'web_fetch_tool_result',
    tool_use_id: fetch,
    caller: direct,
    content: {
      type: 'web_fetch_result',
      url: 'https://example.com/page',
      retrieved_at: '2026-11-24T10:00:00Z',
      content: {
        type: 'document',
        title: 'Example page',
        citations: { enabled: true },
        source: { type: 'text', media_type: 'text/plain', data: 'Example Domain. This domain is for use in illustrative examples in documents.' },
      },
    },
  };
  const codeUse: ServerToolUseBlock = { type: 'server_tool_use', id: code, name: 'code_execution', input: { code: 'print(sum(range(10)))\nimport sys; print("warn", file=sys.stderr)' }, caller: direct };
  const codeResult: CodeExecutionToolResultBlock = {
    type: 'code_execution_tool_result',
    tool_use_id: code,
    content: { type: 'code_execution_result', stdout: '45\n', stderr: 'warn\n', return_code: 0, content: [] },
  };
  const bashUse: ServerToolUseBlock = { type: 'server_tool_use', id: bash, name: 'bash_code_execution', input: { command: 'ls -la /tmp && exit 2' }, caller: direct };
  const bashResult: BashCodeExecutionToolResultBlock = {
    type: 'bash_code_execution_tool_result',
    tool_use_id: bash,
    content: { type: 'bash_code_execution_result', stdout: 'total 0\ndrwxrwxrwt 2 root root 40 Nov 24 10:00 .\n', stderr: 'exit requested\n', return_code: 2, content: [{ type: 'bash_code_execution_output', file_id: fileId(rng) }] },
  };
  const editorUse: ServerToolUseBlock = { type: 'server_tool_use', id: editor, name: 'text_editor_code_execution', input: { command: 'view', path: '/tmp/notes.md' }, caller: direct };
  const editorResult: TextEditorCodeExecutionToolResultBlock = {
    type: 'text_editor_code_execution_tool_result',
    tool_use_id: editor,
    content: { type: 'text_editor_code_execution_view_result', file_type: 'text', content: '# Notes\n- one\n- two\n', num_lines: 3, start_line: 1, total_lines: 3 },
  };
  const toolSearchUse: ServerToolUseBlock = { type: 'server_tool_use', id: toolSearch, name: 'tool_search_tool_regex', input: { query: 'weather' }, caller: direct };
  const toolSearchResult: ToolSearchToolResultBlock = {
    type: 'tool_search_tool_result',
    tool_use_id: toolSearch,
    content: { type: 'tool_search_tool_search_result', tool_references: [{ type: 'tool_reference', tool_name: 'get_weather' }] },
  };
  const upload: ContainerUploadBlock = { type: 'container_upload', file_id: fileId(rng) };
  const charCitation: CitationCharLocation = { type: 'char_location', cited_text: 'The grass is green.', document_index: 0, document_title: 'Plain text document', start_char_index: 0, end_char_index: 19, file_id: null };
  const pageCitation: CitationPageLocation = { type: 'page_location', cited_text: 'Revenue grew 12% year over year.', document_index: 1, document_title: 'Annual report (PDF)', start_page_number: 3, end_page_number: 4, file_id: null };
  const blockCitation: CitationContentBlockLocation = { type: 'content_block_location', cited_text: 'First chunk. Second chunk.', document_index: 2, document_title: 'Custom content document', start_block_index: 0, end_block_index: 2, file_id: null };
  const searchResultCitation: CitationsSearchResultLocation = { type: 'search_result_location', cited_text: 'Use search_result blocks for RAG.', source: 'https://kb.example.com/rag', title: 'Knowledge base', search_result_index: 0, start_block_index: 0, end_block_index: 1 };
  const toolUse: ToolUseBlock = { type: 'tool_use', id: toolUseId(rng), name: 'get_weather', input: { location: 'Paris, France', unit: 'celsius', days: [1, 2], detail: { wind: true, note: 'ünïcödé "quoted" \\ backslash' } }, caller: direct };
  const container: Container = { id: containerId(rng), expires_at: '2026-11-24T11:00:00Z', skills: null };

  const content: WireBlock[] = [
    { ...thinking },
    { ...redacted },
    textBlock('(stand-in) This answer holds every block type. First a web search:'),
    { ...searchUse },
    { ...searchResult },
    textBlock('The Messages API returns typed content blocks.', [webCitation]),
    { ...searchUse2 },
    { ...searchError },
    { ...fetchUse },
    { ...fetchResult },
    { ...codeUse },
    { ...codeResult },
    { ...bashUse },
    { ...bashResult },
    { ...editorUse },
    { ...editorResult },
    { ...toolSearchUse },
    { ...toolSearchResult },
    { ...upload },
    textBlock('The grass is green', [charCitation]),
    textBlock(', revenue grew 12%', [pageCitation]),
    textBlock(', the chunks say so', [blockCitation]),
    textBlock(' and the knowledge base agrees.', [searchResultCitation]),
    { type: 'hologram', data: { frames: 3, note: 'a block type from the future: show it as labelled JSON' } },
    textBlock('Finally, a client tool call:'),
    { ...toolUse },
  ];
  return { content, container };
}
