// Picks the view for a content block by its type. Every block gets a view: unknown types included.
import type { JsonObject } from '../../shared/callRecord';
import { asString } from '../values/json';
import type { BlockContext, BlockView } from './blockView';
import { StaticBlockView } from './staticBlock';
import { TextBlockView } from './textBlock';
import { RedactedThinkingBlockView, ThinkingBlockView } from './thinkingBlock';
import { ToolUseBlockView } from './toolUseBlock';

export type { BlockContext, BlockView } from './blockView';

export function createBlockView(index: number, block: JsonObject, context: BlockContext): BlockView {
  const type = asString(block.type) ?? '';
  try {
    return createKnown(type, index, block, context);
  } catch (error) {
    // A block that breaks its view is still shown, as JSON.
    console.error('Claude Inspector: block view failed', error);
    return new StaticBlockView(`${type} (could not be rendered)`, index, block, context);
  }
}

function createKnown(type: string, index: number, block: JsonObject, context: BlockContext): BlockView {
  switch (type) {
    case 'text':
      return new TextBlockView(index, block, context);
    case 'thinking':
      return new ThinkingBlockView(index, block, context);
    case 'redacted_thinking':
      return new RedactedThinkingBlockView(index, block, context);
    case 'tool_use':
    case 'server_tool_use':
      return new ToolUseBlockView(type, index, block, context);
    default:
      return new StaticBlockView(type, index, block, context);
  }
}
