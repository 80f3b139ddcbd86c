// code_execution_tool_result and bash_code_execution_tool_result: the two tools answer in the same shape, so one
// rendering serves both: the return code, stdout (or that it is encrypted), stderr and the files the code wrote.
import type { JsonObject } from '../../../shared/callRecord';
import { el, icon, type Child } from '../../dom/elements';
import { formatChars } from '../../values/format';
import { asArray, asNumber, asObject, asString, describe, prettyJson } from '../../values/json';
import { forCall, objectResult, textOutput, type StaticSpec } from './resultParts';

function files(content: JsonObject): Child {
  const list = (asArray(content.content) ?? []).map((file) => describe(asObject(file)?.file_id) ?? prettyJson(file));
  return list.length > 0 ? el('div', { class: 'files' }, icon('file'), ` Files: `, ...list.map((id) => el('code', null, id, ' '))) : null;
}

function returnCode(code: unknown): HTMLElement {
  const value = asNumber(code);
  // The colour is on the icon: a green text would be unreadable in light themes.
  return el('span', { class: value === 0 ? 'status-ok' : 'status-error' }, icon(value === 0 ? 'pass' : 'error'), ` return code ${describe(code) ?? '?'}`);
}

const codeExecution = objectResult((block, content) => {
  const body: Child[] = [forCall(block)];
  const stdout = asString(content.stdout);
  const encrypted = asString(content.encrypted_stdout);
  const stderr = asString(content.stderr) ?? '';
  if (encrypted !== undefined) {
    body.push(el('div', { class: 'note' }, icon('lock'), ` stdout is encrypted (${formatChars(encrypted.length)}): the code called a server tool.`));
  } else {
    body.push(stdout ? textOutput(stdout, 'stdout', 'stdout') : el('div', { class: 'muted' }, 'stdout: (empty)'));
  }
  if (stderr !== '') {
    body.push(textOutput(stderr, 'stderr', 'stderr'));
  }
  body.push(files(content));
  return { meta: [returnCode(content.return_code)], body };
});

export const codeExecutionResult: StaticSpec = { kind: 'block-result', icon: 'terminal', title: 'Code execution result', render: codeExecution };
export const bashResult: StaticSpec = { kind: 'block-result', icon: 'terminal', title: 'Bash result', render: codeExecution };
