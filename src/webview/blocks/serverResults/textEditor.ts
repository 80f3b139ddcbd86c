// text_editor_code_execution_tool_result: what the editor did to a file in the container (view, create,
// str_replace), each in its own words.
import { el, icon, type Child } from '../../dom/elements';
import { asArray, asString, describe } from '../../values/json';
import { forCall, objectResult, textOutput, unexpected, type StaticSpec } from './resultParts';

const textEditor = objectResult((block, content) => {
  const type = asString(content.type) ?? '';
  const body: Child[] = [forCall(block)];
  if (type === 'text_editor_code_execution_view_result') {
    const lines = [
      `file type ${describe(content.file_type) ?? '?'}`,
      content.start_line != null ? `from line ${describe(content.start_line)}` : '',
      content.num_lines != null ? `${describe(content.num_lines)} lines` : '',
      content.total_lines != null ? `of ${describe(content.total_lines)}` : '',
    ].filter(Boolean);
    body.push(el('div', { class: 'muted' }, 'View · ', lines.join(', ')), textOutput(asString(content.content) ?? '', 'file-view'));
    return { meta: ['view'], body };
  }
  if (type === 'text_editor_code_execution_create_result') {
    body.push(el('div', null, icon('new-file'), content.is_file_update === true ? ' An existing file was overwritten.' : ' A new file was created.'));
    return { meta: ['create'], body };
  }
  if (type === 'text_editor_code_execution_str_replace_result') {
    body.push(
      el(
        'div',
        { class: 'muted' },
        `Replaced: old lines from ${describe(content.old_start) ?? '?'} (${describe(content.old_lines) ?? '?'}), new lines from ${describe(content.new_start) ?? '?'} (${describe(content.new_lines) ?? '?'})`,
      ),
    );
    const lines = asArray(content.lines);
    if (lines) {
      body.push(textOutput(lines.map((line) => describe(line) ?? '').join('\n'), 'diff'));
    }
    return { meta: ['str_replace'], body };
  }
  return unexpected(block);
});

export const textEditorResult: StaticSpec = { kind: 'block-result', icon: 'edit', title: 'Text editor result', render: textEditor };
