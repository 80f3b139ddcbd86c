// Fork a conversation at a message: a new request file with the turns up to and including that message, and
// everything else of the file (model, system, tools, comments) as it was.
import { applyEdits, findNodeAtLocation, type Node } from 'jsonc-parser';
import { lenientTree } from '../requestFiles/fastJsonTree';

function messagesNode(text: string): Node | undefined {
  // On every CodeLens request of a 5 MB file: the fast parse, not jsonc-parser's, when the file is well-formed.
  const root = lenientTree(text);
  const messages = root && root.type === 'object' ? findNodeAtLocation(root, ['messages']) : undefined;
  return messages?.type === 'array' ? messages : undefined;
}

/** The index of the message the offset is in (or on the line of), or undefined when it is in no message. */
export function messageIndexAt(text: string, offset: number): number | undefined {
  const messages = messagesNode(text);
  const items = messages?.children ?? [];
  const index = items.findIndex((m) => offset >= m.offset && offset <= m.offset + m.length);
  return index === -1 ? undefined : index;
}

/** The offset and length of each message of the file, for CodeLenses: one per turn. */
export function messageRanges(text: string): { offset: number; length: number; role?: string }[] {
  const items = messagesNode(text)?.children ?? [];
  return items.map((m) => {
    const role = findNodeAtLocation(m, ['role']);
    return { offset: m.offset, length: m.length, role: role?.type === 'string' ? (role.value as string) : undefined };
  });
}

/** A message as a list of messages names it: its role and its first words (or its blocks' types). */
export interface MessageSummary {
  index: number;
  role: string;
  words: string;
}

/** Each message's role and first words, to choose one from a list: the file's messages are too many for a lens each. */
export function messageSummaries(text: string, chars = 80): MessageSummary[] {
  return (messagesNode(text)?.children ?? []).map((message, index) => {
    const role = findNodeAtLocation(message, ['role']);
    return { index, role: role?.type === 'string' ? String(role.value) : '?', words: firstWords(findNodeAtLocation(message, ['content']), chars) };
  });
}

function firstWords(content: Node | undefined, chars: number): string {
  const cut = (value: string) => {
    // Cut before the spaces are folded: a message may be megabytes.
    const words = value.slice(0, chars * 4).replace(/\s+/g, ' ').trim();
    return words.length > chars ? `${words.slice(0, chars - 1)}…` : words;
  };
  if (content?.type === 'string') {
    return cut(String(content.value));
  }
  const blocks = content?.type === 'array' ? content.children ?? [] : [];
  const text = blocks.map((block) => findNodeAtLocation(block, ['text'])).find((node) => node?.type === 'string');
  if (text) {
    return cut(String(text.value));
  }
  const types = blocks.map((block) => findNodeAtLocation(block, ['type'])).filter((node) => node?.type === 'string').map((node) => String(node?.value));
  return types.length > 0 ? `(${types.join(', ')})` : '';
}

/** The file with only messages[0..index]; the turns after it (and comments among them) are left out. */
export function forkAt(text: string, index: number): { ok: true; text: string; kept: number; dropped: number } | { ok: false; reason: string } {
  const messages = messagesNode(text);
  if (!messages) {
    return { ok: false, reason: 'the file has no "messages" list' };
  }
  const items = messages.children ?? [];
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    return { ok: false, reason: `there is no messages[${index}]: the file has ${items.length} message${items.length === 1 ? '' : 's'}` };
  }
  const keep = items[index];
  const lastItem = items[items.length - 1];
  if (keep === lastItem) {
    return { ok: true, text, kept: items.length, dropped: 0 };
  }
  const from = keep.offset + keep.length;
  const to = lastItem.offset + lastItem.length;
  return { ok: true, text: applyEdits(text, [{ offset: from, length: to - from, content: '' }]), kept: index + 1, dropped: items.length - index - 1 };
}
