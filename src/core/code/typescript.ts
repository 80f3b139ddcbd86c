// The request as TypeScript with @anthropic-ai/sdk: the client (baseURL, timeout, maxRetries when not the SDK's
// defaults; the key from ANTHROPIC_API_KEY), then messages.create, or messages.stream with .on('text') and
// finalMessage() for a streamed call; the body as an object literal in the request's order (fields the SDK's types
// do not know stay in it, under a cast), other headers as the call's `headers` option, anthropic-beta as `betas`
// on client.beta.messages. An ES module (top-level await): save it as .mts, or in a "type": "module" package.
import type { HeaderPart, RequestParts, TextPiece } from './requestParts';
import { layout, type LiteralSyntax } from './layout';
import { typescriptString } from './literals';
import { commentText, sdkCall, versionComment, type SdkCallOptions } from './sdkCall';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function typescriptSnippet(parts: RequestParts, options: SdkCallOptions = {}): string {
  const call = sdkCall(parts, options);
  let usesEnv = false;
  const pieces = (list: TextPiece[]): string => {
    if (list.length === 0) {
      return "''";
    }
    return list
      .map((p) => {
        if ('text' in p) {
          return typescriptString(p.text);
        }
        usesEnv = true;
        return `env(${typescriptString(p.variable)})`;
      })
      .join(' + ');
  };
  const key = (name: string): string => {
    const split = parts.pieces(name);
    if (split.length === 1 && 'text' in split[0] && IDENTIFIER.test(name) && name !== '__proto__') {
      return name;
    }
    // "__proto__" written plainly would set the object's prototype instead of sending a field: computed, it is a key.
    return name === '__proto__' || split.some((p) => 'variable' in p) ? `[${pieces(split)}]` : pieces(split);
  };
  const syntax: LiteralSyntax = {
    string: (value) => pieces(parts.pieces(value)),
    key,
    number: (text) => text,
    literal: (value) => String(value),
    indent: '  ',
    openInline: '{ ',
    closeInline: ' }',
    trailingComma: true,
  };
  const headerValue = (h: HeaderPart): string =>
    h.secret ? pieces([...(h.secret.prefix ? [{ text: h.secret.prefix }] : []), { variable: h.secret.variable }]) : typescriptString(h.value);

  const fields = call.fields.map((f) => `    ${key(f.name)}: ${layout(f.value, syntax, 2, key(f.name).length + 2)},`);
  if (call.betas) {
    fields.push(`    betas: [${call.betas.map(typescriptString).join(', ')}],`);
  }
  const unknown = call.fields.filter((f) => !f.known).map((f) => commentText(f.name, parts, typescriptString));
  const type = call.streamed
    ? call.betas ? 'Anthropic.Beta.Messages.MessageCreateParamsStreaming' : 'Anthropic.MessageStreamParams'
    : call.betas ? 'Anthropic.Beta.Messages.MessageCreateParamsNonStreaming' : 'Anthropic.MessageCreateParamsNonStreaming';
  const body = [
    ...(unknown.length > 0 ? [`  // ${unknown.join(', ')}: not in the SDK's types yet; the cast keeps ${unknown.length === 1 ? 'it' : 'them'} in the body.`] : []),
    '  {',
    ...fields,
    `  }${unknown.length > 0 ? ` as ${type}` : ''},`,
  ];
  const optionLines = [
    ...(call.callTimeoutSeconds !== undefined
      ? [
          "    // Given, or the SDK refuses a call this long that does not stream (\"Streaming is required\").",
          `    timeout: ${Math.round(call.callTimeoutSeconds * 1000)},`,
        ]
      : []),
    ...(call.headers.length > 0 ? ['    headers: {', ...call.headers.map((h) => `      ${key(h.name)}: ${headerValue(h)},`), '    },'] : []),
  ];
  const requestOptions = optionLines.length > 0 ? ['  {', ...optionLines, '  },'] : [];
  const clientOptions = [
    ...(call.baseUrl !== undefined ? [`baseURL: ${typescriptString(call.baseUrl)}`] : []),
    ...(call.timeoutSeconds !== undefined ? [`timeout: ${Math.round(call.timeoutSeconds * 1000)}`] : []),
    ...(call.maxRetries !== undefined ? [`maxRetries: ${call.maxRetries}`] : []),
  ];
  const client =
    clientOptions.length === 0
      ? 'const client = new Anthropic(); // the key from ANTHROPIC_API_KEY'
      : `// The key from ANTHROPIC_API_KEY.\nconst client = new Anthropic({\n${clientOptions.map((o) => `  ${o},`).join('\n')}\n});`;
  const messages = call.betas ? 'client.beta.messages' : 'client.messages';
  const callText = call.streamed
    ? [
        `const stream = ${messages}.stream(`,
        ...body,
        ...requestOptions,
        ');',
        "stream.on('text', (text) => process.stdout.write(text));",
        'const message = await stream.finalMessage();',
        "console.log('\\n', message.stop_reason, message.usage);",
      ]
    : [`const message = await ${messages}.create(`, ...body, ...requestOptions, ');', 'console.log(message.content);'];
  const envHelper = [
    '',
    '/** A secret the request carried, from the environment (the names the curl uses). */',
    'function env(name: string): string {',
    '  const value = process.env[name];',
    '  if (value === undefined) {',
    '    throw new Error(`${name} is not set`);',
    '  }',
    '  return value;',
    '}',
  ];
  return [
    `// ${versionComment(call, call.line.typescript, parts, typescriptString)}`,
    "import Anthropic from '@anthropic-ai/sdk';",
    ...(usesEnv ? envHelper : []),
    '',
    client,
    '',
    ...callText,
    '',
  ].join('\n');
}
