// Checks a request file has the shape the API needs before anything is sent: an object with role/content messages.
import { findNodeAtLocation, Node } from 'jsonc-parser';
import { Path, pathText, problemAt, RequestFileProblem } from './requestFileProblem';

/** The JSON type of a node, as a problem names it. */
export function describe(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}

/**
 * Checks the shape the API needs before anything can be sent: an object with a `messages` array of role/content
 * objects, and the right JSON types for the fields everyone uses. Field values the API understands better than we do
 * (model names, tool definitions, new fields) are left to the API.
 */
export function checkShape(text: string, root: Node): RequestFileProblem[] {
  const problems: RequestFileProblem[] = [];
  const at = (node: Node, path: Path, message: string) =>
    problems.push(problemAt(text, node.offset, node.length, message, pathText(path)));
  const valueNode = (path: Path) => findNodeAtLocation(root, path);
  /** The node of the property name, the natural place to point at for a wrongly typed field. */
  const keyOf = (node: Node) => (node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node);

  if (root.type !== 'object') {
    at(root, [], `a request file must be a JSON object (the request body), not ${describe(root)}`);
    return problems;
  }

  const expect = (path: Path, types: Node['type'][], what: string) => {
    const node = valueNode(path);
    if (node && !types.includes(node.type)) {
      at(node, path, `\`${pathText(path)}\` must be ${what}, not ${describe(node)}`);
    }
    return node;
  };

  expect(['model'], ['string'], 'a string (a model id such as "claude-sonnet-5-5")');
  const maxTokens = expect(['max_tokens'], ['number'], 'a whole number');
  if (maxTokens?.type === 'number') {
    const value = maxTokens.value as number;
    if (!Number.isInteger(value) || value < 0) {
      at(maxTokens, ['max_tokens'], '`max_tokens` must be a whole number, 0 or more');
    }
  }
  expect(['stream'], ['boolean'], 'true or false');
  expect(['system'], ['string', 'array'], 'a string or an array of text blocks');
  const stops = expect(['stop_sequences'], ['array'], 'an array of strings');
  stops?.children?.forEach((child, i) => {
    if (child.type !== 'string') {
      at(child, ['stop_sequences', i], `\`stop_sequences[${i}]\` must be a string, not ${describe(child)}`);
    }
  });
  expect(['tools'], ['array'], 'an array of tool definitions');
  expect(['tool_choice'], ['object'], 'an object such as {"type": "auto"}');
  expect(['metadata'], ['object'], 'an object');
  expect(['thinking'], ['object'], 'an object such as {"type": "adaptive"}');

  const messages = valueNode(['messages']);
  if (!messages) {
    const rootStart = root;
    problems.push({
      ...problemAt(text, rootStart.offset, 1, '`messages` is missing: a request needs an array of messages, e.g. "messages": [{"role": "user", "content": "Hello"}]'),
      field: 'messages',
    });
    return problems;
  }
  if (messages.type !== 'array') {
    at(keyOf(messages), ['messages'], `\`messages\` must be an array of {"role", "content"} objects, not ${describe(messages)}`);
    return problems;
  }
  const items = messages.children ?? [];
  if (items.length === 0) {
    at(messages, ['messages'], '`messages` is empty: add at least one {"role": "user", "content": "..."}');
  }
  items.forEach((message, i) => {
    const path: Path = ['messages', i];
    if (message.type !== 'object') {
      at(message, path, `\`${pathText(path)}\` must be an object with "role" and "content", not ${describe(message)}`);
      return;
    }
    const role = findNodeAtLocation(message, ['role']);
    if (!role) {
      at(message, [...path, 'role'], `\`${pathText(path)}\` has no "role": use "user" or "assistant"`);
    } else if (role.type !== 'string') {
      at(role, [...path, 'role'], `\`${pathText([...path, 'role'])}\` must be a string ("user" or "assistant"), not ${describe(role)}`);
    }
    const content = findNodeAtLocation(message, ['content']);
    if (!content) {
      at(message, [...path, 'content'], `\`${pathText(path)}\` has no "content": a string, or an array of content blocks`);
    } else if (content.type !== 'string' && content.type !== 'array') {
      at(content, [...path, 'content'], `\`${pathText([...path, 'content'])}\` must be a string or an array of content blocks, not ${describe(content)}`);
    } else if (content.type === 'array') {
      content.children?.forEach((block, j) => {
        const blockPath: Path = [...path, 'content', j];
        if (block.type !== 'object') {
          at(block, blockPath, `\`${pathText(blockPath)}\` must be a content block object with a "type", not ${describe(block)}`);
          return;
        }
        const type = findNodeAtLocation(block, ['type']);
        if (!type || type.type !== 'string') {
          at(type ?? block, [...blockPath, 'type'], `\`${pathText(blockPath)}\` needs a "type" string, such as "text"`);
        }
      });
    }
  });
  return problems;
}
