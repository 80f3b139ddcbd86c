// The values of a request file that would not go out as written: inexact numbers and keys written twice.
import { getNodePath, Node } from 'jsonc-parser';
import { inexactNumber } from './exactNumber';
import { pathText, positionAt, problemAt, RequestFileProblem } from './requestFileProblem';

/** More problems of one kind than this say nothing new, and would flood a terminal. */
const MAX_PROBLEMS_OF_A_KIND = 100;

/**
 * Numbers that would not go out as written, and (when checking) keys written twice in one object: the API, this
 * tool and other JSON readers disagree on which of two keys counts, so the body checked would not be the one sent.
 */
export function valueProblems(text: string, root: Node, duplicates: boolean): RequestFileProblem[] {
  const numbers: RequestFileProblem[] = [];
  const twice: RequestFileProblem[] = [];
  // A stack, not recursion: the walk must not be the thing that runs out of stack.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'number' && numbers.length < MAX_PROBLEMS_OF_A_KIND) {
      const written = text.slice(node.offset, node.offset + node.length);
      const changed = inexactNumber(written);
      if (changed) {
        numbers.push(problemAt(text, node.offset, node.length, `this number cannot be sent exactly: ${written} would go out as ${changed.sentAs} (${changed.reason}); round it, or write it as a string if the field takes one`, pathText(getNodePath(node)), 'inexact-number'));
      }
    } else if (node.type === 'array') {
      pushReversed(stack, node.children ?? []);
    } else if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) {
          continue;
        }
        const name = String(key.value);
        const first = seen.get(name);
        if (duplicates && first && twice.length < MAX_PROBLEMS_OF_A_KIND) {
          const at = positionAt(text, first.offset);
          twice.push(problemAt(text, key.offset, key.length, `duplicate key "${name}": it is already at line ${at.line}, column ${at.column}; JSON readers disagree on which one counts (the last would be sent): keep one`, pathText([...getNodePath(node), name]), 'duplicate-key'));
        } else if (!first) {
          seen.set(name, key);
        }
      }
      pushReversed(stack, (node.children ?? []).map((property) => property.children?.[1]).filter((v): v is Node => v !== undefined));
    }
  }
  return [...numbers, ...twice];
}

/** In document order when popped; a loop, because spreading a million children into push() overflows the stack. */
function pushReversed(stack: Node[], nodes: Node[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    stack.push(nodes[i]);
  }
}
