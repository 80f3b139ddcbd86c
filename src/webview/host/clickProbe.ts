// Presses a button of the panel by the label a person reads on it, for the tests in the extension host, which cannot
// reach the webview's document (see domProbe.ts). Only a button that is shown and enabled is pressed: a person
// cannot press the others either.

function labelOf(button: HTMLButtonElement): string {
  return (button.getAttribute('aria-label') ?? button.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Clicks the first shown, enabled button labelled `label`; returns why it could not, or undefined once clicked. */
export function clickButton(label: string): string | undefined {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button'));
  const named = buttons.filter((button) => labelOf(button) === label);
  // A button of a view not selected is in the document but not laid out: it has no client rects.
  const shown = named.filter((button) => button.getClientRects().length > 0);
  const enabled = shown.find((button) => !button.disabled);
  if (enabled) {
    enabled.click();
    return undefined;
  }
  if (shown.length > 0) {
    return `the button "${label}" is disabled${shown[0].title ? `: ${shown[0].title}` : ''}`;
  }
  if (named.length > 0) {
    return `the button "${label}" is in a view not shown`;
  }
  const seen = [...new Set(buttons.filter((button) => button.getClientRects().length > 0).map(labelOf).filter(Boolean))];
  return `no button "${label}"; the buttons shown: ${seen.map((text) => `"${text}"`).join(', ') || 'none'}`;
}
