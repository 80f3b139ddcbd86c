// While a big answer's first screen stands in for it after a reload (its beginning only, the whole record on its
// way from the host), nothing may act on the cut answer as if it were the whole: the views drawn from the whole
// message wait for it, and a Copy of the cut text copies nothing and says why.
import { REST_LOADING } from '../../shared/firstScreen';
import type { Host } from '../host/vscodeApi';

/** Views drawn from the whole message (its JSON, the conversation it ends, the stream's events): they wait. */
export const WAIT_FOR_WHOLE = new Set(['raw', 'conversation', 'timeline']);

export const WAITING_NOTE = 'The rest of the answer is loading: this view shows once it is here.';

/** The words the cut text ends with, however it is shown (markdown source, rendered, or inside a code block). */
const CUT_WORDS = REST_LOADING.replace(/[\s*()]/g, ' ').trim();

/** `host`, except that while `partial()` a copy of cut text is not posted: `say` tells the user instead. */
export function holdCutCopies(host: Host, partial: () => boolean, say: (text: string) => void): Host {
  return {
    post: (message) => {
      if (partial() && message.type === 'copy' && message.text.includes(CUT_WORDS)) {
        say('The rest of the answer is still loading: Copy again in a moment.');
        return;
      }
      host.post(message);
    },
    getState: () => host.getState(),
    setState: (state) => host.setState(state),
  };
}
