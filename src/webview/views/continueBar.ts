// The buttons under a finished call that continue its conversation, as its stop_reason allows (shared/continuation):
// Continue, answer the tool calls, Resume, Continue the answer / Raise max_tokens and resend; or, after a refusal or
// a full context window, a disabled button that says why not. The host does the editing (Claude: Continue
// Conversation).
import type { CallRecord } from '../../shared/callRecord';
import { continuationOf } from '../../shared/continuation';
import { button, el } from '../dom/elements';
import type { Host } from '../host/vscodeApi';

export function renderContinueBar(record: CallRecord, host: Host): HTMLElement | null {
  if (record.source.kind === 'cli' || !record.message || record.error) {
    return null;
  }
  const post = (action: 'continue' | 'raiseMaxTokens') => () => host.post({ type: 'conversation', callId: record.id, action });
  const where = record.source.kind === 'selection' ? 'to a new request file' : 'to the request file';
  const continuation = continuationOf(record);
  const buttons: HTMLElement[] = [];
  let note: string;
  if (continuation.ok) {
    switch (continuation.kind) {
      case 'toolResults': {
        const count = continuation.toolUseIds.length;
        buttons.push(button({ label: count === 1 ? 'Answer the tool call' : `Answer ${count} tool calls`, icon: 'tools', class: 'btn-primary', onClick: post('continue') }));
        note = `Adds this answer ${where}, then a user turn with a tool_result placeholder for each tool_use id: type each result, Tab to the next, and send.`;
        break;
      }
      case 'resume':
        buttons.push(button({ label: 'Resume', icon: 'debug-continue', class: 'btn-primary', onClick: post('continue') }));
        note = `The turn was paused (pause_turn): Resume adds it ${where}, unchanged, and sends the request again so the model goes on.`;
        break;
      case 'continueAnswer':
        buttons.push(
          button({ label: 'Continue the answer', icon: 'debug-continue', class: 'btn-primary', onClick: post('continue') }),
          button({ label: 'Raise max_tokens and resend', icon: 'arrow-up', onClick: post('raiseMaxTokens') }),
        );
        note = 'The answer was cut at max_tokens: continue it (the cut answer goes back as the last assistant turn and the model goes on from there), or send the same request with twice the max_tokens.';
        break;
      default:
        buttons.push(button({ label: 'Continue conversation', icon: 'comment-discussion', class: 'btn-primary', onClick: post('continue') }));
        note = `The API keeps no state: Continue adds this answer ${where} as the assistant turn, and a user turn for your next message.`;
    }
  } else {
    const blocked = button({ label: 'Cannot continue', icon: 'circle-slash', onClick: () => undefined });
    blocked.disabled = true;
    blocked.title = continuation.reason;
    buttons.push(blocked);
    if (continuation.stopReason === 'max_tokens') {
      buttons.push(button({ label: 'Raise max_tokens and resend', icon: 'arrow-up', onClick: post('raiseMaxTokens') }));
    }
    // The button already says "Cannot continue": the note says why, without saying it twice.
    note = `Why not: ${continuation.reason}.`;
  }
  return el('section', { class: 'continue-bar', attrs: { 'data-testid': 'continue-bar' } }, el('div', { class: 'continue-buttons' }, ...buttons), el('div', { class: 'note' }, note));
}
